import { CrmInvalidRequestError } from '../shared/crm-errors.js';
import { mergedValues } from './merge-fields.js';

describe('mergedValues', () => {
  const keptCompany = { name: 'Umbrella', email: null, phones: ['+49 221 1111 1111'], ownerId: 'u1' };
  const duplicateCompany = { name: 'Umbrella Corp', email: 'hq@umbrella.test', phones: ['0221 11111111', '+49 221 3333 3333'], ownerId: 'u2' };

  it('changes nothing without choices', () => {
    expect(mergedValues('company', keptCompany, duplicateCompany, {})).toEqual({});
  });

  it("takes the duplicate's value of a chosen field, an empty one included", () => {
    expect(mergedValues('company', keptCompany, duplicateCompany, { email: 'duplicate', name: 'duplicate' })).toEqual({ email: 'hq@umbrella.test', name: 'Umbrella Corp' });
    expect(mergedValues('company', { email: 'a@x.test' }, { email: null }, { email: 'duplicate' })).toEqual({ email: null });
  });

  it('keeps both phone lists, the kept ones first, a number both hold once (by its last nine digits)', () => {
    expect(mergedValues('company', keptCompany, duplicateCompany, { phones: 'both' })).toEqual({ phones: ['+49 221 1111 1111', '+49 221 3333 3333'] });
    expect(mergedValues('company', { phones: [] }, { phones: ['1', '1'] }, { phones: 'both' })).toEqual({ phones: ['1'] });
  });

  it("takes a lead's currency with its amount, and joins both notes (one when the other is empty or the same)", () => {
    expect(mergedValues('lead', { estimatedAmount: 10, currency: 'EUR' }, { estimatedAmount: 20, currency: 'USD' }, { estimatedAmount: 'duplicate' })).toEqual({ estimatedAmount: 20, currency: 'USD' });
    expect(mergedValues('lead', { notes: 'a' }, { notes: 'b' }, { notes: 'both' })).toEqual({ notes: 'a\n\nb' });
    expect(mergedValues('lead', { notes: null }, { notes: 'b' }, { notes: 'both' })).toEqual({ notes: 'b' });
    expect(mergedValues('lead', { notes: 'a' }, { notes: '' }, { notes: 'both' })).toEqual({ notes: 'a' });
    expect(mergedValues('lead', { notes: 'a' }, { notes: 'a' }, { notes: 'both' })).toEqual({ notes: 'a' });
  });

  it('refuses owners, references, unknown and inherited names, naming the field and what may be taken', () => {
    for (const name of ['ownerId', 'companyId', 'createdAt', 'colour', 'toString', '__proto__', 'constructor']) {
      expect(() => mergedValues('contact', {}, {}, { [name]: 'duplicate' })).toThrow(CrmInvalidRequestError);
      expect(() => mergedValues('contact', {}, {}, { [name]: 'duplicate' })).toThrow(`'fields.${name}' cannot be taken from the duplicate: a contact's mergeable fields are fullName, position, email, workPhone, mobilePhone, birthday`);
    }
  });

  it("refuses 'both' for a field that holds one value, and combinations past the field's limit", () => {
    expect(() => mergedValues('contact', {}, {}, { email: 'both' })).toThrow("'fields.email' cannot keep both values: a contact has one email");
    const phones = (prefix: string) => Array.from({ length: 6 }, (_, i) => `+49 30 ${prefix}${i}00 0000`);
    expect(() => mergedValues('company', { phones: phones('1') }, { phones: phones('2') }, { phones: 'both' })).toThrow('the two records have 12 different phone numbers together, at most 10 fit');
    expect(() => mergedValues('lead', { notes: 'a'.repeat(3000) }, { notes: 'b'.repeat(1000) }, { notes: 'both' })).toThrow('both texts together are 4002 characters, at most 4000 fit');
  });
});

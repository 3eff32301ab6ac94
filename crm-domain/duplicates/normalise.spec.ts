import { createCompanyBody } from '../companies/company-schemas.js';
import { cityKey, emailKey, nameKey, normaliseTaxId, phoneKey } from './normalise.js';

describe('duplicate keys', () => {
  it('a tax id keeps letters and digits, upper case', () => {
    expect(normaliseTaxId('de 123.456-789')).toBe('DE123456789');
    expect(normaliseTaxId(' ATU 12/345 678 ')).toBe('ATU12345678');
    expect(normaliseTaxId(' -./ ')).toBeNull();
    expect(normaliseTaxId(null)).toBeNull();
  });

  it('a phone number is its last 9 digits, whatever the prefix; fewer than 9 digits make no key', () => {
    expect(phoneKey('+49 (30) 1234-5678')).toBe('012345678');
    expect(phoneKey('+49 30 12345678')).toBe('012345678');
    expect(phoneKey('030 12345678')).toBe('012345678');
    expect(phoneKey('0049.30.123.456.78')).toBe('012345678');
    expect(phoneKey('12345678')).toBeNull();
    expect(phoneKey(undefined)).toBeNull();
  });

  it('emails and cities compare case-insensitively, trimmed', () => {
    expect(emailKey('  Info@ACME.example ')).toBe('info@acme.example');
    expect(emailKey('')).toBeNull();
    expect(cityKey(' New   York ')).toBe('new york');
    expect(cityKey('  ')).toBeNull();
  });

  it('a name key is crm.name_key: lower case, runs of other characters one space, trimmed', () => {
    expect(nameKey('  ACME, GmbH. ')).toBe('acme gmbh');
    expect(nameKey('Müller & Söhne KG')).toBe('müller söhne kg');
    expect(nameKey(' -- ')).toBeNull();
  });

  it("a company's tax id is stored normalised, and one without letters or digits is refused naming the field", () => {
    const body = { name: 'Acme', type: 'client', primaryContact: { fullName: 'Ann' } };
    expect(createCompanyBody.parse({ ...body, taxId: 'de 123 456 789' }).taxId).toBe('DE123456789');
    const refused = createCompanyBody.safeParse({ ...body, taxId: '--' });
    expect(refused.success ? [] : refused.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['taxId', 'expected a tax id with letters or digits']]);
  });
});

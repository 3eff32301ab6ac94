import { mapRow, parseMapping, suggestMapping, validateRow } from './import-columns.js';

describe('import columns', () => {
  it('suggests a mapping from header names, ignoring case, underscores and dashes; a field’s own name wins over an alias', () => {
    expect(suggestMapping(['Company_Name', 'TYPE', 'contact-email', 'E-Mail', 'Contact', 'Owner', 'Notes'])).toEqual({
      companyName: 0, companyType: 1, contactEmail: 2, companyEmail: 3, contactName: 4, ownerEmail: 5,
    });
    expect(suggestMapping(['Name', 'Contact full name', 'Contact phone', 'Phone', 'City'])).toEqual({ companyName: 0, contactName: 1, contactPhone: 2, companyPhone: 3, city: 4 });
  });

  it('checks a mapping against the file: known fields, existing columns, one field per column, the required ones present', () => {
    const headers = ['Name', 'Type', 'Contact'];
    expect(parseMapping({ companyName: 0, companyType: 1, contactName: 2, industry: null }, headers)).toEqual({ companyName: 0, companyType: 1, contactName: 2 });
    expect(() => parseMapping({ companyName: 0, companyType: 1, contactName: 2, colour: 1 }, headers)).toThrow(/'mapping.colour' is not an import field/);
    expect(() => parseMapping({ companyName: 0, companyType: 1, contactName: 5 }, headers)).toThrow(/names column 5, but the file has 3 columns/);
    expect(() => parseMapping({ companyName: 0, companyType: 0, contactName: 2 }, headers)).toThrow(/'mapping.companyType' names the column of 'companyName'/);
    expect(() => parseMapping({ companyName: 0 }, headers)).toThrow(/must name the columns of 'companyType', 'contactName'/);
    expect(() => parseMapping('all', headers)).toThrow(/expected an object/);
  });

  it('suggests the tax id from "Tax id", "VAT" and the like', () => {
    expect(suggestMapping(['Name', 'VAT', 'Town'])).toEqual({ companyName: 0, taxId: 1, city: 2 });
    expect(suggestMapping(['Tax_ID', 'VAT number'])).toEqual({ taxId: 0 });
  });

  it('makes the body of POST /api/companies from a row: empty cells left out, address and city apart, type in lower case', () => {
    const mapping = { companyName: 0, companyType: 1, address: 2, city: 3, contactName: 4, employees: 5, companyPhone: 6, ownerEmail: 7, taxId: 8 };
    expect(mapRow(['Acme', 'Client', 'Main St 1', 'Berlin', 'Ann', '12', '', 'Sasha@Example.test', 'de 123 456 789'], mapping)).toEqual({
      body: { name: 'Acme', type: 'client', address: 'Main St 1', city: 'Berlin', taxId: 'de 123 456 789', employees: 12, primaryContact: { fullName: 'Ann' } },
      ownerEmail: 'sasha@example.test',
    });
  });

  it('validates the tax id and city as POST /api/companies does, the tax id stored normalised', () => {
    const headers = ['Name', 'Type', 'Contact', 'VAT', 'City'];
    const mapping = { companyName: 0, companyType: 1, contactName: 2, taxId: 3, city: 4 };
    expect(validateRow(mapRow(['Acme', 'client', 'Ann', 'de 123.456-789', 'Berlin'], mapping), mapping, headers)).toEqual({
      body: { name: 'Acme', type: 'client', taxId: 'DE123456789', city: 'Berlin', primaryContact: { fullName: 'Ann' } },
    });
    expect(validateRow(mapRow(['Acme', 'client', 'Ann', '--', 'x'.repeat(101)], mapping), mapping, headers)).toEqual({
      errors: [{ column: 'City', message: expect.stringMatching(/at most 100/) }, { column: 'VAT', message: 'expected a tax id with letters or digits' }],
    });
  });

  it('reports every problem of a row with the header of its column', () => {
    const headers = ['Firma', 'Art', 'Mail', 'Mitarbeiter', 'Ansprechpartner', 'Kontakt-Mail'];
    const mapping = { companyName: 0, companyType: 1, companyEmail: 2, employees: 3, contactName: 4, contactEmail: 5 };
    const result = validateRow(mapRow(['', 'shop', 'nope', 'many', 'Ann', 'also-nope'], mapping), mapping, headers);
    expect(result).toEqual({
      errors: [
        { column: 'Firma', message: 'must not be empty' },
        { column: 'Art', message: 'expected one of client, partner, investor, supplier' },
        { column: 'Mitarbeiter', message: 'expected a number' },
        { column: 'Mail', message: 'expected an email address' },
        { column: 'Kontakt-Mail', message: 'expected an email address' },
      ],
    });
    expect(validateRow(mapRow(['Acme', 'client', '', '', 'Ann', ''], mapping), mapping, headers)).toEqual({ body: { name: 'Acme', type: 'client', primaryContact: { fullName: 'Ann' } } });
  });
});

import { parse } from 'csv-parse/sync';
import { csvLine } from './csv-lines.js';

describe('CSV lines of an export', () => {
  it('quotes fields with commas, quotes and line breaks, and reads back as written', () => {
    const fields = ['Acme, Inc.', 'say "hi"', 'two\nlines', '', 42, true, '+49 30 123', '-5'];
    expect(csvLine([...fields, null])).toBe('"Acme, Inc.","say ""hi""","two\nlines",,42,true,+49 30 123,-5,\r\n');
    expect(parse(csvLine(fields))).toEqual([fields.map(String)]);
  });

  it('keeps a spreadsheet from reading a cell as a formula', () => {
    expect(csvLine(['=HYPERLINK("x")', '@SUM(A1)', '+cmd', '-cmd'])).toBe(`"'=HYPERLINK(""x"")",'@SUM(A1),'+cmd,'-cmd\r\n`);
    // a sign, a number, then a formula: still a formula to a spreadsheet
    expect(csvLine(['-2+3+cmd', '+1+cmd', '-12.5', '+49 (30) 123-45'])).toBe(`'-2+3+cmd,'+1+cmd,-12.5,+49 (30) 123-45\r\n`);
  });
});

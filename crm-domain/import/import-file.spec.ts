import writeXlsxFile from 'write-excel-file/node';
import { delimiterOf, readImportTable } from './import-file.js';

describe('reading an import file', () => {
  const csv = (text: string) => readImportTable(Buffer.from(text, 'utf8'), 100);

  it('reads UTF-8 CSV with a BOM, quoted commas, quotes and line breaks inside quotes, CRLF or LF', async () => {
    const table = await csv('\uFEFF"Name",Address\r\n"Acme, Inc.","Main St ""1""\nBerlin"\r\nÜber GmbH,Straße 2\n');
    expect(table).toEqual({ format: 'csv', headers: ['Name', 'Address'], rows: [['Acme, Inc.', 'Main St "1"\nBerlin'], ['Über GmbH', 'Straße 2']], rowNumbers: [2, 3] });
  });

  it('takes semicolons or tabs when the header line has more of them than commas', async () => {
    expect(delimiterOf('Name;Type;"A, B"\n1,2,3,4,5')).toBe(';');
    expect(delimiterOf('Name\tType\n')).toBe('\t');
    expect(delimiterOf('Name\n')).toBe(',');
    expect((await csv('Name;Type\n"Semi; Colon";client\n')).rows).toEqual([['Semi; Colon', 'client']]);
  });

  it('pads short rows, names unnamed columns, trims cells, skips empty lines and drops NUL characters', async () => {
    const table = await csv('Name,,Type\n  Acme  \n\n,,\nB\u0000eta,x,partner\n');
    expect(table.headers).toEqual(['Name', 'Column 2', 'Type']);
    expect(table.rows).toEqual([['Acme', '', ''], ['Beta', 'x', 'partner']]);
  });

  it('numbers each data row as the file does: blank rows count, the header is the first row that is not blank', async () => {
    const table = await csv('\nName,Type\nAcme,client\n\n,,\n"Multi\nline",x\nBeta,partner\n');
    expect(table.rows).toEqual([['Acme', 'client'], ['Multi\nline', 'x'], ['Beta', 'partner']]);
    // a line break inside quotes does not start a row (as a spreadsheet opens the file)
    expect(table.rowNumbers).toEqual([3, 6, 7]);
    const sheet = await writeXlsxFile([
      [{ value: 'Name' }, { value: 'Type' }],
      [{ value: 'A' }, { value: 'client' }],
      [null, null],
      [null, null],
      [{ value: 'B' }, { value: 'client' }],
    ] as never).toBuffer();
    expect(await readImportTable(sheet, 100)).toEqual({ format: 'xlsx', headers: ['Name', 'Type'], rows: [['A', 'client'], ['B', 'client']], rowNumbers: [2, 5] });
  });

  it('refuses a file without data rows, with too many rows, or with broken quotes', async () => {
    await expect(csv('Name,Type\n')).rejects.toThrow(/no data rows/);
    await expect(csv('')).rejects.toThrow(/no header row/);
    await expect(readImportTable(Buffer.from('A\n1\n2\n3\n'), 2)).rejects.toThrow(/at most 2 data rows are accepted, but it has 3/);
    await expect(csv('Name\n"unclosed\n')).rejects.toThrow(/the CSV cannot be read/);
  });

  it('reads the first sheet of an XLSX file, numbers and dates as text', async () => {
    const file = await writeXlsxFile([
      [{ value: 'Name' }, { value: 'Employees' }, { value: 'Founded' }],
      [{ value: 'Sheet Co' }, { value: 12 }, { value: new Date(Date.UTC(2001, 4, 6)), format: 'yyyy-mm-dd' }],
    ] as never).toBuffer();
    expect(await readImportTable(file, 100)).toEqual({ format: 'xlsx', headers: ['Name', 'Employees', 'Founded'], rows: [['Sheet Co', '12', '2001-05-06']], rowNumbers: [2] });
  });

  it('refuses a ZIP that is no spreadsheet', async () => {
    await expect(readImportTable(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 10)).rejects.toThrow(/the XLSX file cannot be read/);
  });
});

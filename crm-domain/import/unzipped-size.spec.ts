import { zipSync } from 'fflate';
import writeXlsxFile from 'write-excel-file/node';
import { readImportTable } from './import-file.js';
import { checkUnzippedSize, unpackCounting } from './unzipped-size.js';

describe('the unpacked size of an XLSX archive', () => {
  const zeros = (bytes: number) => new Uint8Array(bytes);
  /** a ZIP whose one entry is `bytes` zeros, deflated (about a thousand to one) */
  const zeroEntry = (bytes: number) => zipSync({ 'xl/worksheets/sheet1.xml': [zeros(bytes), { level: 9 }] });

  it('lets a spreadsheet through', async () => {
    const sheet = await writeXlsxFile([[{ value: 'Name' }], [{ value: 'Acme' }]] as never).toBuffer();
    expect(() => checkUnzippedSize(sheet)).not.toThrow();
    expect((await readImportTable(sheet, 10)).rows).toEqual([['Acme']]);
  });

  it('refuses an entry that unpacks to more than 100 times its packed size (a ZIP bomb), before the reader inflates it', async () => {
    const bomb = Buffer.from(zeroEntry(20 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(() => checkUnzippedSize(bomb)).toThrow('Invalid import file: the XLSX file\'s entry xl/worksheets/sheet1.xml unpacks to more than 100 times its packed size');
    await expect(readImportTable(bomb, 10)).rejects.toThrow(/unpacks to more than 100 times its packed size/);
  });

  it('refuses an archive that unpacks to more than the limit in all', () => {
    const archive = zipSync({ 'a.xml': [zeros(600_000), { level: 0 }], 'b.xml': [zeros(600_000), { level: 0 }] });
    expect(() => checkUnzippedSize(archive, { maxBytes: 1_000_000, maxRatio: 100 })).toThrow('Invalid import file: the XLSX file unpacks to more than 1000000 bytes');
    expect(() => checkUnzippedSize(archive, { maxBytes: 1_300_000, maxRatio: 100 })).not.toThrow();
  });

  it('counts what comes out, whatever sizes the archive\'s headers claim', () => {
    const archive = zeroEntry(20 * 1024 * 1024);
    // the local header's uncompressed size (offset 22) now claims 1 KiB
    const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
    view.setUint32(22, 1024, true);
    expect(() => checkUnzippedSize(archive, { maxBytes: 5 * 1024 * 1024, maxRatio: 100_000 })).toThrow(/unpacks to more than 5242880 bytes/);
  });

  it('stops unpacking at the step that passes the limit, so a bomb never sits in memory whole', () => {
    const archive = zeroEntry(64 * 1024 * 1024);
    const counted = unpackCounting(archive, { maxBytes: 8 * 1024 * 1024, maxRatio: 100_000 });
    expect(counted.refusal).toMatch(/unpacks to more than 8388608 bytes/);
    // one step is 16 KiB in, so at most about 16 MiB out past the limit; unpacked in one go it would be all 64 MiB
    expect(counted.bytes).toBeLessThan(8 * 1024 * 1024 + 17 * 1024 * 1024);
  });

  it('refuses an archive whose compressed data is broken', () => {
    const archive = zipSync({ 'xl/workbook.xml': [new TextEncoder().encode('<workbook>'.repeat(100)), { level: 9 }] });
    // the first byte of the DEFLATE data (after the 30-byte local header and the name): block type 3 does not exist
    archive[30 + 'xl/workbook.xml'.length] = 0x07;
    expect(() => checkUnzippedSize(archive)).toThrow(/^Invalid import file: the XLSX file cannot be read \(/);
  });
});

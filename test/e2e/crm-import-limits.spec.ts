import { zipSync } from 'fflate';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** the XLSX unpack limits come from the configuration (README, *Configuration*) */
describe('XLSX import limits from the environment', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { IMPORT_XLSX_MAX_UNPACK_RATIO: '100000', IMPORT_XLSX_MAX_UNPACKED_BYTES: String(4 * 1024 * 1024) } });
  });
  afterAll(() => app?.close());

  it('refuses by the configured total once the configured ratio lets a highly packed entry through', async () => {
    const packed = Buffer.from(zipSync({ 'xl/worksheets/sheet1.xml': [new Uint8Array(20 * 1024 * 1024), { level: 9 }] }));
    const response = await fetch(`${app.url}/api/imports?fileName=companies.xlsx`, {
      method: 'POST',
      headers: { ...app.adminAuth, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      body: packed,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBe('Invalid import file: the XLSX file unpacks to more than 4194304 bytes');
  });
});

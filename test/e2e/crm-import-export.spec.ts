import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { zipSync } from 'fflate';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { CrmClient } from '../support/crm-client.js';
import { createCast, type CrmCast } from '../support/crm-fixtures.js';
import { eventually } from '../support/eventually.js';
import { basicAuth, startTestApp, TEST_USER_PASSWORD, type TestApp } from '../support/test-app.js';

/** sends a file as the body of POST /api/imports */
async function upload(app: TestApp, auth: Record<string, string>, content: Buffer | string, fileName = 'companies.csv') {
  const response = await fetch(`${app.url}/api/imports?fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST', headers: { ...auth, 'content-type': fileName.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv' }, body: content,
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function download(app: TestApp, auth: Record<string, string>, path: string) {
  const response = await fetch(`${app.url}${path}`, { headers: auth });
  return { status: response.status, type: response.headers.get('content-type'), buffer: Buffer.from(await response.arrayBuffer()) };
}

const csvRows = (buffer: Buffer) => parse(buffer.toString('utf8'), { bom: true }) as string[][];

const finished = (api: CrmClient, id: string) =>
  eventually(async () => {
    const batch = await api.ok('GET', `/api/imports/${id}`);
    expect(batch.status).toBe('completed');
    return batch;
  }, { timeoutMs: 120_000, intervalMs: 200 });

describe('CRM import and export', () => {
  let app: TestApp;
  let api: CrmClient;
  let cast: CrmCast;
  const email = (name: string) => `${name}.t@e2e.test`;

  beforeAll(async () => {
    app = await startTestApp({ env: { IMPORT_MAX_BYTES: '200000', EXPORT_MAX_ROWS: '30', IMPORT_CHUNK_ROWS: '7' } });
    api = new CrmClient(app.url, app.adminAuth);
    cast = await createCast(api, 't');
  });
  afterAll(() => app?.close());

  const seniorEmail = email('sasha.senior');
  const header = 'Company name,Type,Industry,Email,Phone,Address,City,Contact full name,Contact email,Contact phone,Owner email';

  describe('dry run', () => {
    it('reports every bad row with its row number, column and message, and writes nothing', async () => {
      const file = Buffer.from(`\uFEFF${[
        header,
        `"Acme, Inc.",client,Tools,office@acme.test,+49 30 1234,Main St 1,Berlin,Ann Acme,ann@acme.test,,${seniorEmail}`,
        'Bad Mail Ltd,client,,not-an-email,,,,Bob Bad,,,',
        'Odd Type Ltd,shop,,,,,,Cid Odd,,,',
        ',client,,,,,,,,,',
        `Owner Unknown Ltd,partner,,,,,,Dee Unknown,,,nobody@e2e.test`,
        'Acme Again,client,,OFFICE@acme.test,,,,Eve Again,,,',
      ].join('\r\n')}\r\n`);
      const uploaded = await upload(app, app.adminAuth, file);
      expect(uploaded.status).toBe(201);
      expect(uploaded.body.batch).toMatchObject({ status: 'uploaded', totalRows: 6, format: 'csv', headers: header.split(',') });
      expect(uploaded.body.suggestedMapping).toEqual({
        companyName: 0, companyType: 1, industry: 2, companyEmail: 3, companyPhone: 4, address: 5, city: 6, contactName: 7, contactEmail: 8, contactPhone: 9, ownerEmail: 10,
      });
      expect(uploaded.body.preview[0][0]).toBe('Acme, Inc.');
      const before = (await api.ok('GET', '/api/companies', { pageSize: 1 })).total;

      const report = await api.ok('POST', `/api/imports/${uploaded.body.batch.id}/dry-run`, { mapping: uploaded.body.suggestedMapping, duplicatePolicy: 'skip' });
      expect(report).toMatchObject({ totalRows: 6, valid: 1, failed: 4, duplicates: 1, truncated: false });
      expect(report.errors).toEqual([
        { row: 3, column: 'Email', message: 'expected an email address', duplicate: false },
        { row: 4, column: 'Type', message: 'expected one of client, partner, investor, supplier', duplicate: false },
        { row: 5, column: 'Company name', message: 'must not be empty', duplicate: false },
        { row: 5, column: 'Contact full name', message: 'must not be empty', duplicate: false },
        { row: 6, column: 'Owner email', message: "names no CRM user ('nobody@e2e.test')", duplicate: false },
        { row: 7, column: 'Email', message: 'likely duplicate (email): row 2 has the same email', duplicate: true },
      ]);
      expect((await api.ok('GET', '/api/companies', { pageSize: 1 })).total).toBe(before);
      expect((await api.ok('GET', `/api/imports/${uploaded.body.batch.id}`)).status).toBe('uploaded');
    });

    it('refuses a mapping without the required columns, naming them', async () => {
      const uploaded = await upload(app, app.adminAuth, `${header}\r\nX,client,,,,,,Y,,,\r\n`);
      const refused = await api.post(`/api/imports/${uploaded.body.batch.id}/dry-run`, { mapping: { companyName: 0 } });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toMatch(/'mapping' must name the columns of 'companyType', 'contactName'/);
    });

    it('reads semicolon-separated CSV and the first sheet of an XLSX file', async () => {
      const semicolons = await upload(app, app.adminAuth, 'Name;Type;Contact\r\n"Semi; Colon GmbH";client;Sam Semi\r\n');
      expect(semicolons.body.preview).toEqual([['Semi; Colon GmbH', 'client', 'Sam Semi']]);
      expect(semicolons.body.suggestedMapping).toEqual({ companyName: 0, companyType: 1, contactName: 2 });
      const xlsx = await writeXlsxFile([[{ value: 'Company' }, { value: 'Type' }, { value: 'Contact name' }, { value: 'Employees' }], [{ value: 'Sheet Co' }, { value: 'supplier' }, { value: 'Sue Sheet' }, { value: 12 }]] as never).toBuffer();
      const sheet = await upload(app, app.adminAuth, xlsx, 'companies.xlsx');
      expect(sheet.body.batch).toMatchObject({ format: 'xlsx', totalRows: 1 });
      expect(sheet.body.preview).toEqual([['Sheet Co', 'supplier', 'Sue Sheet', '12']]);
      const report = await api.ok('POST', `/api/imports/${sheet.body.batch.id}/dry-run`, { mapping: sheet.body.suggestedMapping });
      expect(report).toMatchObject({ valid: 1, failed: 0 });
    });

    it('refuses an XLSX file that unpacks to far more than it weighs (a ZIP bomb) with a 400, and keeps no batch', async () => {
      const before = (await api.ok('GET', '/api/imports')).items.length;
      const bomb = Buffer.from(zipSync({ 'xl/worksheets/sheet1.xml': [new Uint8Array(20 * 1024 * 1024), { level: 9 }] }));
      const refused = await upload(app, app.adminAuth, bomb, 'companies.xlsx');
      expect(refused.status).toBe(400);
      expect(refused.body.message).toBe('Invalid import file: the XLSX file\'s entry xl/worksheets/sheet1.xml unpacks to more than 100 times its packed size');
      expect((await api.ok('GET', '/api/imports')).items.length).toBe(before);
    });

    it('answers 413 for a file over IMPORT_MAX_BYTES', async () => {
      const tooLarge = await upload(app, app.adminAuth, `${header}\r\n${'x'.repeat(210_000)}\r\n`);
      expect(tooLarge.status).toBe(413);
    });
  });

  describe('import', () => {
    it('imports a file in chunks, shows progress, keeps failures and skipped duplicates for download', async () => {
      const rows = Array.from({ length: 30 }, (_, i) => `Imported ${String(i).padStart(2, '0')} AG,client,Imports,office${i}@imported.test,,Road ${i},Town,Contact ${i},contact${i}@imported.test,,${seniorEmail}`);
      rows[4] = 'Imported bad AG,client,Imports,broken,,,,Broken Contact,,,';
      rows[9] = `Imported dup AG,client,Imports,office0@imported.test,,,,Dup Contact,,,`;
      const uploaded = await upload(app, app.adminAuth, `${header}\n${rows.join('\n')}\n`);
      const id = uploaded.body.batch.id;
      const started = await api.ok('POST', `/api/imports/${id}/start`, { mapping: uploaded.body.suggestedMapping, duplicatePolicy: 'skip' });
      expect(['queued', 'running', 'completed']).toContain(started.status);
      const batch = await finished(api, id);
      expect(batch).toMatchObject({ totalRows: 30, rowsImported: 28, rowsFailed: 1, rowsSkipped: 1, rowsDone: 30 });
      expect((await api.post(`/api/imports/${id}/start`, {})).status).toBe(400);

      const list = await api.ok('GET', '/api/companies', { industry: 'Imports', pageSize: 100 });
      expect(list.total).toBe(28);
      const first = await api.ok('GET', `/api/companies/${list.items[0].id}`);
      expect(first).toMatchObject({ name: 'Imported 00 AG', ownerId: cast.senior, address: 'Road 0', city: 'Town', email: 'office0@imported.test' });
      expect(first.contacts).toEqual([expect.objectContaining({ fullName: 'Contact 0', email: 'contact0@imported.test', ownerId: cast.senior })]);
      // the senior manager owns them: they see them in their list
      expect((await api.as(cast.senior).ok('GET', '/api/companies', { industry: 'Imports' })).total).toBe(28);

      const failures = await download(app, app.adminAuth, `/api/imports/${id}/failures.csv`);
      expect(failures.status).toBe(200);
      const lines = csvRows(failures.buffer);
      expect(lines[0]).toEqual(['Row', 'Outcome', 'Errors', ...header.split(',')]);
      expect(lines.slice(1).map((l) => l.slice(0, 3))).toEqual([
        ['6', 'failed', 'Email: expected an email address'],
        ['11', 'skipped', 'Email: likely duplicate (email): row 2 has the same email'],
      ]);
      expect(lines[1]![3]).toBe('Imported bad AG');
      expect((await api.ok('GET', '/api/imports')).items.map((b: any) => b.id)).toContain(id);
    });

    it('numbers rows as the file does: blank lines count, in the dry run and in failures.csv', async () => {
      const file = [header, '', 'Blank Lines One AG,client,Blanks,,,,,Bo One,,,', '', '', 'Blank Lines Bad AG,shop,Blanks,,,,,Bo Bad,,,', ',,,,,,,,,,', 'Blank Lines Two AG,client,Blanks,broken,,,,Bo Two,,,'].join('\n');
      const uploaded = await upload(app, app.adminAuth, `${file}\n`);
      const id = uploaded.body.batch.id;
      expect(uploaded.body.batch.totalRows).toBe(3);
      const report = await api.ok('POST', `/api/imports/${id}/dry-run`, { mapping: uploaded.body.suggestedMapping, duplicatePolicy: 'skip' });
      expect(report.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([[6, 'Type'], [8, 'Email']]);
      await api.ok('POST', `/api/imports/${id}/start`, { mapping: uploaded.body.suggestedMapping, duplicatePolicy: 'skip' });
      expect(await finished(api, id)).toMatchObject({ rowsImported: 1, rowsFailed: 2 });
      const lines = csvRows((await download(app, app.adminAuth, `/api/imports/${id}/failures.csv`)).buffer);
      expect(lines.slice(1).map((l) => [l[0], l[3]])).toEqual([['6', 'Blank Lines Bad AG'], ['8', 'Blank Lines Two AG']]);
    });

    it('imports duplicates too when the policy says so', async () => {
      const uploaded = await upload(app, app.adminAuth, `${header}\nTwin AG,client,Twins,twin@twins.test,,,,Tom Twin,,,\nTwin Again AG,client,Twins,twin@twins.test,,,,Tim Twin,,,\n`);
      await api.ok('POST', `/api/imports/${uploaded.body.batch.id}/start`, { mapping: uploaded.body.suggestedMapping, duplicatePolicy: 'import' });
      expect(await finished(api, uploaded.body.batch.id)).toMatchObject({ rowsImported: 2, rowsSkipped: 0 });
    });
  });

  describe('likely duplicates by the rules of crm-domain/duplicates', () => {
    const dupHeader = 'Company name,Type,VAT,Email,Phone,City,Contact full name,Contact email,Contact phone';
    const company = (body: Record<string, unknown>) => api.ok('POST', '/api/companies?confirmDuplicate=true', { type: 'client', ...body, primaryContact: { fullName: `Of ${body['name']}`, ...(body['primaryContact'] as object) } });

    it('skips a row per rule, against stored records and earlier rows; the dry run and the import agree', async () => {
      await company({ name: 'Taxed Holding', taxId: 'DE 999 000 111', city: 'Hamburg' });
      await company({ name: 'Phoned Ltd', phones: ['+49 40 5550 1234'] });
      await company({ name: 'Nordlicht Handel GmbH', city: 'Kiel' });
      await company({ name: 'Known Person Co', primaryContact: { fullName: 'Known Person', email: 'known.person@dups.test' } });
      const rows = [
        'Fresh One AG,client,de999000111,,,Bremen,Contact One,,', // 2: tax id of a stored company
        'Fresh Two AG,client,,,0049 40 55501234,Bremen,Contact Two,,', // 3: phone (last 9 digits) of a stored company
        'Nordlicht Handel,client,,,,kiel,Contact Three,,', // 4: close name in the same city
        'Nordlicht Handel,client,,,,Lübeck,Contact Four,,', // 5: the same name in another city: imported
        'Fresh Five AG,client,,,,,Contact Five,KNOWN.person@dups.test,', // 6: the contact's email, any case
        'Inner Taxed AG,client,ATU 1234 5678,,,,Contact Six,,', // 7: imported
        'Twin Name GmbH,client,,,,Rostock,Contact Seven,,', // 8: imported (the last row of the first chunk of 7)
        'Inner Taxed Again,client,atu12345678,,,,Contact Eight,,', // 9: tax id of row 7
        '"TWIN NAME, GmbH.",client,,,,rostock,Contact Nine,,', // 10: the same name in the same city as row 8
        'Twin Name GmbH Nord,client,,,,Rostock,Contact Ten,,', // 11: only a close name of row 8: imported, as the dry run says, though row 8 is stored by then
        'Phone Twin AG,client,,,+49 171 8889990,,Contact Eleven,,', // 12: imported
        'Phone Twin Two,client,,,0171 888 9990,,Contact Twelve,,', // 13: phone of row 12
        'Twin Name GmbH,client,,,,Dresden,Contact Thirteen,,', // 14: another city: imported
      ];
      const uploaded = await upload(app, app.adminAuth, `${dupHeader}\n${rows.join('\n')}\n`);
      expect(uploaded.body.suggestedMapping).toMatchObject({ taxId: 2, city: 5 });
      const id = uploaded.body.batch.id;
      const duplicates = [
        { row: 2, column: 'VAT', message: "likely duplicate (taxId): the company 'Taxed Holding' has the same tax id", duplicate: true },
        { row: 3, column: 'Phone', message: "likely duplicate (phone): the company 'Phoned Ltd' has the same phone number", duplicate: true },
        { row: 4, column: 'Company name', message: "likely duplicate (name): the company 'Nordlicht Handel GmbH' has a close name in the same city", duplicate: true },
        { row: 6, column: 'Contact email', message: "likely duplicate (email): the contact 'Known Person' has the same email", duplicate: true },
        { row: 9, column: 'VAT', message: 'likely duplicate (taxId): row 7 has the same tax id', duplicate: true },
        { row: 10, column: 'Company name', message: 'likely duplicate (name): row 8 has the same name in the same city', duplicate: true },
        { row: 13, column: 'Phone', message: 'likely duplicate (phone): row 12 has the same phone number', duplicate: true },
      ];
      const report = await api.ok('POST', `/api/imports/${id}/dry-run`, { mapping: uploaded.body.suggestedMapping });
      expect(report).toMatchObject({ totalRows: 13, valid: 6, failed: 0, duplicates: 7 });
      expect(report.errors).toEqual(duplicates);

      await api.ok('POST', `/api/imports/${id}/start`, { mapping: uploaded.body.suggestedMapping });
      expect(await finished(api, id)).toMatchObject({ rowsImported: 6, rowsSkipped: 7, rowsFailed: 0 });
      const skipped = csvRows((await download(app, app.adminAuth, `/api/imports/${id}/failures.csv`)).buffer).slice(1);
      expect(skipped.map((line) => [Number(line[0]), line[1], line[2]])).toEqual(duplicates.map((d) => [d.row, 'skipped', `${d.column}: ${d.message}`]));

      const imported = await api.ok('GET', '/api/companies', { q: 'Twin Name', sort: 'name', pageSize: 10 });
      expect(imported.items.map((c: any) => `${c.name} in ${c.city}`).sort()).toEqual(['Twin Name GmbH Nord in Rostock', 'Twin Name GmbH in Dresden', 'Twin Name GmbH in Rostock']);
      const taxed = await api.ok('GET', '/api/companies', { q: 'Inner Taxed' });
      expect(taxed.items.map((c: any) => c.taxId)).toEqual(['ATU12345678']);
    });

    it('refuses a tax id and a city as POST /api/companies does', async () => {
      const uploaded = await upload(app, app.adminAuth, `${dupHeader}\nNo Tax AG,client,--,,,${'x'.repeat(101)},Contact,,\n`);
      const report = await api.ok('POST', `/api/imports/${uploaded.body.batch.id}/dry-run`, { mapping: uploaded.body.suggestedMapping });
      expect(report.errors).toEqual([
        { row: 2, column: 'City', message: expect.stringMatching(/at most 100/), duplicate: false },
        { row: 2, column: 'VAT', message: 'expected a tax id with letters or digits', duplicate: false },
      ]);
    });
  });

  describe('access', () => {
    it('managers and heads may not import; a director may, and owns the batch', async () => {
      const file = `${header}\nMine AG,client,,,,,,Me,,,\n`;
      const refused = await upload(app, basicAuth(cast.senior, TEST_USER_PASSWORD), file);
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/may not import companies/);
      expect((await upload(app, basicAuth(cast.headOfSales, TEST_USER_PASSWORD), file)).status).toBe(403);
      expect((await api.as(cast.senior).get('/api/imports')).status).toBe(403);

      const mine = await upload(app, basicAuth(cast.director, TEST_USER_PASSWORD), file);
      expect(mine.status).toBe(201);
      expect((await api.as(cast.director).get(`/api/imports/${mine.body.batch.id}`)).status).toBe(200);
      // the admin is another importer: the director's batch is not theirs
      expect((await api.get(`/api/imports/${mine.body.batch.id}`)).status).toBe(404);
      expect((await api.post(`/api/imports/${mine.body.batch.id}/start`, {})).status).toBe(404);
      expect((await download(app, app.adminAuth, `/api/imports/${mine.body.batch.id}/failures.csv`)).status).toBe(404);
    });
  });

  describe('export', () => {
    it('a CSV export is the list: the same rows in the same order, with names for owners and companies', async () => {
      const query = { industry: 'Imports', sort: '-name' };
      const list = await api.ok('GET', '/api/companies', { ...query, pageSize: 200 });
      const exported = await download(app, app.adminAuth, `/api/companies/export?format=csv&industry=Imports&sort=-name`);
      expect(exported.status).toBe(200);
      expect(exported.type).toMatch(/^text\/csv/);
      const [head, ...rows] = csvRows(exported.buffer);
      expect(head!.slice(0, 3)).toEqual(['Id', 'Name', 'Type']);
      expect(rows.map((r) => r[0])).toEqual(list.items.map((c: any) => c.id));
      expect(rows.map((r) => r[head!.indexOf('Owner')])).toEqual(list.items.map(() => 'Sasha Senior'));

      const contacts = await download(app, app.adminAuth, `/api/contacts/export?companyId=${list.items[0].id}`);
      const [contactHead, contact] = csvRows(contacts.buffer);
      expect(contact![contactHead!.indexOf('Company')]).toBe(list.items[0].name);
    });

    it('an XLSX export reads back as the list', async () => {
      const list = await api.ok('GET', '/api/companies', { industry: 'Imports', sort: 'name', pageSize: 200 });
      const exported = await download(app, app.adminAuth, '/api/companies/export?format=xlsx&industry=Imports&sort=name');
      expect(exported.status).toBe(200);
      const [head, ...rows] = (await readSheet(exported.buffer)) as unknown[][];
      expect(rows.map((r) => r[head!.indexOf('Name')])).toEqual(list.items.map((c: any) => c.name));
      expect(rows.map((r) => r[head!.indexOf('Address')])).toEqual(list.items.map((c: any) => c.address));
    });

    it('covers only what the caller sees', async () => {
      const mine = await download(app, basicAuth(cast.junior, TEST_USER_PASSWORD), '/api/companies/export?industry=Imports');
      expect(mine.status).toBe(200);
      expect(csvRows(mine.buffer)).toHaveLength(1);
    });

    it('refuses more rows than EXPORT_MAX_ROWS, and bad filters, with a 400', async () => {
      const tooMany = await api.get('/api/companies/export');
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.message).toMatch(/at most 30 are exported/);
      expect((await api.get('/api/deals/export', { stage: 'closed' })).status).toBe(400);
      expect((await api.get('/api/companies/export', { format: 'pdf' })).body.message).toMatch(/'format': expected one of csv, xlsx/);
      for (const list of ['leads', 'deals', 'complaints', 'activities']) expect((await api.get(`/api/${list}/export`)).status).toBe(200);
    });
  });
});

describe('an import continues after a restart where its last committed chunk ended (embedded database)', () => {
  let dataDir: string;
  let app: TestApp | null = null;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'bpmn-import-restart-'));
  });
  afterEach(async () => {
    await app?.close();
    app = null;
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is taken over by the next service and imports every row once', async () => {
    const env = { IMPORT_CHUNK_ROWS: '5' };
    app = await startTestApp({ embeddedDataDir: dataDir, env });
    let api = new CrmClient(app.url, app.adminAuth);
    const rows = Array.from({ length: 300 }, (_, i) => `Resumed ${i} AG,client,Resumed,resumed${i}@resume.test,Contact ${i}`);
    const uploaded = await upload(app, app.adminAuth, `Name,Type,Industry,Email,Contact\n${rows.join('\n')}\n`);
    const id = uploaded.body.batch.id;
    await api.ok('POST', `/api/imports/${id}/start`, { mapping: uploaded.body.suggestedMapping });
    const midway = await eventually(async () => {
      const batch = await api.ok('GET', `/api/imports/${id}`);
      expect(batch.rowsDone).toBeGreaterThanOrEqual(10);
      return batch;
    }, { timeoutMs: 120_000, intervalMs: 20 });
    await app.close();
    app = null;
    expect(midway).toMatchObject({ status: 'running' });
    expect(midway.rowsDone).toBeLessThan(300);

    app = await startTestApp({ embeddedDataDir: dataDir, env });
    api = new CrmClient(app.url, app.adminAuth);
    const afterRestart = await api.ok('GET', `/api/imports/${id}`);
    expect(afterRestart.rowsDone).toBeLessThan(300);
    const batch = await finished(api, id);
    expect(batch).toMatchObject({ rowsImported: 300, rowsFailed: 0, rowsSkipped: 0 });
    expect((await api.ok('GET', '/api/companies', { industry: 'Resumed', pageSize: 1 })).total).toBe(300);
  }, 300_000);
});

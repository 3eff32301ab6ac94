import { randomUUID } from 'node:crypto';
import { openEmbeddedTestDatabase, type EmbeddedTestDatabase } from '../../test/support/test-database.js';
import { eventually } from '../../test/support/eventually.js';
import { SYSTEM_VIEWER } from '../access/record-viewer.js';
import { DEFAULT_CRM_OPTIONS, type CrmOptions } from '../crm-options.js';
import { crmEntities } from '../entities.js';
import { CrmDatabase } from '../shared/crm-database.js';
import { insertRows } from './import-batches.js';
import type { ImportDuplicateCheck } from './import-duplicate-check.js';
import { DEFAULT_IMPORT_EXPORT_OPTIONS } from './import-options.js';
import { ImportRunner } from './import-runner.js';

const OPTIONS: CrmOptions = { ...DEFAULT_CRM_OPTIONS, importExport: { ...DEFAULT_IMPORT_EXPORT_OPTIONS, importPollMs: 20, importLeaseMs: 200, importMaxAttempts: 3 } };
const unreachable = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

// the import runner against a real (embedded) database: a lasting failure ends the batch as failed, an outage is waited out
describe('import runner: failures', () => {
  let embedded: EmbeddedTestDatabase;
  let db: CrmDatabase;
  const runners: ImportRunner[] = [];

  beforeAll(async () => {
    embedded = await openEmbeddedTestDatabase(crmEntities);
    db = new CrmDatabase(embedded.opened);
  }, 180_000);
  afterAll(async () => {
    for (const runner of runners) await runner.onModuleDestroy();
    await embedded?.close();
  });

  const queue = async (rows: string[][]) => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO crm.import_batches (id, importer_id, importer, file_name, format, headers, mapping, status, total_rows)
       VALUES ($1, 'spec', $2::jsonb, 'companies.csv', 'csv', $3::jsonb, $4::jsonb, 'queued', $5)`,
      [id, JSON.stringify(SYSTEM_VIEWER), JSON.stringify(['Company', 'Type', 'Contact']), JSON.stringify({ companyName: 0, companyType: 1, contactName: 2 }), rows.length],
    );
    await insertRows(db.dataSource.manager, id, rows.map((cells, i) => ({ rowNumber: i + 2, cells })));
    return id;
  };
  const batch = async (id: string) => (await db.query<{ status: string; last_error: string | null; attempts: number; finished_at: Date | null; lease_owner: string | null; rows_imported: number }>(
    `SELECT status, last_error, attempts, finished_at, lease_owner, rows_imported FROM crm.import_batches WHERE id = $1`, [id]))[0]!;
  /** a runner whose duplicate check fails `failures` times with `error` before it works */
  const runnerFailing = (failures: number, error: () => Error) => {
    let calls = 0;
    const check: ImportDuplicateCheck = {
      begin: () => {
        calls += 1;
        if (calls <= failures) throw error();
        return { check: async () => new Map() };
      },
    };
    const runner = new ImportRunner(db, OPTIONS, check);
    runners.push(runner);
    return { runner, calls: () => calls };
  };

  it('a lasting failure (a bug) is tried importMaxAttempts times with growing pauses, then the batch is failed with its error', async () => {
    const id = await queue([['Acme', 'client', 'Ann']]);
    const { runner, calls } = runnerFailing(Number.MAX_SAFE_INTEGER, () => new TypeError("Cannot read properties of undefined (reading 'rules')"));
    const started = Date.now();
    await eventually(async () => {
      runner.poke();
      expect(await batch(id)).toMatchObject({ status: 'failed' });
    }, { timeoutMs: 20_000, intervalMs: 10 });
    // pauses of 20 ms and 40 ms between the three attempts
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
    expect(await batch(id)).toMatchObject({ status: 'failed', attempts: 3, lease_owner: null, last_error: "Cannot read properties of undefined (reading 'rules')" });
    expect((await batch(id)).finished_at).toBeInstanceOf(Date);
    await new Promise((resolve) => setTimeout(resolve, 300));
    runner.poke();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls()).toBe(3);
  }, 60_000);

  it('an unreachable database is waited out, however long: the batch is not failed and completes when it is back', async () => {
    const id = await queue([['Globex', 'client', 'Gina']]);
    const { runner, calls } = runnerFailing(5, unreachable);
    await eventually(async () => {
      runner.poke();
      expect(await batch(id)).toMatchObject({ status: 'completed' });
    }, { timeoutMs: 30_000, intervalMs: 20 });
    expect(calls()).toBe(6);
    expect(await batch(id)).toMatchObject({ status: 'completed', attempts: 0, rows_imported: 1 });
  }, 60_000);
});

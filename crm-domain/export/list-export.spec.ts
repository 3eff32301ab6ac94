import type { Response } from 'express';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { openEmbeddedTestDatabase, type EmbeddedTestDatabase } from '../../test/support/test-database.js';
import { SYSTEM_VIEWER } from '../access/record-viewer.js';
import { CompaniesService } from '../companies/companies.service.js';
import { companyListQuery } from '../companies/company-schemas.js';
import { ContactsService } from '../companies/contacts.service.js';
import { crmEntities } from '../entities.js';
import { CrmDatabase } from '../shared/crm-database.js';
import { COMPANY_EXPORT } from './export-columns.js';
import { sendExport } from './list-export.js';

/** what sendExport writes, with a hook after each write */
class CollectedResponse extends Writable {
  readonly chunks: string[] = [];
  readonly headers: Record<string, string> = {};
  /** `afterWrite` may return a promise: the client takes nothing more until it settles (a slow reader) */
  constructor(private readonly afterWrite: (writes: number) => void | Promise<unknown>) {
    // a buffer of one byte: every write waits for the client, as with a slow network
    super({ highWaterMark: 1 });
  }
  setHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error) => void): void {
    this.chunks.push(chunk.toString('utf8'));
    Promise.resolve(this.afterWrite(this.chunks.length)).then(() => done(), (error: Error) => done(error));
  }
  rows(): string[][] {
    return (parse(this.chunks.join(''), { bom: true }) as string[][]).slice(1);
  }
}

// an export pages through the list by keyset, each page its own statement (embedded database: one session)
describe('list export', () => {
  let embedded: EmbeddedTestDatabase;
  let db: CrmDatabase;
  let companies: CompaniesService;

  beforeAll(async () => {
    embedded = await openEmbeddedTestDatabase(crmEntities);
    db = new CrmDatabase(embedded.opened);
    companies = new CompaniesService(db, new ContactsService(db));
    for (let i = 0; i < 25; i += 1) {
      await companies.create('spec', { name: `Export ${String(i).padStart(2, '0')}`, type: 'client', industry: i % 2 === 0 ? 'Even' : null, primaryContact: { fullName: `Person ${i}` } }, SYSTEM_VIEWER);
    }
  }, 180_000);
  afterAll(() => embedded?.close());

  const exportCompanies = async (query: Record<string, unknown>, afterWrite: (writes: number) => void | Promise<unknown> = () => undefined) => {
    const res = new CollectedResponse(afterWrite);
    await sendExport(res as unknown as Response, db.dataSource, { name: 'companies', schema: companyListQuery, listed: (q, v) => companies.listed(q, v), shape: COMPANY_EXPORT }, query, SYSTEM_VIEWER, 1_000, 10);
    return res;
  };
  const names = (res: CollectedResponse) => res.rows().map((row) => row[1]);

  it('pages of 10 give the list in its order, every row once, by any sort, nulls too', async () => {
    const all = Array.from({ length: 25 }, (_, i) => `Export ${String(i).padStart(2, '0')}`);
    expect(names(await exportCompanies({ sort: 'name' }))).toEqual(all);
    expect(names(await exportCompanies({ sort: '-name' }))).toEqual([...all].reverse());
    const byIndustry = names(await exportCompanies({ sort: 'industry,name' }));
    expect(byIndustry).toEqual([...all.filter((_, i) => i % 2 === 0), ...all.filter((_, i) => i % 2 === 1)]);
    const byIndustryDown = names(await exportCompanies({ sort: '-industry,name' }));
    expect(byIndustryDown).toEqual([...all.filter((_, i) => i % 2 === 1), ...all.filter((_, i) => i % 2 === 0)]);
    expect(names(await exportCompanies({ sort: 'name', q: 'Export 1' }))).toEqual(all.slice(10, 20));
  });

  it('times finer than JavaScript’s milliseconds: rows of one millisecond are neither lost nor doubled', async () => {
    const all = Array.from({ length: 25 }, (_, i) => `Export ${String(i).padStart(2, '0')}`);
    await db.query(`UPDATE crm.companies SET created_at = timestamptz '2026-01-01T10:00:00.123Z' + (substr(name, 8)::int * interval '1 microsecond') WHERE name ~ '^Export [0-9]{2}$'`);
    expect(names(await exportCompanies({ sort: 'createdAt' }))).toEqual(all);
    expect(names(await exportCompanies({ sort: '-createdAt' }))).toEqual([...all].reverse());
  });

  it('rows written during the export neither shift nor double a row', async () => {
    const inserts: Promise<unknown>[] = [];
    const res = await exportCompanies({ sort: 'name' }, (writes) => {
      // after the first page: rows that sort before the ones still to come
      if (writes === 2) {
        for (const name of ['Export 00a', 'Export 00b', 'Export 00c']) inserts.push(companies.create('spec', { name, type: 'client', primaryContact: { fullName: 'Late' } }, SYSTEM_VIEWER));
      }
    });
    await Promise.all(inserts);
    expect(names(res)).toEqual(Array.from({ length: 25 }, (_, i) => `Export ${String(i).padStart(2, '0')}`));
    expect(res.headers['x-export-rows']).toBe('25');
  });

  it('holds no connection while the client reads: a write waited for by a slow client goes through (PGlite has one session)', async () => {
    let written = false;
    let write: Promise<unknown> = Promise.resolve();
    const res = await exportCompanies({ sort: 'name' }, async (writes) => {
      if (writes !== 2) return;
      write = companies.create('spec', { name: 'Written while exporting', type: 'client', primaryContact: { fullName: 'Slow Reader' } }, SYSTEM_VIEWER).then(() => (written = true));
      // the client waits for the write, at most 10 s (a held session would make it wait for ever)
      await Promise.race([write, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    });
    const writtenWhileExporting = written;
    await write;
    expect(writtenWhileExporting).toBe(true);
    expect(names(res).length).toBeGreaterThanOrEqual(25);
  }, 60_000);
});

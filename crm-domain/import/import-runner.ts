import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { EntityManager } from 'typeorm';
import { isDatabaseUnavailable } from '../../engine/adapters/typeorm/sql.js';
import { CRM_OPTIONS, type CrmOptions } from '../crm-options.js';
import { CrmDatabase } from '../shared/crm-database.js';
import { returnedRows } from '../shared/sql-rows.js';
import { insertCompanies } from './company-bulk-writer.js';
import { BATCH_COLUMNS, batchOf, recordOutcomes, rowsAfter, type StoredBatch } from './import-batches.js';
import { IMPORT_DUPLICATE_CHECK, type ImportDuplicateCheck } from './import-duplicate-check.js';
import { ImportRowChecker, type ImportRow, type RowVerdict } from './import-row-checker.js';

class LeaseLost extends Error {}

/**
 * Runs queued import batches on this node. A batch is leased to one node (`lease_owner`,
 * `lease_until`, renewed with every chunk); each chunk of rows is written in one transaction
 * together with the batch's cursor and counters, so a node that stops (or dies: its lease lapses)
 * leaves the batch to the next node, which continues after the last committed chunk.
 * A chunk that fails for a lasting reason (a bug, a statement the database refuses) is tried
 * again after a pause that doubles, and after `importMaxAttempts` the batch is failed with the
 * error; an unreachable database is not counted: the batch waits for it, however long.
 */
@Injectable()
export class ImportRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('CrmImport');
  private readonly node = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly db: CrmDatabase,
    @Inject(CRM_OPTIONS) private readonly options: CrmOptions,
    @Inject(IMPORT_DUPLICATE_CHECK) private readonly duplicates: ImportDuplicateCheck,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.poke(), this.options.importExport.importPollMs);
    this.timer.unref();
    this.poke();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    // a graceful stop hands the batch over at once instead of after the lease
    await this.db.query(`UPDATE crm.import_batches SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1 AND status = 'running'`, [this.node]).catch(() => undefined);
  }

  /** looks for work now (after a batch was queued; and periodically) */
  poke(): void {
    if (this.stopped || this.running) return;
    this.running = this.runQueued()
      .catch((error: unknown) => this.log.warn(`Import runner failed, retrying later: ${describe(error)}`))
      .finally(() => (this.running = null));
  }

  private async runQueued(): Promise<void> {
    for (let batch = await this.claim(); batch && !this.stopped; batch = await this.claim()) {
      try {
        await this.run(batch);
      } catch (error) {
        if (error instanceof LeaseLost) this.log.warn(`Import batch ${batch.id} was taken over by another node`);
        else if (isDatabaseUnavailable(error)) throw error;
        else await this.recordAttempt(batch, error);
      }
    }
  }

  private async claim(): Promise<StoredBatch | null> {
    if (this.stopped) return null;
    const [row] = returnedRows<Parameters<typeof batchOf>[0]>(await this.db.dataSource.query(
      `UPDATE crm.import_batches SET status = 'running', lease_owner = $1, lease_until = clock_timestamp() + ($2 || ' milliseconds')::interval,
         started_at = coalesce(started_at, clock_timestamp())
       WHERE id = (SELECT id FROM crm.import_batches WHERE status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < clock_timestamp())
                   ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING ${BATCH_COLUMNS}`,
      [this.node, String(this.options.importExport.importLeaseMs)],
    ));
    return row ? batchOf(row) : null;
  }

  private async run(batch: StoredBatch): Promise<void> {
    if (!batch.mapping) throw new Error(`Expected import batch ${batch.id} to have a mapping`);
    const checker = new ImportRowChecker({ headers: batch.headers, mapping: batch.mapping, duplicatePolicy: batch.duplicatePolicy, importer: batch.importer }, this.duplicates.begin(batch.importer));
    let cursor = batch.cursorRow;
    while (!this.stopped) {
      const rows = await rowsAfter(this.db.dataSource.manager, batch.id, cursor, this.options.importExport.importChunkRows);
      if (rows.length === 0) return this.finish(batch);
      try {
        await this.writeChunk(batch, checker, rows);
      } catch (error) {
        if (error instanceof LeaseLost || isDatabaseUnavailable(error)) throw error;
        // one bad row must not stop the others: the chunk again, a row per transaction
        this.log.warn(`Import batch ${batch.id}: a chunk failed (${describe(error)}), writing its rows one by one`);
        for (const row of rows) await this.writeChunk(batch, checker, [row], true);
      }
      cursor = rows.at(-1)!.rowNumber;
    }
  }

  /** one transaction: the chunk's companies, each row's outcome, the cursor and counters, the lease renewed */
  private async writeChunk(batch: StoredBatch, checker: ImportRowChecker, rows: readonly ImportRow[], single = false): Promise<void> {
    try {
      await this.db.transaction(batch.importerId, async (tx) => {
        const verdicts = await checker.check(tx.manager, rows);
        const valid = verdicts.flatMap((v) => (v.outcome === 'valid' ? [v] : []));
        await insertCompanies(tx.manager, batch.importerId, valid.map((v) => v.company));
        // imported rows are those up to the cursor without an outcome: only problems are written back
        await recordOutcomes(tx.manager, batch.id, verdicts.flatMap((v) => (v.outcome === 'valid' ? [] : [{ rowNumber: v.rowNumber, outcome: v.outcome, errors: v.errors }])));
        await this.advance(tx.manager, batch, rows.at(-1)!.rowNumber, count(verdicts, 'valid'), count(verdicts, 'failed'), count(verdicts, 'skipped'));
      });
    } catch (error) {
      if (!single || error instanceof LeaseLost || isDatabaseUnavailable(error)) throw error;
      const [row] = rows;
      await this.db.transaction(batch.importerId, async (tx) => {
        await recordOutcomes(tx.manager, batch.id, [{ rowNumber: row!.rowNumber, outcome: 'failed', errors: [{ column: 'row', message: `could not be written: ${describe(error)}` }] }]);
        await this.advance(tx.manager, batch, row!.rowNumber, 0, 1, 0);
      });
    }
  }

  private async advance(manager: EntityManager, batch: StoredBatch, cursor: number, imported: number, failed: number, skipped: number): Promise<void> {
    const updated = returnedRows(await manager.query(
      `UPDATE crm.import_batches SET cursor_row = $3, attempts = 0, rows_imported = rows_imported + $4, rows_failed = rows_failed + $5, rows_skipped = rows_skipped + $6,
         lease_until = clock_timestamp() + ($7 || ' milliseconds')::interval
       WHERE id = $1 AND lease_owner = $2 AND status = 'running' RETURNING id`,
      [batch.id, this.node, cursor, imported, failed, skipped, String(this.options.importExport.importLeaseMs)],
    ));
    if (updated.length === 0) throw new LeaseLost();
  }

  /**
   * a failed attempt at the batch's current chunk: the batch is handed back, to be claimed again
   * after `importPollMs` × 2^(attempts before), or failed with the error at `importMaxAttempts`
   */
  private async recordAttempt(batch: StoredBatch, error: unknown): Promise<void> {
    const { importPollMs, importLeaseMs, importMaxAttempts } = this.options.importExport;
    const [row] = returnedRows<{ status: string; attempts: number }>(await this.db.dataSource.query(
      `UPDATE crm.import_batches SET attempts = attempts + 1, last_error = $3, lease_owner = NULL,
         status = CASE WHEN attempts + 1 >= $4 THEN 'failed' ELSE status END,
         finished_at = CASE WHEN attempts + 1 >= $4 THEN clock_timestamp() ELSE finished_at END,
         lease_until = CASE WHEN attempts + 1 >= $4 THEN NULL
                            ELSE clock_timestamp() + (least($5::float8 * power(2, attempts), $6::float8) || ' milliseconds')::interval END
       WHERE id = $1 AND lease_owner = $2 AND status = 'running' RETURNING status, attempts`,
      [batch.id, this.node, describe(error), importMaxAttempts, importPollMs, importLeaseMs],
    ));
    if (!row) return this.log.warn(`Import batch ${batch.id} was taken over by another node`);
    if (row.status === 'failed') this.log.error(`Import batch ${batch.id} failed after ${row.attempts} attempts: ${describe(error)}`);
    else this.log.warn(`Import batch ${batch.id}: attempt ${row.attempts} of ${importMaxAttempts} failed, trying again later: ${describe(error)}`);
  }

  private async finish(batch: StoredBatch): Promise<void> {
    await this.db.query(
      `UPDATE crm.import_batches SET status = 'completed', finished_at = clock_timestamp(), lease_owner = NULL, lease_until = NULL
       WHERE id = $1 AND lease_owner = $2`,
      [batch.id, this.node],
    );
    // imported rows are no longer needed (failed and skipped rows stay for the download)
    await this.db.query(`DELETE FROM crm.import_rows WHERE batch_id = $1 AND outcome IS NULL`, [batch.id]);
  }
}


function count(verdicts: readonly RowVerdict[], outcome: RowVerdict['outcome']): number {
  return verdicts.filter((v) => v.outcome === outcome).length;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

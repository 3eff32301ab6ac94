import { OptimisticLockError } from '../../core/errors/index.js';
import type { JobRecord } from '../../core/execution/records.js';
import type { BatchChanges, BatchReads, StoredBatch } from '../../core/ports/batch-store.js';
import type { Sql } from './sql.js';
import { batchTable, readBatchItem } from './tables/batch-tables.js';
import { jobTable } from './tables/runtime-tables.js';
import { dbValue, insertStatement, readRow } from './tables/table.js';

/** Batch rows read inside an engine transaction. */
export class SqlBatchReads implements BatchReads {
  constructor(private readonly sql: Sql) {}

  async find(batchId: string): Promise<StoredBatch | null> {
    const row = await this.sql.readOne('SELECT * FROM engine.batch WHERE id = $1', [batchId]);
    return row ? { batch: readRow(batchTable, row), revision: Number(row['rev']) } : null;
  }

  async item(batchId: string, seq: number) {
    const row = await this.sql.readOne('SELECT * FROM engine.batch_item WHERE batch_id = $1 AND seq = $2', [batchId, seq]);
    return row ? readBatchItem(row) : null;
  }

  async pendingItems(batchId: string, chunk: number) {
    const rows = await this.sql.read(`SELECT * FROM engine.batch_item WHERE batch_id = $1 AND chunk = $2 AND status = 'pending' ORDER BY seq`, [batchId, chunk]);
    return rows.map(readBatchItem);
  }

  async jobs(batchId: string): Promise<JobRecord[]> {
    const rows = await this.sql.read(`SELECT * FROM engine.job WHERE type IN ('batch-seed', 'batch-chunk') AND payload->>'batchId' = $1`, [batchId]);
    return rows.map((r) => readRow(jobTable, r));
  }
}

/**
 * Writes a unit of work's batch changes. Every change to a batch row is guarded by its revision
 * and every item outcome by the item still being pending: a row count of 0 means another
 * transaction got there first, and the command reruns on fresh state.
 */
export async function writeBatchChanges(sql: Sql, changes: BatchChanges): Promise<void> {
  for (const { batch, targetIds } of changes.created) {
    const insert = insertStatement(batchTable, [batch], { rev: 1 });
    await sql.exec(insert.sql, insert.params);
    await sql.exec(
      `INSERT INTO engine.batch_item (batch_id, seq, chunk, target_id)
       SELECT $1, t.ord - 1, (t.ord - 1) / $3, t.id FROM unnest($2::text[]) WITH ORDINALITY AS t(id, ord)`,
      [batch.id, targetIds, batch.invocationsPerBatchJob],
    );
  }
  for (const { id, expectedRevision, patch } of changes.updated) {
    const params: unknown[] = [];
    const sets = batchTable.columns.filter((c) => c.field in patch && c.field !== 'id').map((c) => `${c.column} = $${params.push(dbValue(c, patch))}`);
    const affected = await sql.exec(
      `UPDATE engine.batch SET ${[...sets, 'rev = rev + 1'].join(', ')} WHERE id = $${params.push(id)} AND rev = $${params.push(expectedRevision)}`,
      params,
    );
    if (affected !== 1) throw new OptimisticLockError('batch', id);
  }
  for (const outcome of changes.outcomes) {
    const affected = await sql.exec(
      `UPDATE engine.batch_item SET status = $3, message = $4, finished = $5 WHERE batch_id = $1 AND seq = $2 AND status = 'pending'`,
      [outcome.batchId, outcome.seq, outcome.status, outcome.message, outcome.finished],
    );
    if (affected !== 1) throw new OptimisticLockError('batch item', `${outcome.batchId}#${outcome.seq}`);
  }
  for (const { id, expectedRevision, cascade, endTime } of changes.removed) {
    const affected = cascade
      ? await sql.exec('DELETE FROM engine.batch WHERE id = $1 AND rev = $2', [id, expectedRevision])
      : await sql.exec('UPDATE engine.batch SET end_time = $3, rev = rev + 1 WHERE id = $1 AND rev = $2', [id, expectedRevision, endTime]);
    if (affected !== 1) throw new OptimisticLockError('batch', id);
    if (!cascade) await sql.exec(`UPDATE engine.batch_item SET status = 'canceled' WHERE batch_id = $1 AND status = 'pending'`, [id]);
  }
}

import type { DataSource } from 'typeorm';
import type { BatchItemStatus } from '../../../core/batches/batch-records.js';
import type { BatchQueries, BatchProgress } from '../../../core/ports/batch-queries.js';
import type { Filter, ListQuery, Page } from '../../../core/ports/engine-queries.js';
import { batchTable, readBatchItem } from '../tables/batch-tables.js';
import { readRow } from '../tables/table.js';
import { buildWhere, orderBy, paging, type FilterSpec, type Where } from './where.js';

const FAILED_JOB = `j.type IN ('batch-seed', 'batch-chunk') AND j.payload->>'batchId' = b.id AND j.retries = 0`;
const FAILED_ITEM = `x.batch_id = b.id AND x.status = 'failed'`;

const batchFilters: FilterSpec = {
  batchId: (w: Where, v: string) => w.eq('b.id', v),
  type: (w: Where, v: string) => w.eq('b.type', v),
  tenantIdIn: (w: Where, v: readonly string[]) => w.in('b.tenant_id', v),
  withoutTenantId: (w: Where, v: boolean) => (v ? w.raw('b.tenant_id IS NULL') : w),
  suspended: (w: Where, v: boolean) => w.raw(v ? 'b.suspended' : 'NOT b.suspended'),
  createUserId: (w: Where, v: string) => w.eq('b.create_user_id', v),
  startedBefore: (w: Where, v: Date) => w.raw(`b.start_time <= ${w.param(v)}`),
  startedAfter: (w: Where, v: Date) => w.raw(`b.start_time >= ${w.param(v)}`),
  /** failed chunk jobs (Camunda's meaning) or failed items (ours) */
  hasFailure: (w: Where, v: boolean) =>
    w.raw(`${v ? '' : 'NOT '}(EXISTS (SELECT 1 FROM engine.job j WHERE ${FAILED_JOB}) OR EXISTS (SELECT 1 FROM engine.batch_item x WHERE ${FAILED_ITEM}))`),
  completed: (w: Where, v: boolean) => w.raw(v ? 'b.end_time IS NOT NULL' : 'b.end_time IS NULL'),
};

const SORT = { batchId: 'b.id', tenantId: 'b.tenant_id', startTime: 'b.start_time', endTime: 'b.end_time' } as const;

const SELECT = `SELECT b.*,
    (SELECT count(*) FROM engine.job j WHERE ${FAILED_JOB})::int AS failed_jobs, i.*
  FROM engine.batch b
  LEFT JOIN LATERAL (SELECT
    count(*) FILTER (WHERE x.status = 'pending')::int AS items_pending,
    count(*) FILTER (WHERE x.status = 'done')::int AS items_done,
    count(*) FILTER (WHERE x.status = 'skipped')::int AS items_skipped,
    count(*) FILTER (WHERE x.status = 'failed')::int AS items_failed,
    count(*) FILTER (WHERE x.status = 'canceled')::int AS items_canceled
    FROM engine.batch_item x WHERE x.batch_id = b.id) i ON true`;

/** Batches in SQL: one table for running and ended batches, progress counted from items and jobs. */
export class SqlBatchQueries implements BatchQueries {
  constructor(private readonly dataSource: DataSource) {}

  runningBatches = (query: ListQuery) => this.list({ ...query, filter: { ...query.filter, completed: false } });
  countRunningBatches = (filter: Filter) => this.count({ ...filter, completed: false });
  historicBatches = (query: ListQuery) => this.list(query);
  countHistoricBatches = (filter: Filter) => this.count(filter);

  async batchItems(batchId: string, statuses: readonly BatchItemStatus[] | null, page: Page) {
    const rows = (await this.dataSource.query(
      `SELECT * FROM engine.batch_item WHERE batch_id = $1 AND ($2::text[] IS NULL OR status = ANY($2::text[])) ORDER BY seq${paging({ filter: {}, page })}`,
      [batchId, statuses],
    )) as Record<string, unknown>[];
    return rows.map(readBatchItem);
  }

  private async list(query: ListQuery): Promise<BatchProgress[]> {
    const where = buildWhere(batchFilters, query.filter);
    const order = orderBy(SORT, query.sorting, 'b.start_time DESC, b.id');
    const rows = (await this.dataSource.query(`${SELECT} WHERE ${where} ORDER BY ${order}${paging(query)}`, where.params)) as Record<string, unknown>[];
    return rows.map((row) => ({
      batch: readRow(batchTable, row),
      failedJobs: Number(row['failed_jobs']),
      items: {
        pending: Number(row['items_pending']),
        done: Number(row['items_done']),
        skipped: Number(row['items_skipped']),
        failed: Number(row['items_failed']),
        canceled: Number(row['items_canceled']),
      },
    }));
  }

  private async count(filter: Filter): Promise<number> {
    const where = buildWhere(batchFilters, filter);
    const rows = (await this.dataSource.query(`SELECT count(*)::int AS n FROM engine.batch b WHERE ${where}`, where.params)) as { n: number }[];
    return Number(rows[0]?.n ?? 0);
  }
}

import type { DataSource } from 'typeorm';
import type { MetricName, MetricQuery } from '../../../core/ports/engine-queries.js';

/** where each metric's events are: a history table, its time column, and which rows count */
const EVENTS: Readonly<Record<MetricName, { readonly table: string; readonly time: string; readonly where: string }>> = {
  'root-process-instance-start': { table: 'engine.hist_process_instance', time: 'start_time', where: 'super_instance_id IS NULL' },
  'process-instances': { table: 'engine.hist_process_instance', time: 'start_time', where: 'super_instance_id IS NULL' },
  'root-process-instance-complete': { table: 'engine.hist_process_instance', time: 'end_time', where: "super_instance_id IS NULL AND end_time IS NOT NULL AND state = 'COMPLETED'" },
  'activity-instance-start': { table: 'engine.hist_activity_instance', time: 'start_time', where: 'TRUE' },
  'flow-node-instances': { table: 'engine.hist_activity_instance', time: 'start_time', where: 'TRUE' },
  'activity-instance-end': { table: 'engine.hist_activity_instance', time: 'end_time', where: 'end_time IS NOT NULL' },
  'incident-create': { table: 'engine.hist_incident', time: 'created', where: 'TRUE' },
};

function rangeOf(query: MetricQuery): { sql: string; params: unknown[] } {
  const { table, time, where } = EVENTS[query.name];
  const params: unknown[] = [];
  let sql = `FROM ${table} WHERE ${where}`;
  if (query.startDate) sql += ` AND ${time} >= $${params.push(query.startDate)}`;
  if (query.endDate) sql += ` AND ${time} < $${params.push(query.endDate)}`;
  return { sql, params };
}

/** Counts per interval straight from history: no metric log to write on the hot path. */
export async function metricIntervals(dataSource: DataSource, query: MetricQuery & { readonly intervalSeconds: number; readonly limit: number }): Promise<{ timestamp: Date; value: number }[]> {
  const { time } = EVENTS[query.name];
  const range = rangeOf(query);
  const interval = `$${range.params.push(query.intervalSeconds)}`;
  const limit = `$${range.params.push(query.limit)}`;
  const rows = (await dataSource.query(
    `SELECT to_timestamp(floor(extract(epoch FROM ${time}) / ${interval}) * ${interval}) AS bucket, count(*)::int AS value
     ${range.sql} GROUP BY bucket ORDER BY bucket DESC LIMIT ${limit}`,
    range.params,
  )) as { bucket: Date | string; value: number }[];
  return rows.map((r) => ({ timestamp: new Date(r.bucket), value: Number(r.value) }));
}

export async function metricSum(dataSource: DataSource, query: MetricQuery): Promise<number> {
  const range = rangeOf(query);
  const rows = (await dataSource.query(`SELECT count(*)::int AS n ${range.sql}`, range.params)) as { n: number }[];
  return Number(rows[0]?.n ?? 0);
}

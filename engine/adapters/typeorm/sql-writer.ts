import { OptimisticLockError } from '../../core/errors/index.js';
import type { HistoryRecord } from '../../core/execution/history-records.js';
import type { InstanceChanges, OwnedChanges } from '../../core/execution/instance-aggregate.js';
import { OWNED_KINDS, type OwnedKind } from '../../core/execution/owned-kinds.js';
import type { TrackedChanges } from '../../core/execution/tracked-map.js';
import type { UnitOfWorkChanges } from '../../core/ports/engine-store.js';
import type { Sql } from './sql.js';
import { writeBatchChanges } from './sql-batches.js';
import { definitionTable, deploymentTable, formDefinitionTable, resourceTable } from './tables/definition-tables.js';
import {
  histActivityInstanceTable, histIncidentTable, histProcessInstanceTable, histTaskTable, histVariableTable, STICKY_HISTORY_COLUMNS,
} from './tables/history-tables.js';
import { jobTable, ownedTables, processInstanceTable, subscriptionTable } from './tables/runtime-tables.js';
import { insertStatement, updateStatement, type Table } from './tables/table.js';

const HISTORY_TABLES: Readonly<Record<HistoryRecord['table'], Table<{ id: string }>>> = {
  processInstance: histProcessInstanceTable as unknown as Table<{ id: string }>,
  activityInstance: histActivityInstanceTable as unknown as Table<{ id: string }>,
  variable: histVariableTable as unknown as Table<{ id: string }>,
  task: histTaskTable as unknown as Table<{ id: string }>,
  incident: histIncidentTable as unknown as Table<{ id: string }>,
};

/**
 * Writes a unit of work: every instance guarded by its revision, then its rows and history.
 * Deletes go in one statement and every insert, update and history upsert in a second one
 * (data-modifying CTEs), so a command costs a handful of round trips whatever it changed.
 */
export async function writeChanges(sql: Sql, changes: UnitOfWorkChanges): Promise<void> {
  for (const deployment of changes.deployments) {
    await insertAll(sql, deploymentTable, [deployment.deployment]);
    await insertAll(sql, resourceTable, deployment.resources);
    await insertAll(sql, definitionTable, deployment.definitions);
    await insertAll(sql, formDefinitionTable, deployment.forms);
  }
  for (const instance of changes.instances) await guardInstance(sql, instance);
  await writeBatchChanges(sql, changes.batches);
  const deletes = new StatementBatch();
  const writes = new StatementBatch();
  const apply = <R extends { readonly id: string }>(table: Table<R>, tracked: TrackedChanges<R>) => {
    if (tracked.deleted.length > 0) deletes.add(`DELETE FROM ${table.name} WHERE id = ANY($1::text[])`, [tracked.deleted]);
    for (let i = 0; i < tracked.inserted.length; i += BATCH) {
      const statement = insertStatement(table, tracked.inserted.slice(i, i + BATCH));
      writes.add(statement.sql, statement.params);
    }
    for (const update of tracked.updated) {
      const statement = updateStatement(table, update.id, update.patch);
      if (statement) writes.add(statement.sql, statement.params);
    }
  };
  for (const instance of changes.instances) {
    const owned: OwnedChanges = instance;
    const applyOwned = <K extends OwnedKind>(kind: K) => apply(ownedTables[kind], owned[kind]);
    for (const kind of OWNED_KINDS) applyOwned(kind);
  }
  apply(jobTable, changes.definitionJobs);
  apply(subscriptionTable, changes.definitionSubscriptions);
  for (const statement of historyStatements(changes.history)) writes.add(statement.sql, statement.params);
  await deletes.run(sql);
  await writes.run(sql);
}

/** Several data-modifying statements sent as one (`WITH s1 AS (...), s2 AS (...) SELECT 1`). */
class StatementBatch {
  private readonly statements: { sql: string; params: unknown[] }[] = [];

  add(sql: string, params: unknown[]): void {
    this.statements.push({ sql, params });
  }

  async run(sql: Sql): Promise<void> {
    let chunk: { sql: string; params: unknown[] }[] = [];
    let size = 0;
    for (const statement of this.statements) {
      if (chunk.length > 0 && size + statement.params.length > MAX_PARAMS) {
        await runChunk(sql, chunk);
        chunk = [];
        size = 0;
      }
      chunk.push(statement);
      size += statement.params.length;
    }
    if (chunk.length > 0) await runChunk(sql, chunk);
  }
}

const MAX_PARAMS = 30000;

async function runChunk(sql: Sql, statements: readonly { sql: string; params: unknown[] }[]): Promise<void> {
  if (statements.length === 1) {
    await sql.exec(statements[0]!.sql, statements[0]!.params);
    return;
  }
  const params: unknown[] = [];
  const parts = statements.map((statement, i) => {
    const offset = params.length;
    params.push(...statement.params);
    return `s${i} AS (${statement.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`;
  });
  await sql.exec(`WITH ${parts.join(', ')} SELECT 1`, params);
}

/**
 * The optimistic lock: an update or delete of the instance row only succeeds at the revision
 * the command read. A concurrent writer blocks here until the other commits, then finds 0 rows.
 */
async function guardInstance(sql: Sql, changes: InstanceChanges): Promise<void> {
  if (changes.expectedRevision === null) {
    if (changes.ended) return;
    const insert = insertStatement(processInstanceTable, [changes.instance], { rev: 1 });
    await sql.exec(insert.sql, insert.params);
    return;
  }
  const affected = changes.ended
    ? await sql.exec('DELETE FROM engine.process_instance WHERE id = $1 AND rev = $2', [changes.instanceId, changes.expectedRevision])
    : await sql.exec(
        'UPDATE engine.process_instance SET rev = rev + 1, state = $3, suspended = $4, business_key = $5 WHERE id = $1 AND rev = $2',
        [changes.instanceId, changes.expectedRevision, changes.instance.state, changes.instance.suspended, changes.instance.businessKey],
      );
  if (affected !== 1) throw new OptimisticLockError('process instance', changes.instanceId);
}

const BATCH = 200;

async function insertAll<R extends { readonly id: string }>(sql: Sql, table: Table<R>, records: readonly R[]): Promise<void> {
  for (let i = 0; i < records.length; i += BATCH) {
    const statement = insertStatement(table, records.slice(i, i + BATCH));
    await sql.exec(statement.sql, statement.params);
  }
}

/** history rows are upserted by id: a start row, then the same row completed */
function historyStatements(entries: readonly HistoryRecord[]): { sql: string; params: unknown[] }[] {
  const byTable = new Map<HistoryRecord['table'], Map<string, Record<string, unknown>>>();
  for (const entry of entries) {
    const rows = byTable.get(entry.table) ?? new Map<string, Record<string, unknown>>();
    byTable.set(entry.table, rows);
    const previous = rows.get(entry.row.id);
    const next = entry.row as unknown as Record<string, unknown>;
    rows.set(entry.row.id, previous ? { ...previous, ...withoutNulls(next, ['taskId', 'assignee', 'calledProcessInstanceId', 'startActivityId']) } : next);
  }
  const statements: { sql: string; params: unknown[] }[] = [];
  for (const [name, rows] of byTable) {
    const table = HISTORY_TABLES[name];
    const records = [...rows.values()] as { id: string }[];
    const updates = table.columns
      .filter((c) => c.column !== 'id')
      .map((c) => (STICKY_HISTORY_COLUMNS.has(c.column) ? `${c.column} = coalesce(EXCLUDED.${c.column}, t.${c.column})` : `${c.column} = EXCLUDED.${c.column}`));
    for (let i = 0; i < records.length; i += BATCH) {
      const statement = insertStatement(table, records.slice(i, i + BATCH));
      const aliased = statement.sql.replace(`INSERT INTO ${table.name} (`, `INSERT INTO ${table.name} AS t (`);
      statements.push({ sql: `${aliased} ON CONFLICT (id) DO UPDATE SET ${[...new Set(updates)].join(', ')}`, params: statement.params });
    }
  }
  return statements;
}

/** a later snapshot keeps values an earlier one had for fields it leaves empty */
function withoutNulls(row: Record<string, unknown>, sticky: readonly string[]): Record<string, unknown> {
  const out = { ...row };
  for (const key of sticky) if (out[key] === null || out[key] === undefined) delete out[key];
  return out;
}

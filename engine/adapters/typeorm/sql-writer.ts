import { OptimisticLockError } from '../../core/errors/index.js';
import type { HistoryRecord } from '../../core/execution/history-records.js';
import type { InstanceChanges, OwnedChanges } from '../../core/execution/instance-aggregate.js';
import { OWNED_KINDS, type OwnedKind } from '../../core/execution/owned-kinds.js';
import type { TrackedChanges } from '../../core/execution/tracked-map.js';
import type { UnitOfWorkChanges } from '../../core/ports/engine-store.js';
import { sqlStateOf, type Sql, type Statement } from './sql.js';
import { writeBatchChanges } from './sql-batches.js';
import { insertDeltasSql, STATISTICS_DELTA_TABLE, statisticsDeltas } from './statistics-counts.js';
import { decisionDefinitionTable, decisionRequirementsDefinitionTable, histDecisionInstanceTable } from './tables/decision-tables.js';
import { definitionTable, deploymentTable, formDefinitionTable, resourceTable } from './tables/definition-tables.js';
import {
  histActivityInstanceTable, histIncidentTable, histProcessInstanceTable, histTaskTable, histVariableTable, STICKY_HISTORY_COLUMNS,
} from './tables/history-tables.js';
import { jobTable, ownedTables, processInstanceTable, subscriptionTable } from './tables/runtime-tables.js';
import { dbValue, insertStatement, updateStatement, type Table } from './tables/table.js';

const HISTORY_TABLES: Readonly<Record<HistoryRecord['table'], Table<{ id: string }>>> = {
  processInstance: histProcessInstanceTable as unknown as Table<{ id: string }>,
  activityInstance: histActivityInstanceTable as unknown as Table<{ id: string }>,
  variable: histVariableTable as unknown as Table<{ id: string }>,
  task: histTaskTable as unknown as Table<{ id: string }>,
  incident: histIncidentTable as unknown as Table<{ id: string }>,
  decisionInstance: histDecisionInstanceTable as unknown as Table<{ id: string }>,
};

/**
 * Writes a unit of work. The revision guards of its instances, its deletes and every insert,
 * update and history write go out as data-modifying CTEs of one statement
 * (`WITH s0 AS (UPDATE ... WHERE rev = $2 RETURNING id), s1 AS (...) SELECT <guard check>`), or
 * two when a table has both deletes and writes (the parts of one statement run in no defined
 * order). A command that only read before its commit so needs neither BEGIN nor COMMIT.
 * The changes of the statistics' counts are one more part of the same statement (statistics-counts.ts):
 * they commit with the rows they count, or not at all.
 */
export async function writeChanges(sql: Sql, changes: UnitOfWorkChanges): Promise<void> {
  for (const deployment of changes.deployments) {
    await insertAll(sql, deploymentTable, [deployment.deployment]);
    await insertAll(sql, resourceTable, deployment.resources);
    await insertAll(sql, definitionTable, deployment.definitions);
    await insertAll(sql, decisionRequirementsDefinitionTable, deployment.decisionRequirementsDefinitions);
    await insertAll(sql, decisionDefinitionTable, deployment.decisionDefinitions);
    await insertAll(sql, formDefinitionTable, deployment.forms);
  }
  await writeBatchChanges(sql, changes.batches);
  const guards = new StatementParts();
  const deletes = new StatementParts();
  const writes = new StatementParts();
  for (const instance of changes.instances) guardInstance(guards, writes, instance);
  const apply = <R extends { readonly id: string }>(table: Table<R>, tracked: TrackedChanges<R>) => {
    if (tracked.deleted.length > 0) deletes.add(table.name, (params) => `DELETE FROM ${table.name} WHERE id = ANY($${params.push(tracked.deleted)}::text[])`);
    for (let i = 0; i < tracked.inserted.length; i += BATCH) {
      const records = tracked.inserted.slice(i, i + BATCH);
      writes.add(table.name, (params) => insertStatement(table, records, {}, params).sql);
    }
    for (const update of tracked.updated) {
      if (!table.columns.some((c) => c.field in update.patch && c.field !== 'id')) continue;
      writes.add(table.name, (params) => updateStatement(table, update.id, update.patch, params)!.sql);
    }
  };
  for (const instance of changes.instances) {
    const owned: OwnedChanges = instance;
    const applyOwned = <K extends OwnedKind>(kind: K) => apply(ownedTables[kind], owned[kind]);
    for (const kind of OWNED_KINDS) applyOwned(kind);
  }
  const deltas = statisticsDeltas(changes.instances);
  if (deltas) writes.add(STATISTICS_DELTA_TABLE, (params) => insertDeltasSql(deltas, params));
  apply(jobTable, changes.definitionJobs);
  apply(subscriptionTable, changes.definitionSubscriptions);
  historyParts(writes, changes);
  const together = ![...deletes.tables()].some((table) => writes.tables().has(table));
  const statements = together
    ? combine([...guards.parts, ...deletes.parts, ...writes.parts])
    : [...combine([...guards.parts, ...deletes.parts]), ...combine(writes.parts)];
  if (statements.length === 0) return;
  try {
    await sql.atomically(statements);
  } catch (error) {
    if (isGuardFailure(error)) throw new OptimisticLockError('process instance', changes.instances.map((i) => i.instanceId).join(', '));
    throw error;
  }
}

/** the division by zero of a statement whose guards did not all find their revision */
function isGuardFailure(error: unknown): boolean {
  return sqlStateOf(error) === '22012';
}

/** one data-modifying statement of a CTE; a guard returns the id of the row it guarded */
interface Part {
  readonly table: string;
  readonly build: (params: unknown[]) => string;
  readonly guard: boolean;
}

class StatementParts {
  readonly parts: Part[] = [];

  add(table: string, build: (params: unknown[]) => string, guard = false): void {
    this.parts.push({ table, build, guard });
  }

  tables(): Set<string> {
    return new Set(this.parts.map((p) => p.table));
  }
}

const MAX_PARAMS = 30000;

/**
 * Parts into as few statements as the parameter limit allows. Each part numbers its parameters
 * after those of the parts before it, so the text is built once, never renumbered.
 */
function combine(parts: readonly Part[]): Statement[] {
  const statements: Statement[] = [];
  let params: unknown[] = [];
  let texts: { text: string; guard: boolean }[] = [];
  const flush = () => {
    if (texts.length === 0) return;
    statements.push({ sql: asOneStatement(texts), params });
    params = [];
    texts = [];
  };
  for (const part of parts) {
    const mark = params.length;
    let text = part.build(params);
    if (params.length > MAX_PARAMS && texts.length > 0) {
      params.length = mark;
      flush();
      text = part.build(params);
    }
    texts.push({ text, guard: part.guard });
  }
  flush();
  return statements;
}

/**
 * The parts as CTEs of one statement. With guards, the main query divides by zero unless every
 * guard found its row: the error undoes the whole statement (it may be the only one of the unit,
 * committing by itself). The main query reads the guards first; the other parts run after it.
 */
function asOneStatement(texts: readonly { text: string; guard: boolean }[]): string {
  const guards = texts.map((t, i) => (t.guard ? `SELECT id FROM s${i}` : null)).filter((g): g is string => g !== null);
  if (texts.length === 1 && guards.length === 0) return texts[0]!.text;
  const main = guards.length > 0
    ? `SELECT 1 / ((SELECT count(*)::int FROM (${guards.join(' UNION ALL ')}) g) / ${guards.length}) AS guarded`
    : 'SELECT 1';
  return `WITH ${texts.map((t, i) => `s${i} AS (${t.text})`).join(', ')} ${main}`;
}

/**
 * The optimistic lock: an update or delete of the instance row only succeeds at the revision
 * the command read. A concurrent writer blocks here until the other commits, then finds 0 rows
 * (and the whole statement, with its transaction, is undone).
 */
function guardInstance(guards: StatementParts, writes: StatementParts, changes: InstanceChanges): void {
  const table = processInstanceTable.name;
  if (changes.expectedRevision === null) {
    if (!changes.ended) writes.add(table, (params) => insertStatement(processInstanceTable, [changes.instance], { rev: 1 }, params).sql);
    return;
  }
  const { instanceId, expectedRevision, instance } = changes;
  if (changes.ended) {
    guards.add(table, (params) => `DELETE FROM ${table} WHERE id = $${params.push(instanceId)} AND rev = $${params.push(expectedRevision)} RETURNING id`, true);
    return;
  }
  guards.add(
    table,
    (params) =>
      `UPDATE ${table} SET rev = rev + 1, state = $${params.push(instance.state)}, suspended = $${params.push(instance.suspended)}, ` +
      `business_key = $${params.push(instance.businessKey)} WHERE id = $${params.push(instanceId)} AND rev = $${params.push(expectedRevision)} RETURNING id`,
    true,
  );
}

const BATCH = 200;

async function insertAll<R extends { readonly id: string }>(sql: Sql, table: Table<R>, records: readonly R[]): Promise<void> {
  for (let i = 0; i < records.length; i += BATCH) {
    const statement = insertStatement(table, records.slice(i, i + BATCH));
    await sql.exec(statement.sql, statement.params);
  }
}

/**
 * History is written without upserts: a row of something that existed before the command (an
 * instance it loaded, a record loaded with it) was written by an earlier command and is updated
 * by id; any other row is new and inserted. Entries for one row within a command are merged first.
 */
function historyParts(writes: StatementParts, changes: UnitOfWorkChanges): void {
  const byTable = new Map<HistoryRecord['table'], Map<string, Record<string, unknown>>>();
  for (const entry of changes.history) {
    const rows = byTable.get(entry.table) ?? new Map<string, Record<string, unknown>>();
    byTable.set(entry.table, rows);
    const previous = rows.get(entry.row.id);
    const next = entry.row as unknown as Record<string, unknown>;
    rows.set(entry.row.id, previous ? { ...previous, ...withoutNulls(next, ['taskId', 'assignee', 'calledProcessInstanceId', 'startActivityId']) } : next);
  }
  for (const [name, rows] of byTable) {
    const table = HISTORY_TABLES[name];
    const fresh: { id: string }[] = [];
    for (const [id, row] of rows) {
      if (!changes.existingIds.has(id)) {
        fresh.push(row as { id: string });
        continue;
      }
      writes.add(table.name, (params) => {
        const sets = table.columns
          .filter((c) => c.column !== 'id')
          .map((c) => {
            const value = `$${params.push(dbValue(c, row as Partial<{ id: string }>))}`;
            return STICKY_HISTORY_COLUMNS.has(c.column) ? `${c.column} = coalesce(${value}, ${c.column})` : `${c.column} = ${value}`;
          });
        return `UPDATE ${table.name} SET ${sets.join(', ')} WHERE id = $${params.push(id)}`;
      });
    }
    for (let i = 0; i < fresh.length; i += BATCH) {
      const slice = fresh.slice(i, i + BATCH);
      writes.add(table.name, (params) => insertStatement(table, slice, {}, params).sql);
    }
  }
}

/** a later snapshot keeps values an earlier one had for fields it leaves empty */
function withoutNulls(row: Record<string, unknown>, sticky: readonly string[]): Record<string, unknown> {
  const out = { ...row };
  for (const key of sticky) if (out[key] === null || out[key] === undefined) delete out[key];
  return out;
}

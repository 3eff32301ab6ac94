import { OptimisticLockError } from '../../core/errors/index.js';
import type { HistoryRecord } from '../../core/execution/history-records.js';
import type { InstanceChanges, OwnedChanges } from '../../core/execution/instance-aggregate.js';
import { OWNED_KINDS, type OwnedKind } from '../../core/execution/owned-kinds.js';
import type { TrackedChanges } from '../../core/execution/tracked-map.js';
import type { UnitOfWorkChanges } from '../../core/ports/engine-store.js';
import { engineColumnTypes, type ColumnTypes } from './column-types.js';
import { CommitCompanionWriters } from './commit-companions.js';
import type { AssumedLatest } from './latest-definitions.js';
import { sqlStateOf, type Sql, type Statement } from './sql.js';
import { writeBatchChanges } from './sql-batches.js';
import { insertDeltasSql, STATISTICS_DELTA_TABLE, statisticsDeltas } from './statistics-counts.js';
import { decisionDefinitionTable, decisionRequirementsDefinitionTable, histDecisionInstanceTable } from './tables/decision-tables.js';
import { definitionTable, deploymentTable, formDefinitionTable, resourceTable } from './tables/definition-tables.js';
import {
  histActivityInstanceTable, histIncidentTable, histProcessInstanceTable, histTaskTable, histVariableTable, STICKY_HISTORY_COLUMNS,
} from './tables/history-tables.js';
import { jobTable, ownedTables, processInstanceTable, subscriptionTable } from './tables/runtime-tables.js';
import { dbValue, insertStatement, type Column, type Table } from './tables/table.js';
import { unnestInsert, unnestRows, unnestUpdate, type RowUpdate } from './unnest-rows.js';

const NO_COMPANION_WRITERS = new CommitCompanionWriters();

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
 * they commit with the rows they count, or not at all. Units of several commands merged into one
 * (group commit: a batch of timers, commands ready at the same moment) are written with each
 * table's rows of all of them as one part, rows as arrays (unnest-rows.ts): one write costs the
 * database about what one command's does.
 */
export async function writeChanges(
  sql: Sql,
  changes: UnitOfWorkChanges,
  assumedLatest: readonly AssumedLatest[] = [],
  companionWriters: CommitCompanionWriters = NO_COMPANION_WRITERS,
): Promise<void> {
  for (const deployment of changes.deployments) {
    await insertAll(sql, deploymentTable, [deployment.deployment]);
    await insertAll(sql, resourceTable, deployment.resources);
    await insertAll(sql, definitionTable, deployment.definitions);
    await insertAll(sql, decisionRequirementsDefinitionTable, deployment.decisionRequirementsDefinitions);
    await insertAll(sql, decisionDefinitionTable, deployment.decisionDefinitions);
    await insertAll(sql, formDefinitionTable, deployment.forms);
  }
  await writeBatchChanges(sql, changes.batches);
  if (!hasRowChanges(changes)) return;
  // one command's rows as scalar parameters (texts its prepared statements' generic plans fit), a
  // joint write's as arrays (one text for any number of units, planned per write with its sizes)
  const rowWriter: RowWriter = changes.members && changes.members.length > 1 ? new ArrayRows(await engineColumnTypes(sql)) : SCALAR_ROWS;
  const guards = new StatementParts();
  const deletes = new StatementParts();
  const writes = new StatementParts();
  guardInstances(rowWriter, guards, writes, changes.instances);
  for (const assumed of assumedLatest) guards.add(definitionTable.name, (params) => stillLatest(assumed, params), 1);
  const rows = new RowChanges();
  for (const instance of changes.instances) {
    const owned: OwnedChanges = instance;
    const addOwned = <K extends OwnedKind>(kind: K) => rows.add(ownedTables[kind], owned[kind]);
    for (const kind of OWNED_KINDS) addOwned(kind);
  }
  rows.add(jobTable, changes.definitionJobs);
  rows.add(subscriptionTable, changes.definitionSubscriptions);
  rows.emit(rowWriter, deletes, writes);
  const deltas = statisticsDeltas(changes.instances);
  if (deltas) writes.add(STATISTICS_DELTA_TABLE, (params) => insertDeltasSql(deltas, params));
  historyParts(rowWriter, writes, changes);
  for (const companion of changes.companions ?? []) {
    const writer = companionWriters.writerOf(companion);
    writes.add(writer.table, (params) => writer.part(companion.record, params));
  }
  const together = (changes.members ?? [changes]).every(writableInOneStatement);
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

/**
 * A unit that deletes rows of a table and writes others of it needs two statements: the parts of
 * one run in no defined order, and a row it inserts may take the unique key of one it deletes (a
 * variable set again under its name). Units merged from several commands touch distinct
 * instances, so only each one's own rows can collide.
 */
function writableInOneStatement(changes: UnitOfWorkChanges): boolean {
  const deleting = new Set<string>();
  const writing = new Set<string>();
  const note = (table: string, tracked: TrackedChanges<unknown>) => {
    if (tracked.deleted.length > 0) deleting.add(table);
    if (tracked.inserted.length + tracked.updated.length > 0) writing.add(table);
  };
  for (const instance of changes.instances) {
    const owned: OwnedChanges = instance;
    for (const kind of OWNED_KINDS) note(ownedTables[kind].name, owned[kind] as TrackedChanges<unknown>);
  }
  note(jobTable.name, changes.definitionJobs);
  note(subscriptionTable.name, changes.definitionSubscriptions);
  return ![...deleting].some((table) => writing.has(table));
}

function hasRowChanges(changes: UnitOfWorkChanges): boolean {
  const any = (tracked: TrackedChanges<unknown>) => tracked.inserted.length + tracked.updated.length + tracked.deleted.length > 0;
  return changes.instances.length > 0 || changes.history.length > 0 || any(changes.definitionJobs) || any(changes.definitionSubscriptions) ||
    (changes.companions?.length ?? 0) > 0;
}

/**
 * The row changes of every instance of the unit, per table: one delete of all its deleted rows, its
 * inserted rows, and its updated rows grouped by the columns they change; the row writer makes
 * them parts (per row, or per table with arrays).
 */
class RowChanges {
  private readonly tables = new Map<string, {
    readonly table: Table<{ id: string }>;
    readonly inserted: { id: string }[];
    readonly deleted: string[];
    readonly updated: Map<string, { readonly columns: Column<{ id: string }>[]; readonly rows: RowUpdate<{ id: string }>[] }>;
  }>();

  add<R extends { readonly id: string }>(table: Table<R>, tracked: TrackedChanges<R>): void {
    if (tracked.inserted.length + tracked.updated.length + tracked.deleted.length === 0) return;
    const generic = table as unknown as Table<{ id: string }>;
    let entry = this.tables.get(table.name);
    if (!entry) {
      entry = { table: generic, inserted: [], deleted: [], updated: new Map() };
      this.tables.set(table.name, entry);
    }
    entry.inserted.push(...(tracked.inserted as unknown as { id: string }[]));
    entry.deleted.push(...tracked.deleted);
    for (const update of tracked.updated) {
      const columns = generic.columns.filter((c) => c.field in update.patch && c.field !== 'id');
      if (columns.length === 0) continue;
      const key = columns.map((c) => c.column).join(',');
      const group = entry.updated.get(key) ?? { columns, rows: [] };
      entry.updated.set(key, group);
      group.rows.push({ id: update.id, patch: update.patch as Partial<{ id: string }> });
    }
  }

  emit(rowWriter: RowWriter, deletes: StatementParts, writes: StatementParts): void {
    for (const { table, inserted, deleted, updated } of this.tables.values()) {
      if (deleted.length > 0) deletes.add(table.name, (params) => `DELETE FROM ${table.name} WHERE id = ANY($${params.push(deleted)}::text[])`);
      if (inserted.length > 0) rowWriter.insert(writes, table, inserted);
      for (const { columns, rows } of updated.values()) rowWriter.update(writes, table, columns, rows);
    }
  }
}

/** the division by zero of a statement whose guards did not all find their revision */
function isGuardFailure(error: unknown): boolean {
  return sqlStateOf(error) === '22012';
}

/** one data-modifying statement of a CTE; a guard returns the ids of the rows it guarded */
interface Part {
  readonly table: string;
  readonly build: (params: unknown[]) => string;
  /** the rows a guard must find (0: no guard) */
  readonly guarded: number;
}

class StatementParts {
  readonly parts: Part[] = [];

  add(table: string, build: (params: unknown[]) => string, guarded = 0): void {
    this.parts.push({ table, build, guarded });
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
  let texts: { text: string; guarded: number }[] = [];
  const flush = () => {
    if (texts.length === 0) return;
    statements.push({ sql: asOneStatement(texts, params), params });
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
    texts.push({ text, guarded: part.guarded });
  }
  flush();
  return statements;
}

/**
 * The parts as CTEs of one statement. With guards, the main query divides by zero unless the
 * guards found every row they guard: the error undoes the whole statement (it may be the only one
 * of the unit, committing by itself). The main query reads the guards first; the other parts run
 * after it. The number of guarded rows is a parameter, so the text does not depend on it.
 */
function asOneStatement(texts: readonly { text: string; guarded: number }[], params: unknown[]): string {
  const guards = texts.map((t, i) => (t.guarded > 0 ? `SELECT id FROM s${i}` : null)).filter((g): g is string => g !== null);
  if (texts.length === 1 && guards.length === 0) return texts[0]!.text;
  const expected = texts.reduce((sum, t) => sum + t.guarded, 0);
  const main = guards.length > 0
    ? `SELECT 1 / ((SELECT count(*)::int FROM (${guards.join(' UNION ALL ')}) g) / $${params.push(expected)}::int) AS guarded`
    : 'SELECT 1';
  return `WITH ${texts.map((t, i) => `s${i} AS (${t.text})`).join(', ')} ${main}`;
}

/**
 * The optimistic lock: an update or delete of an instance row only succeeds at the revision the
 * command read. A concurrent writer blocks here until the other commits, then finds 0 rows (and
 * the whole statement, with its transaction, is undone). All instances of the unit in one update
 * and one delete; the new ones in one insert.
 */
function guardInstances(rowWriter: RowWriter, guards: StatementParts, writes: StatementParts, instances: readonly InstanceChanges[]): void {
  const created = instances.filter((i) => i.expectedRevision === null && !i.ended).map((i) => i.instance);
  const ended = instances.filter((i) => i.expectedRevision !== null && i.ended);
  const updated = instances.filter((i) => i.expectedRevision !== null && !i.ended);
  if (created.length > 0) rowWriter.insert(writes, processInstanceTable, created, { rev: 1 });
  if (ended.length > 0) rowWriter.guardEnded(guards, ended);
  if (updated.length > 0) rowWriter.guardUpdated(guards, updated);
}

/**
 * The guard of a definition a command took from the cache as the latest of its key: it finds the
 * definition only while no newer version of the key exists (latest-definitions.ts).
 */
function stillLatest(assumed: AssumedLatest, params: unknown[]): string {
  const sameTenant = assumed.tenantScoped ? ' AND n.tenant_id IS NOT DISTINCT FROM d.tenant_id' : '';
  return `SELECT d.id FROM ${definitionTable.name} d WHERE d.id = $${params.push(assumed.definitionId)} ` +
    `AND NOT EXISTS (SELECT 1 FROM ${definitionTable.name} n WHERE n.key = d.key${sameTenant} AND n.version > d.version)`;
}

/** how rows become statement parts: one part per row with scalar parameters, or one per table with arrays */
interface RowWriter {
  insert<R extends { readonly id: string }>(parts: StatementParts, table: Table<R>, records: readonly R[], extras?: Readonly<Record<string, unknown>>): void;
  /** `sticky` columns keep their stored value where the row's new one is null */
  update<R extends { readonly id: string }>(parts: StatementParts, table: Table<R>, columns: readonly Column<R>[], rows: readonly RowUpdate<R>[], sticky?: ReadonlySet<string>): void;
  /** the revision guard of ended instances: their rows deleted at the revision read */
  guardEnded(guards: StatementParts, instances: readonly InstanceChanges[]): void;
  /** the revision guard of changed instances: their rows updated at the revision read */
  guardUpdated(guards: StatementParts, instances: readonly InstanceChanges[]): void;
}

const PI = processInstanceTable.name;

/**
 * One command's rows: multi-row VALUES and one update per row, all parameters scalars, so that the
 * generic plan PostgreSQL settles on for a prepared text is as cheap as a custom one (with array
 * parameters it would plan every execution anew).
 */
const SCALAR_ROWS: RowWriter = {
  insert(parts, table, records, extras = {}) {
    for (let i = 0; i < records.length; i += BATCH) {
      const slice = records.slice(i, i + BATCH);
      parts.add(table.name, (params) => insertStatement(table, slice, extras, params).sql);
    }
  },
  update(parts, table, columns, rows, sticky = new Set()) {
    for (const row of rows) {
      parts.add(table.name, (params) => {
        const sets = columns.map((c) => {
          const value = `$${params.push(dbValue(c, row.patch))}`;
          return sticky.has(c.column) ? `${c.column} = coalesce(${value}, ${c.column})` : `${c.column} = ${value}`;
        });
        return `UPDATE ${table.name} SET ${sets.join(', ')} WHERE id = $${params.push(row.id)}`;
      });
    }
  },
  guardEnded(guards, instances) {
    for (const { instanceId, expectedRevision } of instances) {
      guards.add(PI, (params) => `DELETE FROM ${PI} WHERE id = $${params.push(instanceId)} AND rev = $${params.push(expectedRevision)} RETURNING id`, 1);
    }
  },
  guardUpdated(guards, instances) {
    for (const { instanceId, expectedRevision, instance } of instances) {
      guards.add(
        PI,
        (params) =>
          `UPDATE ${PI} SET rev = rev + 1, state = $${params.push(instance.state)}, suspended = $${params.push(instance.suspended)}, ` +
          `business_key = $${params.push(instance.businessKey)} WHERE id = $${params.push(instanceId)} AND rev = $${params.push(expectedRevision)} RETURNING id`,
        1,
      );
    }
  },
};

/** Several commands' rows (a joint write): one part per table and kind of change, rows as arrays (unnest-rows.ts). */
class ArrayRows implements RowWriter {
  constructor(private readonly types: ColumnTypes) {}

  insert<R extends { readonly id: string }>(parts: StatementParts, table: Table<R>, records: readonly R[], extras: Readonly<Record<string, unknown>> = {}): void {
    parts.add(table.name, (params) => unnestInsert(this.types, table, records, params, extras));
  }

  update<R extends { readonly id: string }>(parts: StatementParts, table: Table<R>, columns: readonly Column<R>[], rows: readonly RowUpdate<R>[], sticky?: ReadonlySet<string>): void {
    parts.add(table.name, (params) => unnestUpdate(this.types, table, columns, rows, params, sticky));
  }

  guardEnded(guards: StatementParts, instances: readonly InstanceChanges[]): void {
    guards.add(PI, (params) => {
      const rows = unnestRows(this.types, PI, [
        { column: 'id', values: instances.map((i) => i.instanceId) },
        { column: 'rev', values: instances.map((i) => i.expectedRevision) },
      ], params);
      return `DELETE FROM ${PI} AS t USING ${rows.from} WHERE t.id = ANY(${rows.param[0]}) AND t.id = ${rows.value[0]} AND t.rev = ${rows.value[1]} RETURNING t.id`;
    }, instances.length);
  }

  guardUpdated(guards: StatementParts, instances: readonly InstanceChanges[]): void {
    guards.add(PI, (params) => {
      const rows = unnestRows(this.types, PI, [
        { column: 'id', values: instances.map((i) => i.instanceId) },
        { column: 'rev', values: instances.map((i) => i.expectedRevision) },
        { column: 'state', values: instances.map((i) => i.instance.state) },
        { column: 'suspended', values: instances.map((i) => i.instance.suspended) },
        { column: 'business_key', values: instances.map((i) => i.instance.businessKey) },
      ], params);
      const [id, rev, state, suspended, businessKey] = rows.value;
      return `UPDATE ${PI} AS t SET rev = t.rev + 1, state = ${state}, suspended = ${suspended}, business_key = ${businessKey} ` +
        `FROM ${rows.from} WHERE t.id = ANY(${rows.param[0]}) AND t.id = ${id} AND t.rev = ${rev} RETURNING t.id`;
    }, instances.length);
  }
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
function historyParts(rowWriter: RowWriter, writes: StatementParts, changes: UnitOfWorkChanges): void {
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
    const known: RowUpdate<{ id: string }>[] = [];
    for (const [id, row] of rows) {
      if (changes.existingIds.has(id)) known.push({ id, patch: row as Partial<{ id: string }> });
      else fresh.push(row as { id: string });
    }
    if (known.length > 0) rowWriter.update(writes, table, table.columns.filter((c) => c.column !== 'id'), known, STICKY_HISTORY_COLUMNS);
    if (fresh.length > 0) rowWriter.insert(writes, table, fresh);
  }
}

/** a later snapshot keeps values an earlier one had for fields it leaves empty */
function withoutNulls(row: Record<string, unknown>, sticky: readonly string[]): Record<string, unknown> {
  const out = { ...row };
  for (const key of sticky) if (out[key] === null || out[key] === undefined) delete out[key];
  return out;
}

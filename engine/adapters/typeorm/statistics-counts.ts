import type { DataSource } from 'typeorm';
import type { InstanceChanges } from '../../core/execution/instance-aggregate.js';
import type { ElementInstanceRecord } from '../../core/execution/records.js';

/**
 * The cockpit's statistics as counts kept with the runtime rows (migration 1763901400000), so that
 * reading them costs the same at a million running instances as at a thousand.
 *
 * - `engine.statistics_delta` is insert-only: every command that changes a count appends its
 *   changes, one row per (definition, activity), in the same statement as its runtime rows
 *   (sql-writer.ts). Concurrent commands never update a shared row, so nothing serialises them.
 * - `engine.statistics_count` holds the sums of the deltas compacted so far (compactStatistics).
 * - A count is the base row plus the deltas not yet compacted.
 *
 * Activity '' holds the running process instances of the definition (their `process_instance`
 * rows); any other activity id holds the element instances at that activity of the definition's
 * instances: `instances` counts those the statistics count (not the process, not a multi-instance
 * or loop body), `present` every one but the process itself (an activity shows in the statistics
 * while it has one, even with 0 instances). Both are exactly what counting the rows would give.
 */
export const STATISTICS_COUNT_TABLE = 'engine.statistics_count';
export const STATISTICS_DELTA_TABLE = 'engine.statistics_delta';
/** the activity id of the row that counts process instances (no BPMN element has an empty id) */
export const PROCESS_ROW = '';

/** element kinds counted in `present` but not in `instances` (the process itself is in neither) */
const NOT_COUNTED = new Set(['multiInstanceBody', 'standardLoopBody']);

export interface StatisticsDeltas {
  readonly definitionIds: string[];
  readonly activityIds: string[];
  readonly instances: number[];
  readonly present: number[];
}

/**
 * What the written unit changes in the counts: for each instance, what its rows count after the
 * command minus what they counted before (an instance row that exists counts 1 in activity '',
 * its element instances count in theirs; an ended or not yet existing instance counts nothing,
 * as the statistics join element instances to their instance row). Null when nothing changes.
 */
export function statisticsDeltas(instances: readonly InstanceChanges[]): StatisticsDeltas | null {
  const sums = new Map<string, { readonly definitionId: string; readonly activityId: string; instances: number; present: number }>();
  const add = (definitionId: string, activityId: string, instanceCount: number, present: number) => {
    const key = `${definitionId}\u0000${activityId}`;
    const sum = sums.get(key);
    if (sum) {
      sum.instances += instanceCount;
      sum.present += present;
    } else {
      sums.set(key, { definitionId, activityId, instances: instanceCount, present });
    }
  };
  const count = (definitionId: string, elements: readonly ElementInstanceRecord[], sign: 1 | -1) => {
    add(definitionId, PROCESS_ROW, sign, 0);
    for (const element of elements) {
      if (element.kind === 'process') continue;
      add(definitionId, element.elementId, NOT_COUNTED.has(element.kind) ? 0 : sign, sign);
    }
  };
  for (const changes of instances) {
    if (!countsMayChange(changes)) continue;
    const definitionId = changes.instance.definitionId;
    if (changes.expectedRevision !== null) count(definitionId, changes.elementsBefore, -1);
    if (!changes.ended) count(definitionId, changes.elementsAfter, 1);
  }
  const deltas: StatisticsDeltas = { definitionIds: [], activityIds: [], instances: [], present: [] };
  for (const sum of sums.values()) {
    if (sum.instances === 0 && sum.present === 0) continue;
    deltas.definitionIds.push(sum.definitionId);
    deltas.activityIds.push(sum.activityId);
    deltas.instances.push(sum.instances);
    deltas.present.push(sum.present);
  }
  return deltas.definitionIds.length > 0 ? deltas : null;
}

/** an instance that neither begins nor ends and whose element instances were only updated in their state or data counts as before */
function countsMayChange(changes: InstanceChanges): boolean {
  if (changes.expectedRevision === null || changes.ended) return true;
  const elements = changes.elements;
  return elements.inserted.length > 0 || elements.deleted.length > 0 || elements.updated.some((u) => 'elementId' in u.patch || 'kind' in u.patch);
}

/** the INSERT of a unit's deltas (a part of the writer's statement): its text does not depend on how many rows */
export function insertDeltasSql(deltas: StatisticsDeltas, params: unknown[]): string {
  const bind = (value: unknown) => `$${params.push(value)}`;
  return `INSERT INTO ${STATISTICS_DELTA_TABLE} (definition_id, activity_id, instances, present) ` +
    `SELECT * FROM unnest(${bind(deltas.definitionIds)}::text[], ${bind(deltas.activityIds)}::text[], ${bind(deltas.instances)}::int[], ${bind(deltas.present)}::int[])`;
}

/** the counts of one definition's rows (base plus deltas), as a subquery with activity_id, instances and present */
export function countsOf(definition: string, activities: 'process' | 'elements'): string {
  const activity = activities === 'process' ? `activity_id = ''` : `activity_id <> ''`;
  return `(SELECT definition_id, activity_id, sum(instances) AS instances, sum(present) AS present FROM (
      SELECT definition_id, activity_id, instances, present FROM ${STATISTICS_COUNT_TABLE} WHERE ${definition} AND ${activity}
      UNION ALL SELECT definition_id, activity_id, instances, present FROM ${STATISTICS_DELTA_TABLE} WHERE ${definition} AND ${activity}
    ) u GROUP BY definition_id, activity_id)`;
}

/** the counts computed from the runtime rows: what the migration and a rebuild store as base rows */
export const COUNTS_FROM_ROWS_SQL = `
  SELECT pi.definition_id, '' AS activity_id, count(*) AS instances, 0 AS present FROM engine.process_instance pi GROUP BY pi.definition_id
  UNION ALL
  SELECT pi.definition_id, e.element_id, count(*) FILTER (WHERE e.kind NOT IN ('multiInstanceBody', 'standardLoopBody')), count(*)
    FROM engine.element_instance e JOIN engine.process_instance pi ON pi.id = e.process_instance_id
    WHERE e.kind <> 'process' GROUP BY pi.definition_id, e.element_id`;

/** a key for pg_try_advisory_xact_lock: one compaction at a time over all nodes */
export const COMPACTION_LOCK = 1763901400;

/**
 * Moves the deltas into the base rows, in one transaction under an advisory lock (another node
 * compacting meanwhile skips its turn). The DELETE … RETURNING moves exactly the rows it removed,
 * so a delta committed meanwhile stays for the next time; killed midway, nothing happened. Base
 * rows left at 0 are removed. Returns how many deltas were moved (null when another node holds the lock).
 */
export async function compactStatistics(dataSource: DataSource, options: { readonly vacuum?: boolean } = {}): Promise<number | null> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  let moved: number | null = null;
  try {
    await runner.startTransaction();
    const [lock] = (await runner.query('SELECT pg_try_advisory_xact_lock($1) AS got', [COMPACTION_LOCK])) as { got: boolean }[];
    if (!lock?.got) {
      await runner.rollbackTransaction();
      return null;
    }
    const [row] = (await runner.query(`
      WITH moved AS (DELETE FROM ${STATISTICS_DELTA_TABLE} RETURNING definition_id, activity_id, instances, present),
      merged AS (
        INSERT INTO ${STATISTICS_COUNT_TABLE} AS c (definition_id, activity_id, instances, present)
        SELECT definition_id, activity_id, sum(instances), sum(present) FROM moved GROUP BY definition_id, activity_id
        ON CONFLICT (definition_id, activity_id) DO UPDATE SET instances = c.instances + excluded.instances, present = c.present + excluded.present
        RETURNING 1)
      SELECT (SELECT count(*) FROM moved)::int AS moved`)) as { moved: number }[];
    moved = row?.moved ?? 0;
    if (moved > 0) await runner.query(`DELETE FROM ${STATISTICS_COUNT_TABLE} WHERE instances = 0 AND present = 0`);
    await runner.commitTransaction();
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
  // embedded PGlite has no autovacuum: the deleted deltas' space is reclaimed here
  if (options.vacuum && moved !== null && moved > 0) await dataSource.query(`VACUUM ${STATISTICS_DELTA_TABLE}`);
  return moved;
}

/**
 * Recomputes the base rows from the runtime rows and drops the deltas, in one transaction: for
 * rows written around the engine (the bench's bulk load). The SHARE ROW EXCLUSIVE lock keeps
 * commands from adding deltas meanwhile (they wait for it), so no change is counted twice or lost.
 */
export const REBUILD_STATISTICS_SQL: readonly string[] = [
  `LOCK TABLE ${STATISTICS_DELTA_TABLE} IN SHARE ROW EXCLUSIVE MODE`,
  `DELETE FROM ${STATISTICS_DELTA_TABLE}`,
  `DELETE FROM ${STATISTICS_COUNT_TABLE}`,
  `INSERT INTO ${STATISTICS_COUNT_TABLE} (definition_id, activity_id, instances, present) ${COUNTS_FROM_ROWS_SQL}`,
];

/** a client that runs SQL text (a pg client, a TypeORM query runner) */
interface Queryable {
  query(sql: string): Promise<unknown>;
}

/** REBUILD_STATISTICS_SQL in a transaction of its own on the client */
export async function rebuildStatistics(client: Queryable): Promise<void> {
  await client.query('BEGIN');
  try {
    for (const statement of REBUILD_STATISTICS_SQL) await client.query(statement);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

import type { Viewer } from '../../../core/ports/engine-queries.js';
import type { FilterSpec, Where } from './where.js';

/** binds a value as a query parameter and returns its placeholder */
export type Bind = (value: unknown) => string;

/**
 * How the application's records show through business keys. The composition root sets it (the
 * engine knows no records); without it, business keys grant nothing.
 */
export interface BusinessKeyRecords {
  /** an SQL condition: the business key, given as a uuid expression (NULL when the key is no UUID), names a record the viewer may see */
  visibleKey(keyUuid: string, viewer: Viewer, bind: Bind): string;
  /** whether a business key has the shape of a record id: starting a process on it then takes seeing the record */
  isRecordKey(key: string): boolean;
}

const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/**
 * A text business key as a uuid, NULL when it is no UUID (the shape of the CRM's record ids). The
 * historic instances keep it in `business_key_uuid` (migration 1763900900000), with statistics and
 * an index, so that a query compares uuids instead of matching the pattern once per row and test.
 */
export function businessKeyAsUuid(key: string): string {
  return `(CASE WHEN ${key} ~* '${UUID_PATTERN}' THEN (${key})::uuid END)`;
}

/** a task that is the viewer's or offered to them: assigned to them, or unassigned with them or one of their groups as candidates */
export function viewersTask(alias: string, viewer: Viewer, bind: Bind): string {
  const user = bind(viewer.userId);
  return `(${alias}.assignee = ${user} OR (${alias}.assignee IS NULL AND (${alias}.candidate_users && ARRAY[${user}]::text[] OR ${alias}.candidate_groups && ${bind(viewer.groups)}::text[])))`;
}

/**
 * The condition "the historic instance row in `alias` is visible to the viewer": started by them,
 * with a task of theirs (now, or assigned to them in the history), or about a record they see.
 * Each test is a correlated EXISTS (or one over a few rows), which PostgreSQL turns into one hashed
 * set when it is small and into an index lookup per row when it is not: never one large set inside
 * an OR, which it would scan again for every row once the set outgrows memory.
 */
export function instanceVisible(alias: string, viewer: Viewer, bind: Bind, records: BusinessKeyRecords | undefined, rows: InstanceRows = HISTORIC_INSTANCE_ROWS): string {
  const user = bind(viewer.userId);
  const tests = [
    `${alias}.start_user_id = ${user}`,
    `EXISTS (SELECT 1 FROM engine.task vt WHERE vt.process_instance_id = ${alias}.id AND ${viewersTask('vt', viewer, bind)})`,
    `EXISTS (SELECT 1 FROM engine.hist_task vh WHERE vh.process_instance_id = ${alias}.id AND vh.assignee = ${user})`,
  ];
  if (records && viewer.records !== 'none') tests.push(records.visibleKey(rows.keyUuid(alias), viewer, bind));
  return `(${tests.join(' OR ')})`;
}

/**
 * Where visibility finds an instance's row: the historic instances, which hold ended instances too
 * (and an indexed uuid of the business key), or, where no history is written (HISTORY_LEVEL=none),
 * the running instances.
 */
export interface InstanceRows {
  readonly table: string;
  /** the business key as a uuid expression, on the row in `alias` */
  keyUuid(alias: string): string;
}

export const HISTORIC_INSTANCE_ROWS: InstanceRows = { table: 'engine.hist_process_instance', keyUuid: (alias) => `${alias}.business_key_uuid` };
export const RUNTIME_INSTANCE_ROWS: InstanceRows = { table: 'engine.process_instance', keyUuid: (alias) => businessKeyAsUuid(`${alias}.business_key`) };

/** the condition "the process instance whose id is in `column` is visible to the viewer" */
export function instanceIdVisible(column: string, viewer: Viewer, bind: Bind, records: BusinessKeyRecords | undefined, rows: InstanceRows = HISTORIC_INSTANCE_ROWS): string {
  return `EXISTS (SELECT 1 FROM ${rows.table} vi WHERE vi.id = ${column} AND ${instanceVisible('vi', viewer, bind, records, rows)})`;
}

/** the `visibleTo` filter: on an instance row of `rows` (`{ row: alias }`), or on rows holding an instance id in a column */
export function visibleToFilter(where: { readonly row: string } | { readonly column: string }, records: BusinessKeyRecords | undefined, rows: InstanceRows = HISTORIC_INSTANCE_ROWS): FilterSpec {
  return {
    visibleTo: (w: Where, viewer: Viewer) => {
      const bind: Bind = (value) => w.param(value);
      w.raw('row' in where ? instanceVisible(where.row, viewer, bind, records, rows) : instanceIdVisible(where.column, viewer, bind, records, rows));
    },
  };
}

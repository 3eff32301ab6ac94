import type { Viewer } from '../../../core/ports/engine-queries.js';
import type { FilterSpec, Where } from './where.js';

/** binds a value as a query parameter and returns its placeholder */
export type Bind = (value: unknown) => string;

/**
 * How the application's records show through business keys. The composition root sets it (the
 * engine knows no records); without it, business keys grant nothing.
 */
export interface BusinessKeyRecords {
  /** an SQL condition: the text expression `key` names a record the viewer may see */
  visibleKey(key: string, viewer: Viewer, bind: Bind): string;
  /** whether a business key has the shape of a record id: starting a process on it then takes seeing the record */
  isRecordKey(key: string): boolean;
}

/** a task that is the viewer's or offered to them: assigned to them, or unassigned with them or one of their groups as candidates */
export function viewersTask(alias: string, viewer: Viewer, bind: Bind): string {
  const user = bind(viewer.userId);
  return `(${alias}.assignee = ${user} OR (${alias}.assignee IS NULL AND (${alias}.candidate_users && ARRAY[${user}]::text[] OR ${alias}.candidate_groups && ${bind(viewer.groups)}::text[])))`;
}

/**
 * SELECT of the ids of the process instances (running or finished) the viewer may see: started by
 * them, with a task of theirs (now, or assigned to them in the history), or about a record they see.
 * Every branch reads an index; the caller uses it as `id IN (...)`, which PostgreSQL joins.
 */
export function visibleInstanceIds(viewer: Viewer, bind: Bind, records: BusinessKeyRecords | undefined): string {
  const user = bind(viewer.userId);
  const branches = [
    `SELECT vs.id FROM engine.hist_process_instance vs WHERE vs.start_user_id = ${user}`,
    `SELECT vt.process_instance_id FROM engine.task vt WHERE ${viewersTask('vt', viewer, bind)}`,
    `SELECT vh.process_instance_id FROM engine.hist_task vh WHERE vh.assignee = ${user}`,
  ];
  if (records && viewer.records !== 'none') {
    branches.push(`SELECT vk.id FROM engine.hist_process_instance vk WHERE ${records.visibleKey('vk.business_key', viewer, bind)}`);
  }
  return branches.join(' UNION ALL ');
}

/** the `visibleTo` filter for rows whose process instance id is in `column` */
export function visibleToFilter(column: string, records: BusinessKeyRecords | undefined): FilterSpec {
  return {
    visibleTo: (w: Where, viewer: Viewer) => w.raw(`${column} IN (${visibleInstanceIds(viewer, (value) => w.param(value), records)})`),
  };
}

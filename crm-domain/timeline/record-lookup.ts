import type { EntityManager } from 'typeorm';
import { positionalBind, visibleCondition, type Bind } from '../access/record-access.js';
import type { RecordViewer } from '../access/record-viewer.js';
import { RECORD_DEFINITIONS, RECORD_TYPE_REGISTRY, RECORD_TYPES, type RecordType } from '../shared/record-types.js';

export interface RecordRef {
  readonly type: RecordType;
  readonly id: string;
  readonly title: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The records behind business keys (record ids are UUIDs, unique across record types); with a
 * viewer only those they see, and the names of the companies and contacts those records name.
 * Without one: every record (the task list, whose tasks are the caller's).
 */
export async function lookUpRecords(manager: EntityManager, ids: readonly (string | null)[], viewer?: RecordViewer): Promise<Map<string, RecordRef>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id && UUID.test(id)))];
  if (wanted.length === 0) return new Map();
  const params: unknown[] = [wanted];
  const bind = positionalBind(params);
  const sql = RECORD_TYPES.map((type) => {
    const visible = viewer ? titleVisible(type, viewer, bind) : null;
    return `SELECT '${type}' AS type, x.id::text AS id, ${RECORD_DEFINITIONS[type].title} AS title FROM ${RECORD_DEFINITIONS[type].table} x WHERE x.id = ANY($1::uuid[])${visible ? ` AND ${visible}` : ''}`;
  }).join(' UNION ALL ');
  const rows = (await manager.query(sql, params)) as RecordRef[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** which records name a record (a deal its company and contact: `names` in their definitions): whoever sees one of them may read its title */
const REFERENCED_BY: Partial<Record<RecordType, { readonly type: RecordType; readonly column: string }[]>> = {};
for (const by of RECORD_TYPE_REGISTRY) {
  for (const [named, column] of Object.entries(RECORD_DEFINITIONS[by.type].names ?? {})) (REFERENCED_BY[named as RecordType] ??= []).push({ type: by.type, column });
}

/** a record's title (its name) is visible with the record, and with a record that names it (a deal's company and contact) */
function titleVisible(type: RecordType, viewer: RecordViewer, bind: Bind): string | null {
  const own = visibleCondition(type, 'x', viewer, bind);
  if (own === null) return null;
  const through = (REFERENCED_BY[type] ?? []).map(({ type: by, column }) => {
    const visible = visibleCondition(by, 'r', viewer, bind) ?? 'TRUE';
    return `EXISTS (SELECT 1 FROM ${RECORD_DEFINITIONS[by].table} r WHERE r.${column} = x.id AND ${visible})`;
  });
  return `(${[own, ...through].join(' OR ')})`;
}

/** the record if it exists and the viewer sees it */
export async function lookUpRecord(manager: EntityManager, type: RecordType, id: string, viewer: RecordViewer): Promise<RecordRef | null> {
  const params: unknown[] = [id];
  const visible = visibleCondition(type, 'x', viewer, positionalBind(params));
  const rows = (await manager.query(
    `SELECT x.id::text AS id, ${RECORD_DEFINITIONS[type].title} AS title FROM ${RECORD_DEFINITIONS[type].table} x WHERE x.id = $1${visible ? ` AND ${visible}` : ''}`,
    params,
  )) as { id: string; title: string }[];
  return rows[0] ? { type, id: rows[0].id, title: rows[0].title } : null;
}

/** user id → name, for "who" on timelines and tasks */
export async function userNames(manager: EntityManager, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id && UUID.test(id)))];
  if (wanted.length === 0) return new Map();
  const rows = (await manager.query('SELECT id::text AS id, name FROM crm.users WHERE id = ANY($1::uuid[])', [wanted])) as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

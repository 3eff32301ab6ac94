import type { EntityManager } from 'typeorm';
import { RECORD_TABLES, RECORD_TYPES, type RecordType } from '../shared/record-types.js';

export interface RecordRef {
  readonly type: RecordType;
  readonly id: string;
  readonly title: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** the records behind business keys (record ids are UUIDs, unique across record types) */
export async function lookUpRecords(manager: EntityManager, ids: readonly (string | null)[]): Promise<Map<string, RecordRef>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id && UUID.test(id)))];
  if (wanted.length === 0) return new Map();
  const sql = RECORD_TYPES.map((type) => `SELECT '${type}' AS type, id::text AS id, ${RECORD_TABLES[type].title} AS title FROM ${RECORD_TABLES[type].table} WHERE id = ANY($1::uuid[])`).join(' UNION ALL ');
  const rows = (await manager.query(sql, [wanted])) as RecordRef[];
  return new Map(rows.map((r) => [r.id, r]));
}

export async function lookUpRecord(manager: EntityManager, type: RecordType, id: string): Promise<RecordRef | null> {
  const rows = (await manager.query(`SELECT id::text AS id, ${RECORD_TABLES[type].title} AS title FROM ${RECORD_TABLES[type].table} WHERE id = $1`, [id])) as { id: string; title: string }[];
  return rows[0] ? { type, id: rows[0].id, title: rows[0].title } : null;
}

/** user id → name, for "who" on timelines and tasks */
export async function userNames(manager: EntityManager, ids: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id && UUID.test(id)))];
  if (wanted.length === 0) return new Map();
  const rows = (await manager.query('SELECT id::text AS id, name FROM crm.users WHERE id = ANY($1::uuid[])', [wanted])) as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

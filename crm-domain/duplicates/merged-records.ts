import type { EntityManager } from 'typeorm';
import type { RecordType } from '../shared/record-types.js';
import { DUPLICATE_TABLES, DUPLICATE_TYPES, type DuplicateType } from './duplicate-rules.js';

export function isMergeable(type: RecordType): type is DuplicateType {
  return (DUPLICATE_TYPES as readonly string[]).includes(type);
}

/**
 * The records merged into this one (their `merged_into`): their change history and processes
 * stay theirs and are read from the kept record's timeline through this link. A merge re-points
 * earlier merges into the duplicate, so one level is all there is.
 */
export async function mergedRecordIds(manager: EntityManager, type: RecordType, id: string): Promise<string[]> {
  if (!isMergeable(type)) return [];
  const rows = (await manager.query(`SELECT id FROM ${DUPLICATE_TABLES[type].table} WHERE merged_into = $1 ORDER BY created_at`, [id])) as { id: string }[];
  return rows.map((row) => row.id);
}

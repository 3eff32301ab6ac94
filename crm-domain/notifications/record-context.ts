import type { EntityManager } from 'typeorm';
import { isRecordType, RECORD_DEFINITIONS, type RecordType } from '../shared/record-types.js';

/** a record's fields (camelCase) plus its company's name, for notification texts */
export async function recordContext(manager: EntityManager, type: RecordType | null, id: string | null): Promise<Record<string, unknown>> {
  if (!isRecordType(type) || !id) return {};
  const definition = RECORD_DEFINITIONS[type];
  const companyColumn = definition.names?.['company'];
  const rows = (await manager.query(
    `SELECT to_jsonb(r) AS record${companyColumn ? ', c.name AS company_name' : ''}
     FROM ${definition.table} r${companyColumn ? ` LEFT JOIN crm.companies c ON c.id = r.${companyColumn}` : ''}
     WHERE r.id = $1`,
    [id],
  )) as { record: Record<string, unknown>; company_name?: string }[];
  const row = rows[0];
  if (!row) return {};
  const fields = Object.fromEntries(Object.entries(row.record).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]));
  for (const [alias, field] of Object.entries(definition.contextAliases ?? {})) fields[alias] = fields[field];
  if (row.company_name) fields['companyName'] = row.company_name;
  return fields;
}

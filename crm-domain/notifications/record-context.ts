import type { EntityManager } from 'typeorm';
import { RECORD_TABLES, type RecordType } from '../shared/record-types.js';

/** a record's fields (camelCase) plus its company's name, for notification texts */
export async function recordContext(manager: EntityManager, type: RecordType | null, id: string | null): Promise<Record<string, unknown>> {
  if (!type || !id || !Object.hasOwn(RECORD_TABLES, type)) return {};
  const hasCompany = type === 'deal' || type === 'complaint' || type === 'contact';
  const rows = (await manager.query(
    `SELECT to_jsonb(r) AS record${hasCompany ? ', c.name AS company_name' : ''}
     FROM ${RECORD_TABLES[type].table} r${hasCompany ? ' LEFT JOIN crm.companies c ON c.id = r.company_id' : ''}
     WHERE r.id = $1`,
    [id],
  )) as { record: Record<string, unknown>; company_name?: string }[];
  const row = rows[0];
  if (!row) return {};
  const fields = Object.fromEntries(Object.entries(row.record).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]));
  if (type === 'company') fields['companyName'] = fields['name'];
  if (type === 'lead') fields['amount'] = fields['estimatedAmount'];
  if (row.company_name) fields['companyName'] = row.company_name;
  return fields;
}

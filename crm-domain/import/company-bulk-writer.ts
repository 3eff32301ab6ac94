import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { CreateCompany } from '../companies/company-schemas.js';

/**
 * Writes many companies with their first contact in a few statements (one per table, rows as a
 * JSON array), with the same columns and change-log lines as `POST /api/companies` writes one by
 * one. Runs inside the caller's transaction.
 */
export async function insertCompanies(manager: EntityManager, actor: string, companies: readonly CreateCompany[]): Promise<string[]> {
  if (companies.length === 0) return [];
  const rows = companies.map((company) => ({ company, id: randomUUID(), contactId: randomUUID() }));
  await manager.query(
    `INSERT INTO crm.companies (id, name, type, industry, employees, founded, phones, email, address, city, tax_id, owner_id)
     SELECT r.id, r.name, r.type, r.industry, r.employees, r.founded, ARRAY(SELECT jsonb_array_elements_text(r.phones)), r.email, r.address, r.city, r.tax_id, r.owner_id
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, name text, type text, industry text, employees integer, founded date, phones jsonb, email text, address text, city text, tax_id text, owner_id uuid)`,
    [JSON.stringify(rows.map(({ company: c, id }) => ({
      id, name: c.name, type: c.type, industry: c.industry ?? null, employees: c.employees ?? null, founded: c.founded ?? null,
      phones: c.phones ?? [], email: c.email ?? null, address: c.address ?? null, city: c.city ?? null, tax_id: c.taxId ?? null, owner_id: c.ownerId ?? null,
    })))],
  );
  await manager.query(
    `INSERT INTO crm.contacts (id, company_id, full_name, position, work_phone, mobile_phone, email, birthday, owner_id)
     SELECT r.id, r.company_id, r.full_name, r.position, r.work_phone, r.mobile_phone, r.email, r.birthday, r.owner_id
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, company_id uuid, full_name text, position text, work_phone text, mobile_phone text, email text, birthday date, owner_id uuid)`,
    [JSON.stringify(rows.map(({ company: { primaryContact: p, ownerId }, id, contactId }) => ({
      id: contactId, company_id: id, full_name: p.fullName, position: p.position ?? null, work_phone: p.workPhone ?? null,
      mobile_phone: p.mobilePhone ?? null, email: p.email ?? null, birthday: p.birthday ?? null, owner_id: p.ownerId ?? ownerId ?? null,
    })))],
  );
  const changes = rows.flatMap(({ company: { primaryContact, ...company }, id, contactId }) => [
    { record_type: 'company', record_id: id, changes: createdFields(company) },
    { record_type: 'contact', record_id: contactId, changes: createdFields({ ...primaryContact, companyId: id, ownerId: primaryContact.ownerId ?? company.ownerId }) },
  ]);
  await manager.query(
    `INSERT INTO crm.record_changes (record_type, record_id, action, changes, actor)
     SELECT r.record_type, r.record_id, 'created', r.changes, $2 FROM jsonb_to_recordset($1::jsonb) AS r(record_type text, record_id uuid, changes jsonb)`,
    [JSON.stringify(changes), actor],
  );
  return rows.map((r) => r.id);
}

/** the change-log form of a new record: each field set, as [null, value] */
function createdFields(fields: Record<string, unknown>): Record<string, [null, unknown]> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)).map(([k, v]) => [k, [null, v]]));
}

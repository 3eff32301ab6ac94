import type { EntityManager } from 'typeorm';
import type { RecordType } from '../shared/record-types.js';

export interface Recipient {
  readonly address: string | null;
  /** why there is no address, for the outbox row */
  readonly missing?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who `to` means for a record: `customer` (the complaint's or deal's contact, else the company;
 * a lead's own address), `assignee`/`owner` (the record's person in charge), `requester` (the
 * `requesterId` variable), a user id, or a literal email address.
 */
export async function resolveRecipient(
  manager: EntityManager,
  to: string,
  record: { type: RecordType | null; id: string | null },
  variables: Readonly<Record<string, unknown>>,
): Promise<Recipient> {
  if (to.includes('@')) return { address: to };
  if (UUID.test(to)) return userAddress(manager, to);
  if (to === 'requester') return userAddress(manager, String(variables['requesterId'] ?? ''));
  if (!record.type || !record.id) return { address: null, missing: `'${to}' needs a record (recordType and business key)` };
  if (to === 'customer') return customerAddress(manager, record.type, record.id);
  if (to === 'assignee' || to === 'owner') {
    const column = record.type === 'complaint' ? 'assignee_id' : 'owner_id';
    const rows = (await manager.query(`SELECT u.email FROM ${table(record.type)} r JOIN crm.users u ON u.id = r.${column} WHERE r.id = $1`, [record.id])) as { email: string }[];
    return rows[0] ? { address: rows[0].email } : { address: null, missing: `the ${record.type} has no ${to}` };
  }
  return { address: null, missing: `unknown recipient '${to}'` };
}

async function userAddress(manager: EntityManager, id: string): Promise<Recipient> {
  if (!UUID.test(id)) return { address: null, missing: `'${id}' is not a user id` };
  const rows = (await manager.query('SELECT email FROM crm.users WHERE id = $1', [id])) as { email: string }[];
  return rows[0] ? { address: rows[0].email } : { address: null, missing: `no user '${id}'` };
}

async function customerAddress(manager: EntityManager, type: RecordType, id: string): Promise<Recipient> {
  if (type === 'lead') return one(manager, 'SELECT email FROM crm.leads WHERE id = $1', id, 'the lead has no email');
  if (type === 'contact') return one(manager, 'SELECT email FROM crm.contacts WHERE id = $1', id, 'the contact has no email');
  if (type === 'company') return one(manager, 'SELECT email FROM crm.companies WHERE id = $1', id, 'the company has no email');
  return one(
    manager,
    `SELECT coalesce(p.email, c.email) AS email FROM ${table(type)} r
     JOIN crm.companies c ON c.id = r.company_id LEFT JOIN crm.contacts p ON p.id = r.contact_id WHERE r.id = $1`,
    id,
    `neither the ${type}'s contact nor its company has an email`,
  );
}

async function one(manager: EntityManager, sql: string, id: string, missing: string): Promise<Recipient> {
  const rows = (await manager.query(sql, [id])) as { email: string | null }[];
  return rows[0]?.email ? { address: rows[0].email } : { address: null, missing };
}

function table(type: RecordType): string {
  return { company: 'crm.companies', contact: 'crm.contacts', lead: 'crm.leads', deal: 'crm.deals', complaint: 'crm.complaints' }[type];
}

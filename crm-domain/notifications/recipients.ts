import type { EntityManager } from 'typeorm';
import type { RecordType } from '../shared/record-types.js';
import { isAllowListed, isSingleAddress, RecipientRefusedError } from './recipient-policy.js';

export interface Recipient {
  readonly address: string | null;
  /** why there is no address, for the outbox row */
  readonly missing?: string;
}

export interface RecordRef {
  readonly type: RecordType | null;
  readonly id: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who `to` means for a record: `customer` (the complaint's or deal's contact, else the company;
 * a lead's own address), `assignee`/`owner` (the record's person in charge), `requester` (the
 * `requesterId` variable), a user id, or a literal email address. Users must be active. A literal
 * address must be an active user's, one of the record's customer's, or on the allow-list: anything
 * else is refused with RecipientRefusedError, so a model (or a variable) cannot mail the CRM's data out.
 */
export async function resolveRecipient(
  manager: EntityManager,
  to: string,
  record: RecordRef,
  variables: Readonly<Record<string, unknown>>,
  allowList: readonly string[],
): Promise<Recipient> {
  if (to.includes('@')) return literalAddress(manager, to.trim(), record, allowList);
  if (UUID.test(to)) return userAddress(manager, to);
  if (to === 'requester') return userAddress(manager, String(variables['requesterId'] ?? ''));
  if (!record.type || !record.id) return { address: null, missing: `'${to}' needs a record (recordType and business key)` };
  if (to === 'customer') return customerAddress(manager, record.type, record.id);
  if (to === 'assignee' || to === 'owner') {
    const column = record.type === 'complaint' ? 'assignee_id' : 'owner_id';
    const rows = (await manager.query(`SELECT u.email, u.active FROM ${table(record.type)} r JOIN crm.users u ON u.id = r.${column} WHERE r.id = $1`, [record.id])) as { email: string; active: boolean }[];
    if (!rows[0]) return { address: null, missing: `the ${record.type} has no ${to}` };
    return rows[0].active ? { address: rows[0].email } : { address: null, missing: `the ${record.type}'s ${to} is deactivated` };
  }
  return { address: null, missing: `unknown recipient '${to}'` };
}

async function literalAddress(manager: EntityManager, address: string, record: RecordRef, allowList: readonly string[]): Promise<Recipient> {
  const shown = address.slice(0, 200);
  if (!isSingleAddress(address)) throw new RecipientRefusedError(`Expected 'to' to be one email address, but got '${shown}'`);
  if (isAllowListed(address, allowList)) return { address };
  const users = (await manager.query('SELECT 1 FROM crm.users WHERE lower(email) = lower($1) AND active', [address])) as unknown[];
  if (users.length > 0) return { address };
  if (record.type && record.id && UUID.test(record.id) && (await customerAddresses(manager, record.type, record.id)).includes(address.toLowerCase())) return { address };
  throw new RecipientRefusedError(
    `Refused recipient '${shown}': crm.notify writes only to active CRM users, the record's customer and the addresses or domains in NOTIFY_ALLOWED_RECIPIENTS`,
  );
}

async function userAddress(manager: EntityManager, id: string): Promise<Recipient> {
  if (!UUID.test(id)) return { address: null, missing: `'${id}' is not a user id` };
  const rows = (await manager.query('SELECT email, active FROM crm.users WHERE id = $1', [id])) as { email: string; active: boolean }[];
  if (!rows[0]) return { address: null, missing: `no user '${id}'` };
  return rows[0].active ? { address: rows[0].email } : { address: null, missing: `user '${id}' is deactivated` };
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

/** every address of the record's customer: the lead; the contact and its company; the company and its contacts */
async function customerAddresses(manager: EntityManager, type: RecordType, id: string): Promise<string[]> {
  const sql = {
    lead: 'SELECT email FROM crm.leads WHERE id = $1',
    contact: `SELECT email FROM crm.contacts WHERE id = $1
              UNION SELECT c.email FROM crm.contacts p JOIN crm.companies c ON c.id = p.company_id WHERE p.id = $1`,
    company: `SELECT email FROM crm.companies WHERE id = $1 UNION SELECT email FROM crm.contacts WHERE company_id = $1`,
    deal: customerOfCompanyRecord('crm.deals'),
    complaint: customerOfCompanyRecord('crm.complaints'),
  }[type];
  const rows = (await manager.query(sql, [id])) as { email: string | null }[];
  return rows.flatMap((row) => (row.email ? [row.email.toLowerCase()] : []));
}

function customerOfCompanyRecord(recordTable: string): string {
  return `SELECT c.email FROM ${recordTable} r JOIN crm.companies c ON c.id = r.company_id WHERE r.id = $1
          UNION SELECT p.email FROM ${recordTable} r JOIN crm.contacts p ON p.company_id = r.company_id OR p.id = r.contact_id WHERE r.id = $1`;
}

async function one(manager: EntityManager, sql: string, id: string, missing: string): Promise<Recipient> {
  const rows = (await manager.query(sql, [id])) as { email: string | null }[];
  return rows[0]?.email ? { address: rows[0].email } : { address: null, missing };
}

function table(type: RecordType): string {
  return { company: 'crm.companies', contact: 'crm.contacts', lead: 'crm.leads', deal: 'crm.deals', complaint: 'crm.complaints' }[type];
}

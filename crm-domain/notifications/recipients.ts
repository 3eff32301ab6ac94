import type { EntityManager } from 'typeorm';
import { RECORD_DEFINITIONS, type RecordType } from '../shared/record-types.js';
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
    const { table, owner } = RECORD_DEFINITIONS[record.type];
    const rows = (await manager.query(`SELECT u.email, u.active FROM ${table} r JOIN crm.users u ON u.id = r.${owner} WHERE r.id = $1`, [record.id])) as { email: string; active: boolean }[];
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
  const { customer } = RECORD_DEFINITIONS[type];
  return one(manager, customer.address, id, customer.missing);
}

/** every address of the record's customer: the lead; the contact and its company; the company and its contacts */
async function customerAddresses(manager: EntityManager, type: RecordType, id: string): Promise<string[]> {
  const rows = (await manager.query(RECORD_DEFINITIONS[type].customer.addresses, [id])) as { email: string | null }[];
  return rows.flatMap((row) => (row.email ? [row.email.toLowerCase()] : []));
}

async function one(manager: EntityManager, sql: string, id: string, missing: string): Promise<Recipient> {
  const rows = (await manager.query(sql, [id])) as { email: string | null }[];
  return rows[0]?.email ? { address: rows[0].email } : { address: null, missing };
}

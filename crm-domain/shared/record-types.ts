/** The CRM records a process can be about (its business key is the record id). */
export const RECORD_TYPES = ['company', 'contact', 'lead', 'deal', 'complaint'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** URL segment → record type: `/api/deals/{id}/timeline` */
export const RECORD_PATHS: Readonly<Record<string, RecordType>> = {
  companies: 'company',
  contacts: 'contact',
  leads: 'lead',
  deals: 'deal',
  complaints: 'complaint',
};

/**
 * Table and title column per record type, for looking a record up by id alone, and the column of
 * the user it belongs to (its owner; a complaint's assignee), which decides who sees it.
 */
export const RECORD_TABLES: Readonly<Record<RecordType, { table: string; title: string; owner: string }>> = {
  company: { table: 'crm.companies', title: 'name', owner: 'owner_id' },
  contact: { table: 'crm.contacts', title: 'full_name', owner: 'owner_id' },
  lead: { table: 'crm.leads', title: `person_name || coalesce(' (' || company_name || ')', '')`, owner: 'owner_id' },
  deal: { table: 'crm.deals', title: 'title', owner: 'owner_id' },
  complaint: { table: 'crm.complaints', title: `type || ': ' || left(description, 80)`, owner: 'assignee_id' },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** record ids (and user ids) are UUIDs */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

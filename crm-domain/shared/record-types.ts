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

/** table and title column per record type, for looking a record up by id alone */
export const RECORD_TABLES: Readonly<Record<RecordType, { table: string; title: string }>> = {
  company: { table: 'crm.companies', title: 'name' },
  contact: { table: 'crm.contacts', title: 'full_name' },
  lead: { table: 'crm.leads', title: `person_name || coalesce(' (' || company_name || ')', '')` },
  deal: { table: 'crm.deals', title: 'title' },
  complaint: { table: 'crm.complaints', title: `type || ': ' || left(description, 80)` },
};

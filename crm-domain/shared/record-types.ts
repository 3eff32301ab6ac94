import { companyRecord } from '../companies/company.record.js';
import { contactRecord } from '../companies/contact.record.js';
import { complaintRecord } from '../complaints/complaint.record.js';
import { dealRecord } from '../deals/deal.record.js';
import { leadRecord } from '../leads/lead.record.js';
import type { RecordTypeDefinition } from './record-type-definition.js';

/**
 * The CRM records a process can be about (its business key is the record id), one line each: the
 * rest of the CRM derives what it needs from their definitions (crm-domain/README.md says how to add one).
 */
export const RECORD_TYPE_REGISTRY = [companyRecord, contactRecord, leadRecord, dealRecord, complaintRecord] as const;

export type RecordType = (typeof RECORD_TYPE_REGISTRY)[number]['type'];

export const RECORD_TYPES = RECORD_TYPE_REGISTRY.map((definition) => definition.type) as unknown as readonly [RecordType, ...RecordType[]];

/** record type → its definition */
export const RECORD_DEFINITIONS: Readonly<Record<RecordType, RecordTypeDefinition<RecordType>>> = Object.fromEntries(
  RECORD_TYPE_REGISTRY.map((definition) => [definition.type, definition]),
) as unknown as Record<RecordType, RecordTypeDefinition<RecordType>>;

/** URL segment → record type: `/api/deals/{id}/timeline` */
export const RECORD_PATHS: Readonly<Record<string, RecordType>> = Object.fromEntries(RECORD_TYPE_REGISTRY.map((definition) => [definition.path, definition.type]));

export function isRecordType(value: string | null | undefined): value is RecordType {
  return typeof value === 'string' && Object.hasOwn(RECORD_DEFINITIONS, value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** record ids (and user ids) are UUIDs */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** What the record panel shows of each CRM record type: labelled fields, in the order a person reads them. */
export type FieldFormat = 'text' | 'money' | 'percent' | 'date' | 'record' | 'user';

export interface RecordField {
  readonly label: string;
  readonly name: string;
  readonly format?: FieldFormat;
}

const f = (label: string, name: string, format: FieldFormat = 'text'): RecordField => ({ label, name, format });

export const RECORD_FIELDS: Readonly<Record<string, readonly RecordField[]>> = {
  deal: [f('Amount', 'amount', 'money'), f('Stage', 'stage'), f('Probability', 'probability', 'percent'), f('Company', 'companyId', 'record'), f('Contact', 'contactId', 'record'), f('Owner', 'ownerId', 'user'), f('Discount', 'discountPercent', 'percent'), f('Requested discount', 'requestedDiscountPercent', 'percent'), f('Product category', 'productCategory'), f('Approval', 'approvalStatus'), f('Expected close', 'expectedCloseDate', 'date')],
  lead: [f('Person', 'personName'), f('Company', 'companyName'), f('Email', 'email'), f('Phone', 'phone'), f('Estimated amount', 'estimatedAmount', 'money'), f('Status', 'status'), f('Source', 'source'), f('Region', 'region'), f('Owner', 'ownerId', 'user')],
  complaint: [f('Company', 'companyId', 'record'), f('Contact', 'contactId', 'record'), f('Type', 'type'), f('Channel', 'channel'), f('Priority', 'priority'), f('Status', 'status'), f('SLA due', 'slaDueAt', 'date'), f('Assignee', 'assigneeId', 'user'), f('Escalation level', 'escalationLevel'), f('Description', 'description')],
  company: [f('Type', 'type'), f('Industry', 'industry'), f('Employees', 'employees'), f('Email', 'email'), f('Owner', 'ownerId', 'user')],
  contact: [f('Company', 'companyId', 'record'), f('Position', 'position'), f('Email', 'email'), f('Work phone', 'workPhone'), f('Mobile', 'mobilePhone'), f('Owner', 'ownerId', 'user')],
};

/** the ids of other records a record names (company, contact), to look up their titles */
export function referencedIds(type: string, record: Readonly<Record<string, unknown>>): string[] {
  return (RECORD_FIELDS[type] ?? []).filter((field) => field.format === 'record').map((field) => record[field.name]).filter((v): v is string => typeof v === 'string');
}

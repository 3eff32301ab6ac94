/**
 * The record lists and cards as data: per list its columns (sortable ones by the server's sort
 * names), filters (the server's list query parameters), fields of the create form and of the card.
 */
export type Input = 'text' | 'textarea' | 'number' | 'email' | 'date' | 'datetime' | 'select' | 'user' | 'record' | 'bool';

export interface FieldSpec {
  /** the body's field name (`primaryContact.fullName` for a nested one) */
  readonly name: string;
  readonly label: string;
  readonly input: Input;
  readonly options?: readonly string[];
  /** record types a `record` input picks from */
  readonly types?: readonly string[];
  readonly required?: boolean;
  /** changed on the card with PATCH (not every field: a lead's status has its own actions) */
  readonly editable?: boolean;
}

export interface ColumnSpec {
  readonly name: string;
  readonly label: string;
  readonly show: 'text' | 'money' | 'date' | 'datetime' | 'user' | 'record' | 'title';
  /** the server's sort name, when it sorts by this column */
  readonly sort?: string;
}

export interface RecordKind {
  /** the URL segment of the list and the API: `companies` */
  readonly list: string;
  /** the record type of cards, search and activities (`company`); activities have no card */
  readonly type: string;
  readonly label: string;
  readonly plural: string;
  /** the field the record is called by */
  readonly titleField: string;
  readonly columns: readonly ColumnSpec[];
  readonly filters: readonly FieldSpec[];
  readonly create: readonly FieldSpec[];
  /** fields shown on the card (editable ones changed in place) */
  readonly card: readonly FieldSpec[];
  readonly tabOrder: number;
  readonly hasCard: boolean;
}

const COMPANY_TYPES = ['client', 'partner', 'investor', 'supplier'];
const LEAD_SOURCES = ['web_form', 'seminar', 'call', 'import'];
const LEAD_STATUSES = ['new', 'qualifying', 'converted', 'disqualified'];
export const DEAL_STAGES = ['new', 'qualification', 'proposal', 'negotiation', 'won', 'lost'];
const APPROVAL_STATUSES = ['none', 'pending', 'approved', 'rejected', 'withdrawn'];
const COMPLAINT_TYPES = ['product_quality', 'delivery', 'billing', 'service', 'other'];
const COMPLAINT_CHANNELS = ['phone', 'email', 'web_form', 'chat', 'in_person'];
const COMPLAINT_PRIORITIES = ['low', 'normal', 'high', 'urgent'];
const COMPLAINT_STATUSES = ['new', 'in_progress', 'waiting_for_customer', 'resolved', 'closed'];
export const ACTIVITY_KINDS = ['call', 'meeting', 'email', 'task'];

const f = (name: string, label: string, input: Input, more: Partial<FieldSpec> = {}): FieldSpec => ({ name, label, input, ...more });
const c = (name: string, label: string, show: ColumnSpec['show'], sort?: string): ColumnSpec => ({ name, label, show, ...(sort ? { sort } : {}) });
const created = [f('createdFrom', 'Created from', 'date'), f('createdTo', 'Created before', 'date')];
const archived = f('archived', 'Archived', 'bool');
const owner = (label = 'Owner', name = 'ownerId') => f(name, label, 'user', { editable: true });

export const RECORD_KINDS: readonly RecordKind[] = [
  {
    list: 'companies', type: 'company', label: 'Company', plural: 'Companies', titleField: 'name', tabOrder: 10, hasCard: true,
    columns: [c('name', 'Name', 'title', 'name'), c('type', 'Type', 'text', 'type'), c('industry', 'Industry', 'text', 'industry'), c('city', 'City', 'text'), c('employees', 'Employees', 'text', 'employees'), c('ownerId', 'Owner', 'user'), c('createdAt', 'Created', 'date', 'createdAt')],
    filters: [f('q', 'Name starts with', 'text'), f('type', 'Type', 'select', { options: COMPANY_TYPES }), f('industry', 'Industry', 'text'), f('ownerId', 'Owner', 'user'), ...created, archived],
    create: [f('name', 'Name', 'text', { required: true }), f('type', 'Type', 'select', { options: COMPANY_TYPES, required: true }), f('industry', 'Industry', 'text'), f('employees', 'Employees', 'number'), f('taxId', 'Tax id', 'text'), f('email', 'Email', 'email'), f('address', 'Address', 'textarea'), f('city', 'City', 'text'), owner(),
      f('primaryContact.fullName', 'First contact: full name', 'text', { required: true }), f('primaryContact.position', 'First contact: position', 'text'), f('primaryContact.email', 'First contact: email', 'email'), f('primaryContact.workPhone', 'First contact: phone', 'text')],
    card: [f('name', 'Name', 'text', { editable: true }), f('type', 'Type', 'select', { options: COMPANY_TYPES, editable: true }), f('industry', 'Industry', 'text', { editable: true }), f('employees', 'Employees', 'number', { editable: true }), f('taxId', 'Tax id', 'text', { editable: true }), f('email', 'Email', 'email', { editable: true }), f('address', 'Address', 'textarea', { editable: true }), f('city', 'City', 'text', { editable: true }), owner()],
  },
  {
    list: 'contacts', type: 'contact', label: 'Contact', plural: 'Contacts', titleField: 'fullName', tabOrder: 20, hasCard: true,
    columns: [c('fullName', 'Name', 'title', 'fullName'), c('companyId', 'Company', 'record'), c('position', 'Position', 'text'), c('email', 'Email', 'text', 'email'), c('ownerId', 'Owner', 'user'), c('createdAt', 'Created', 'date', 'createdAt')],
    filters: [f('q', 'Name starts with', 'text'), f('companyId', 'Company', 'record', { types: ['company'] }), f('email', 'Email', 'text'), f('ownerId', 'Owner', 'user'), archived],
    create: [f('companyId', 'Company', 'record', { types: ['company'], required: true }), f('fullName', 'Full name', 'text', { required: true }), f('position', 'Position', 'text'), f('email', 'Email', 'email'), f('workPhone', 'Work phone', 'text'), f('mobilePhone', 'Mobile', 'text'), owner()],
    card: [f('fullName', 'Full name', 'text', { editable: true }), f('companyId', 'Company', 'record', { types: ['company'] }), f('position', 'Position', 'text', { editable: true }), f('email', 'Email', 'email', { editable: true }), f('workPhone', 'Work phone', 'text', { editable: true }), f('mobilePhone', 'Mobile', 'text', { editable: true }), f('birthday', 'Birthday', 'date', { editable: true }), owner()],
  },
  {
    list: 'leads', type: 'lead', label: 'Lead', plural: 'Leads', titleField: 'personName', tabOrder: 30, hasCard: true,
    columns: [c('personName', 'Person', 'title', 'personName'), c('companyName', 'Company', 'text', 'companyName'), c('source', 'Source', 'text'), c('status', 'Status', 'text', 'status'), c('estimatedAmount', 'Estimated', 'money', 'estimatedAmount'), c('ownerId', 'Owner', 'user'), c('createdAt', 'Created', 'date', 'createdAt')],
    filters: [f('q', 'Person starts with', 'text'), f('status', 'Status', 'select', { options: LEAD_STATUSES }), f('source', 'Source', 'select', { options: LEAD_SOURCES }), f('ownerId', 'Owner', 'user'), f('minAmount', 'Min. amount', 'number'), f('maxAmount', 'Max. amount', 'number'), ...created, archived],
    create: [f('source', 'Source', 'select', { options: LEAD_SOURCES, required: true }), f('personName', 'Person', 'text', { required: true }), f('companyName', 'Company name', 'text'), f('email', 'Email', 'email'), f('phone', 'Phone', 'text'), f('estimatedAmount', 'Estimated amount', 'number'), f('currency', 'Currency', 'text'), f('region', 'Region', 'text'), owner()],
    card: [f('personName', 'Person', 'text', { editable: true }), f('companyName', 'Company name', 'text', { editable: true }), f('email', 'Email', 'email', { editable: true }), f('phone', 'Phone', 'text', { editable: true }), f('estimatedAmount', 'Estimated amount', 'number', { editable: true }), f('currency', 'Currency', 'text', { editable: true }), f('source', 'Source', 'select', { options: LEAD_SOURCES, editable: true }), f('status', 'Status', 'text'), f('region', 'Region', 'text', { editable: true }), owner()],
  },
  {
    list: 'deals', type: 'deal', label: 'Deal', plural: 'Deals', titleField: 'title', tabOrder: 40, hasCard: true,
    columns: [c('title', 'Title', 'title', 'title'), c('companyId', 'Company', 'record'), c('stage', 'Stage', 'text', 'stage'), c('amount', 'Amount', 'money', 'amount'), c('probability', 'Prob. %', 'text', 'probability'), c('expectedCloseDate', 'Close', 'date', 'expectedCloseDate'), c('ownerId', 'Owner', 'user'), c('createdAt', 'Created', 'date', 'createdAt')],
    filters: [f('q', 'Title starts with', 'text'), f('stage', 'Stage', 'select', { options: DEAL_STAGES }), f('approvalStatus', 'Approval', 'select', { options: APPROVAL_STATUSES }), f('ownerId', 'Owner', 'user'), f('companyId', 'Company', 'record', { types: ['company'] }), f('minAmount', 'Min. amount', 'number'), f('maxAmount', 'Max. amount', 'number'), f('closeFrom', 'Close from', 'date'), f('closeTo', 'Close before', 'date'), ...created, archived],
    create: [f('title', 'Title', 'text', { required: true }), f('companyId', 'Company', 'record', { types: ['company'], required: true }), f('amount', 'Amount', 'number'), f('currency', 'Currency', 'text', { required: true }), f('stage', 'Stage', 'select', { options: DEAL_STAGES.slice(0, 4) }), f('expectedCloseDate', 'Expected close', 'date'), f('productCategory', 'Product category', 'text'), owner()],
    card: [f('title', 'Title', 'text', { editable: true }), f('companyId', 'Company', 'record', { types: ['company'] }), f('contactId', 'Contact', 'record', { types: ['contact'] }), f('amount', 'Amount', 'number', { editable: true }), f('currency', 'Currency', 'text', { editable: true }), f('stage', 'Stage', 'text'), f('probability', 'Probability %', 'number'), f('approvalStatus', 'Approval', 'text'), f('discountPercent', 'Discount %', 'number'), f('requestedDiscountPercent', 'Requested discount %', 'number'), f('expectedCloseDate', 'Expected close', 'date', { editable: true }), f('productCategory', 'Product category', 'text', { editable: true }), f('lostReason', 'Lost reason', 'text'), owner()],
  },
  {
    list: 'complaints', type: 'complaint', label: 'Complaint', plural: 'Complaints', titleField: 'description', tabOrder: 50, hasCard: true,
    columns: [c('description', 'Description', 'title'), c('companyId', 'Company', 'record'), c('type', 'Type', 'text'), c('priority', 'Priority', 'text', 'priority'), c('status', 'Status', 'text', 'status'), c('slaDueAt', 'SLA due', 'datetime', 'slaDueAt'), c('assigneeId', 'Assignee', 'user'), c('createdAt', 'Created', 'date', 'createdAt')],
    filters: [f('status', 'Status', 'select', { options: COMPLAINT_STATUSES }), f('priority', 'Priority', 'select', { options: COMPLAINT_PRIORITIES }), f('type', 'Type', 'select', { options: COMPLAINT_TYPES }), f('channel', 'Channel', 'select', { options: COMPLAINT_CHANNELS }), f('assigneeId', 'Assignee', 'user'), f('companyId', 'Company', 'record', { types: ['company'] }), f('overdue', 'Overdue', 'bool'), ...created, archived],
    create: [f('companyId', 'Company', 'record', { types: ['company'], required: true }), f('type', 'Type', 'select', { options: COMPLAINT_TYPES, required: true }), f('channel', 'Channel', 'select', { options: COMPLAINT_CHANNELS, required: true }), f('priority', 'Priority', 'select', { options: COMPLAINT_PRIORITIES, required: true }), f('description', 'Description', 'textarea', { required: true }), f('assigneeId', 'Assignee', 'user')],
    card: [f('companyId', 'Company', 'record', { types: ['company'] }), f('contactId', 'Contact', 'record', { types: ['contact'] }), f('type', 'Type', 'select', { options: COMPLAINT_TYPES, editable: true }), f('channel', 'Channel', 'select', { options: COMPLAINT_CHANNELS, editable: true }), f('priority', 'Priority', 'select', { options: COMPLAINT_PRIORITIES, editable: true }), f('status', 'Status', 'text'), f('slaDueAt', 'SLA due', 'datetime'), f('escalationLevel', 'Escalation level', 'number'), f('description', 'Description', 'textarea', { editable: true }), f('resolution', 'Resolution', 'text'), owner('Assignee', 'assigneeId')],
  },
  {
    list: 'activities', type: 'activity', label: 'Activity', plural: 'Activities', titleField: 'subject', tabOrder: 60, hasCard: false,
    columns: [c('subject', 'Subject', 'title', 'subject'), c('kind', 'Kind', 'text'), c('recordId', 'About', 'record'), c('dueAt', 'Due', 'datetime', 'dueAt'), c('done', 'Done', 'text'), c('ownerId', 'Owner', 'user'), c('createdAt', 'Created', 'date', 'createdAt')],
    filters: [f('kind', 'Kind', 'select', { options: ACTIVITY_KINDS }), f('ownerId', 'Owner', 'user'), f('recordId', 'About', 'record', { types: ['company', 'contact', 'lead', 'deal'] }), f('done', 'Done', 'bool'), f('dueAfter', 'Due from', 'date'), f('dueBefore', 'Due before', 'date')],
    create: [f('kind', 'Kind', 'select', { options: ACTIVITY_KINDS, required: true }), f('subject', 'Subject', 'text', { required: true }), f('dueAt', 'Due', 'datetime'), f('recordId', 'About', 'record', { types: ['company', 'contact', 'lead', 'deal'] }), owner()],
    card: [],
  },
];

export function kindOfList(list: string | undefined): RecordKind | undefined {
  return RECORD_KINDS.find((k) => k.list === list);
}

export function kindOfType(type: string): RecordKind | undefined {
  return RECORD_KINDS.find((k) => k.type === type);
}

/** "in_progress" → "in progress" */
export const words = (value: string) => value.replace(/_/g, ' ');

import { z } from 'zod';
import { ownEntry } from '../../engine/core/shared/own-entry.js';
import { createCompanyBody, type CreateCompany } from '../companies/company-schemas.js';
import { CrmInvalidRequestError } from '../shared/crm-errors.js';
import { definedOnly } from '../shared/defined-only.js';

/** what a column of an import file can be: a company with its first contact (and its owner, by email) */
export const IMPORT_FIELDS = {
  companyName: { label: 'Company name', aliases: ['name', 'company', 'company name', 'companyname', 'organisation', 'organization', 'account'] },
  companyType: { label: 'Type', aliases: ['type', 'company type', 'kind', 'category'] },
  industry: { label: 'Industry', aliases: ['industry', 'sector', 'branch'] },
  employees: { label: 'Employees', aliases: ['employees', 'staff', 'headcount', 'size'] },
  founded: { label: 'Founded', aliases: ['founded', 'founded on', 'established'] },
  companyEmail: { label: 'Company email', aliases: ['email', 'company email', 'e-mail', 'mail', 'office email'] },
  companyPhone: { label: 'Company phone', aliases: ['phone', 'company phone', 'telephone', 'tel', 'phone number'] },
  address: { label: 'Address', aliases: ['address', 'street', 'street address'] },
  city: { label: 'City', aliases: ['city', 'town', 'place'] },
  taxId: { label: 'Tax id', aliases: ['tax id', 'taxid', 'tax number', 'tax no', 'vat', 'vat id', 'vat number', 'vat no', 'vat reg no'] },
  contactName: { label: 'Contact full name', aliases: ['contact', 'contact name', 'contact full name', 'full name', 'contact person', 'person'] },
  contactPosition: { label: 'Contact position', aliases: ['position', 'job title', 'contact position', 'role', 'title'] },
  contactEmail: { label: 'Contact email', aliases: ['contact email', 'contact e-mail', 'person email'] },
  contactPhone: { label: 'Contact phone', aliases: ['contact phone', 'mobile', 'contact mobile', 'person phone', 'direct phone'] },
  ownerEmail: { label: 'Owner email', aliases: ['owner', 'owner email', 'account owner', 'manager', 'manager email', 'sales rep'] },
} as const;

export type ImportField = keyof typeof IMPORT_FIELDS;
export const IMPORT_FIELD_NAMES = Object.keys(IMPORT_FIELDS) as ImportField[];
/** without these a row cannot make a company: a mapping must name their columns */
export const REQUIRED_FIELDS: readonly ImportField[] = ['companyName', 'companyType', 'contactName'];

/** import field → the index of the column that holds it (a column serves one field) */
export type ColumnMapping = Partial<Record<ImportField, number>>;

const normalised = (header: string) => header.toLowerCase().replace(/[_\-.]+/g, ' ').replace(/\s+/g, ' ').trim();

/** the mapping the headers suggest: a header equal to a field's name or one of its aliases (ignoring case, `_`, `-`) */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const taken = new Set<number>();
  for (const field of IMPORT_FIELD_NAMES) {
    const names = [normalised(field.replace(/([A-Z])/g, ' $1')), normalised(IMPORT_FIELDS[field].label), ...IMPORT_FIELDS[field].aliases.map(normalised)];
    // a field's own name first, then its aliases in order: "contact email" goes to contactEmail, not companyEmail
    for (const name of names) {
      const index = headers.findIndex((header, i) => !taken.has(i) && normalised(header) === name);
      if (index >= 0) {
        mapping[field] = index;
        taken.add(index);
        break;
      }
    }
  }
  return mapping;
}

/** a mapping as a client sends it: field → column index; checked against the file's columns */
export function parseMapping(value: unknown, headers: readonly string[]): ColumnMapping {
  const parsed = z.record(z.string(), z.number().int().min(0).nullable()).safeParse(value);
  if (!parsed.success) throw new CrmInvalidRequestError(`Invalid request body: 'mapping' expected an object of field → column index`);
  const mapping: ColumnMapping = {};
  const used = new Map<number, string>();
  for (const [field, index] of Object.entries(parsed.data)) {
    if (!ownEntry(IMPORT_FIELDS, field)) throw new CrmInvalidRequestError(`Invalid request body: 'mapping.${field}' is not an import field, expected one of ${IMPORT_FIELD_NAMES.join(', ')}`);
    if (index === null) continue;
    if (index >= headers.length) throw new CrmInvalidRequestError(`Invalid request body: 'mapping.${field}' names column ${index}, but the file has ${headers.length} columns`);
    if (used.has(index)) throw new CrmInvalidRequestError(`Invalid request body: 'mapping.${field}' names the column of '${used.get(index)}' ('${headers[index]}')`);
    used.set(index, field);
    mapping[field as ImportField] = index;
  }
  const missing = REQUIRED_FIELDS.filter((field) => mapping[field] === undefined);
  if (missing.length > 0) throw new CrmInvalidRequestError(`Invalid request body: 'mapping' must name the columns of ${missing.map((f) => `'${f}'`).join(', ')}`);
  return mapping;
}

/** one problem of a row: the spreadsheet column (its header) and what is wrong */
export interface RowError {
  readonly column: string;
  readonly message: string;
}

/** a row read through the mapping: the body `POST /api/companies` would get (owner still as an email) */
export interface MappedRow {
  readonly body: Record<string, unknown>;
  readonly ownerEmail: string | null;
}

export function mapRow(cells: readonly string[], mapping: ColumnMapping): MappedRow {
  const cell = (field: ImportField): string | undefined => {
    const index = mapping[field];
    const value = index === undefined ? '' : (cells[index] ?? '').trim();
    return value === '' ? undefined : value;
  };
  const employees = cell('employees');
  const phone = cell('companyPhone');
  return {
    body: definedOnly({
      name: cell('companyName') ?? '',
      type: cell('companyType')?.toLowerCase(),
      industry: cell('industry'),
      employees: employees === undefined ? undefined : /^\d+$/.test(employees) ? Number(employees) : employees,
      founded: cell('founded'),
      email: cell('companyEmail'),
      phones: phone ? [phone] : undefined,
      address: cell('address'),
      city: cell('city'),
      taxId: cell('taxId'),
      primaryContact: definedOnly({ fullName: cell('contactName') ?? '', position: cell('contactPosition'), email: cell('contactEmail'), workPhone: cell('contactPhone') }),
    }),
    ownerEmail: cell('ownerEmail')?.toLowerCase() ?? null,
  };
}

/** which import field a path of `createCompanyBody` came from */
const FIELD_OF_PATH: Readonly<Record<string, ImportField>> = {
  name: 'companyName', type: 'companyType', industry: 'industry', employees: 'employees', founded: 'founded', email: 'companyEmail',
  phones: 'companyPhone', address: 'address', city: 'city', taxId: 'taxId', 'primaryContact.fullName': 'contactName', 'primaryContact.position': 'contactPosition',
  'primaryContact.email': 'contactEmail', 'primaryContact.workPhone': 'contactPhone',
};

/** the column header of an import field as the file names it */
export function columnOf(field: ImportField, mapping: ColumnMapping, headers: readonly string[]): string {
  const index = mapping[field];
  return index === undefined ? IMPORT_FIELDS[field].label : (headers[index] ?? IMPORT_FIELDS[field].label);
}

/** the row as `POST /api/companies` validates it: the body, or every problem with the column it is in */
export function validateRow(row: MappedRow, mapping: ColumnMapping, headers: readonly string[]): { body: CreateCompany } | { errors: RowError[] } {
  const result = createCompanyBody.safeParse(row.body);
  if (result.success) return { body: result.data };
  const errors: RowError[] = [];
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const path = issue.path.filter((part) => typeof part === 'string').join('.');
    const field = ownEntry(FIELD_OF_PATH, path);
    const column = field ? columnOf(field, mapping, headers) : path || 'row';
    if (seen.has(column)) continue;
    seen.add(column);
    errors.push({ column, message: issue.message });
  }
  return { errors };
}

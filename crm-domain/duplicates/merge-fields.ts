import { CrmInvalidRequestError } from '../shared/crm-errors.js';
import type { DuplicateType } from './duplicate-rules.js';
import { phoneKey } from './normalise.js';

/** what a merge does with a field of the duplicate: take its value, or (lists and notes) keep both */
export const FIELD_CHOICES = ['duplicate', 'both'] as const;
export type FieldChoice = (typeof FIELD_CHOICES)[number];

interface MergeableField {
  /** how `both` combines the two values; without it a field takes one value only */
  readonly combine?: 'phones' | 'text';
  /** fields that only make sense with this one and come along with it (an amount's currency) */
  readonly with?: readonly string[];
  /** the most a combined value may hold: phone numbers, or characters of text */
  readonly max?: number;
}

/**
 * The fields a merge may take from the duplicate, per type. Owners and companies are left out:
 * they move by the record's own rules (who may give a record to whom), not by a merge.
 */
export const MERGEABLE_FIELDS: Readonly<Record<DuplicateType, Readonly<Record<string, MergeableField>>>> = {
  company: {
    name: {}, type: {}, industry: {}, employees: {}, founded: {}, email: {}, address: {}, taxId: {}, city: {},
    phones: { combine: 'phones', max: 10 },
  },
  contact: { fullName: {}, position: {}, email: {}, workPhone: {}, mobilePhone: {}, birthday: {} },
  lead: {
    personName: {}, companyName: {}, email: {}, phone: {}, source: {}, region: {},
    estimatedAmount: { with: ['currency'] },
    notes: { combine: 'text', max: 4000 },
  },
};

type Row = Record<string, unknown>;

const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * The change a merge makes to the kept record: for each chosen field the duplicate's value, or both
 * combined. Names what cannot be taken (400), before anything changes.
 */
export function mergedValues(type: DuplicateType, kept: Row, duplicate: Row, choices: Readonly<Record<string, FieldChoice>>): Row {
  const fields = MERGEABLE_FIELDS[type];
  const patch: Row = {};
  for (const [name, choice] of Object.entries(choices)) {
    const field = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (!field) {
      throw new CrmInvalidRequestError(`Invalid request body: 'fields.${name}' cannot be taken from the duplicate: a ${type}'s mergeable fields are ${Object.keys(fields).join(', ')}`);
    }
    if (choice === 'both') {
      if (!field.combine) throw new CrmInvalidRequestError(`Invalid request body: 'fields.${name}' cannot keep both values: a ${type} has one ${name}; choose 'duplicate' or leave it out`);
      patch[name] = combined(name, field, kept[name], duplicate[name]);
      continue;
    }
    patch[name] = duplicate[name] ?? null;
    for (const companion of field.with ?? []) patch[companion] = duplicate[companion] ?? null;
  }
  return patch;
}

function combined(name: string, field: MergeableField, kept: unknown, duplicate: unknown): unknown {
  if (field.combine === 'phones') {
    const phones = [...((kept as string[] | null) ?? [])];
    const keys = new Set(phones.map((phone) => phoneKey(phone) ?? phone));
    for (const phone of (duplicate as string[] | null) ?? []) {
      const key = phoneKey(phone) ?? phone;
      if (!keys.has(key)) phones.push(phone);
      keys.add(key);
    }
    if (field.max !== undefined && phones.length > field.max) {
      throw new CrmInvalidRequestError(`Invalid request body: 'fields.${name}': the two records have ${phones.length} different phone numbers together, at most ${field.max} fit; take one record's instead`);
    }
    return phones;
  }
  if (isEmpty(duplicate) || kept === duplicate) return kept ?? null;
  if (isEmpty(kept)) return duplicate;
  const text = `${String(kept)}\n\n${String(duplicate)}`;
  if (field.max !== undefined && text.length > field.max) {
    throw new CrmInvalidRequestError(`Invalid request body: 'fields.${name}': both texts together are ${text.length} characters, at most ${field.max} fit; take one record's instead`);
  }
  return text;
}

/**
 * What makes two records of one type likely duplicates, as data: one rule is enough. Each rule is
 * one indexed condition on the stored row `r` (see migrations/1763901710000-duplicates.ts).
 */

export const DUPLICATE_TYPES = ['company', 'contact', 'lead'] as const;
export type DuplicateType = (typeof DUPLICATE_TYPES)[number];

export const DUPLICATE_RULES = ['taxId', 'email', 'phone', 'name'] as const;
export type DuplicateRule = (typeof DUPLICATE_RULES)[number];

/**
 * Names are alike from this pg_trgm similarity of their name keys on (0..1: shared trigrams over
 * all trigrams): "ACME GmbH" / "Acme GmbH." 1.0, "Acme Trading GmbH" / "Acme Trading" 0.72,
 * "Acme" / "Acme Holding International" 0.19 (not alike). The `%` operator lets the trigram index
 * find them, with pg_trgm.similarity_threshold set to this (duplicate-finder.ts); the explicit
 * similarity() test keeps the rule exact should that setting differ.
 */
export const NAME_SIMILARITY_THRESHOLD = 0.5;

/** a candidate's keys, already normalised (normalise.ts); a missing key skips its rule */
export interface CandidateKeys {
  readonly taxId: string | null;
  readonly email: string | null;
  readonly phones: readonly string[];
  readonly name: string | null;
  readonly city: string | null;
  readonly companyId: string | null;
  readonly companyName: string | null;
}

type Bind = (value: unknown) => string;

/** a rule's condition on `r`, or null when the candidate lacks what it compares (then it binds nothing: an unused parameter has no type) */
type RuleCondition = (keys: CandidateKeys, bind: Bind) => string | null;

interface DuplicateTable {
  readonly table: string;
  /** the stored row's title, and a second line saying where it is (a city, a company) */
  readonly title: string;
  readonly detail: string;
  readonly rules: Readonly<Partial<Record<DuplicateRule, readonly RuleCondition[]>>>;
}

const similarName = (column: string, keys: CandidateKeys, bind: Bind): string | null => {
  if (!keys.name) return null;
  const name = `crm.name_key(${bind(keys.name)})`;
  return `crm.name_key(${column}) % ${name} AND similarity(crm.name_key(${column}), ${name}) >= ${NAME_SIMILARITY_THRESHOLD}`;
};
const sameEmail = (keys: CandidateKeys, bind: Bind) => (keys.email ? `lower(r.email) = ${bind(keys.email)}` : null);
const phoneIn = (expression: string) => (keys: CandidateKeys, bind: Bind) => (keys.phones.length > 0 ? `${expression} = ANY(${bind(keys.phones)}::text[])` : null);

export const DUPLICATE_TABLES: Readonly<Record<DuplicateType, DuplicateTable>> = {
  company: {
    table: 'crm.companies',
    title: 'r.name',
    detail: 'r.city',
    rules: {
      taxId: [(keys, bind) => (keys.taxId ? `r.tax_id = ${bind(keys.taxId)}` : null)],
      email: [sameEmail],
      phone: [(keys, bind) => (keys.phones.length > 0 ? `crm.phone_keys(r.phones) && ${bind(keys.phones)}::text[]` : null)],
      // a close name alone is common (branches, namesakes): in the same city
      name: [(keys, bind) => {
        if (!keys.city) return null;
        const similar = similarName('r.name', keys, bind);
        return similar && `${similar} AND regexp_replace(lower(btrim(r.city)), '\\s+', ' ', 'g') = ${bind(keys.city)}`;
      }],
    },
  },
  contact: {
    table: 'crm.contacts',
    title: 'r.full_name',
    detail: '(SELECT c.name FROM crm.companies c WHERE c.id = r.company_id)',
    rules: {
      email: [sameEmail],
      phone: [phoneIn('crm.phone_key(r.work_phone)'), phoneIn('crm.phone_key(r.mobile_phone)')],
      name: [(keys, bind) => {
        if (!keys.companyId) return null;
        const similar = similarName('r.full_name', keys, bind);
        return similar && `${similar} AND r.company_id = ${bind(keys.companyId)}::uuid`;
      }],
    },
  },
  lead: {
    table: 'crm.leads',
    title: 'r.person_name',
    detail: 'r.company_name',
    rules: {
      email: [sameEmail],
      phone: [phoneIn('crm.phone_key(r.phone)')],
      // a person's name at the same company name (a lead names its company as text)
      name: [(keys, bind) => {
        if (!keys.companyName) return null;
        const similar = similarName('r.person_name', keys, bind);
        return similar && `${similar} AND crm.name_key(r.company_name) = crm.name_key(${bind(keys.companyName)})`;
      }],
    },
  },
};

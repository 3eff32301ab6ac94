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

/**
 * A candidate's keys as SQL expressions: bound parameters (one candidate, duplicate-finder.ts) or
 * the columns of a batch's rows (many candidates, duplicate-batch-finder.ts), so that both compare
 * with the very same conditions. null: the candidate lacks the key (its rule is skipped).
 */
export interface KeyExpressions {
  readonly taxId: string | null;
  readonly email: string | null;
  /** a text[] of phone keys */
  readonly phones: string | null;
  /** the name as given: the conditions apply crm.name_key */
  readonly name: string | null;
  /** already a city key (normalise.ts) */
  readonly city: string | null;
  /** a uuid */
  readonly companyId: string | null;
  readonly companyName: string | null;
}

/** a rule's condition on `r`, or null when the candidate lacks what it compares */
export type RuleCondition = (keys: KeyExpressions) => string | null;

interface DuplicateTable {
  readonly table: string;
  /** the stored row's title, and a second line saying where it is (a city, a company) */
  readonly title: string;
  readonly detail: string;
  readonly rules: Readonly<Partial<Record<DuplicateRule, readonly RuleCondition[]>>>;
  /**
   * Where a close name counts (a close name alone is common: branches, namesakes), as an equality a
   * btree finds; the name rule holds the same condition, in its trigram index's form where that
   * differs. The batch finder skips the trigram probe of a candidate when no record is in its scope.
   */
  readonly nameScope: RuleCondition;
}

/** the name rule: within the scope, a name key alike by trigrams */
const similarName = (column: string, scope: RuleCondition): RuleCondition => (keys) => {
  const where = scope(keys);
  if (!keys.name || !where) return null;
  const name = `crm.name_key(${keys.name})`;
  return `${where} AND crm.name_key(${column}) % ${name} AND similarity(crm.name_key(${column}), ${name}) >= ${NAME_SIMILARITY_THRESHOLD}`;
};
/** companies: in the same city (crm.city_key: trimmed, lower case, runs of spaces as one; the candidate's is cityKey's) */
const companyScope: RuleCondition = (keys) => (keys.city ? `crm.city_key(r.city) = ${keys.city}` : null);
/** companyScope as companies_city_name_trgm_idx reads it: the city key as a one-element array (migrations/1763901780000) */
const companyCityIndexed: RuleCondition = (keys) => (keys.city ? `ARRAY[crm.city_key(r.city)] @> ARRAY[${keys.city}]::text[]` : null);
/** contacts: at the same company */
const contactScope: RuleCondition = (keys) => (keys.companyId ? `r.company_id = ${keys.companyId}` : null);
/** leads: with the same company name (a lead names its company as text) */
const leadScope: RuleCondition = (keys) => (keys.companyName ? `crm.name_key(r.company_name) = crm.name_key(${keys.companyName})` : null);
const sameEmail: RuleCondition = (keys) => (keys.email ? `lower(r.email) = ${keys.email}` : null);
/** `column IS NOT NULL` lets PostgreSQL use the partial phone-key index (it cannot infer it from the key, a CASE) */
const phoneIn = (column: string): RuleCondition => (keys) => (keys.phones ? `${column} IS NOT NULL AND crm.phone_key(${column}) = ANY(${keys.phones})` : null);

export const DUPLICATE_TABLES: Readonly<Record<DuplicateType, DuplicateTable>> = {
  company: {
    table: 'crm.companies',
    title: 'r.name',
    detail: 'r.city',
    rules: {
      taxId: [(keys) => (keys.taxId ? `r.tax_id = ${keys.taxId}` : null)],
      email: [sameEmail],
      phone: [(keys) => (keys.phones ? `crm.phone_keys(r.phones) && ${keys.phones}` : null)],
      name: [similarName('r.name', companyCityIndexed)],
    },
    nameScope: companyScope,
  },
  contact: {
    table: 'crm.contacts',
    title: 'r.full_name',
    detail: '(SELECT c.name FROM crm.companies c WHERE c.id = r.company_id)',
    rules: {
      email: [sameEmail],
      phone: [phoneIn('r.work_phone'), phoneIn('r.mobile_phone')],
      name: [similarName('r.full_name', contactScope)],
    },
    nameScope: contactScope,
  },
  lead: {
    table: 'crm.leads',
    title: 'r.person_name',
    detail: 'r.company_name',
    rules: {
      email: [sameEmail],
      phone: [phoneIn('r.phone')],
      name: [similarName('r.person_name', leadScope)],
    },
    nameScope: leadScope,
  },
};

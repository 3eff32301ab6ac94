import type { EntityManager } from 'typeorm';
import { positionalBind, visibleCondition } from '../access/record-access.js';
import { SYSTEM_VIEWER, type RecordViewer } from '../access/record-viewer.js';
import { DUPLICATE_RULES, DUPLICATE_TABLES, NAME_SIMILARITY_THRESHOLD, type CandidateKeys, type DuplicateRule, type DuplicateType, type KeyExpressions, type RuleCondition } from './duplicate-rules.js';
import { cityKey, emailKey, normaliseTaxId, phoneKey } from './normalise.js';

/** a record about to be created (or imported), as given: the finder normalises it */
export interface DuplicateCandidate {
  readonly type: DuplicateType;
  /** a company's name, a contact's full name, a lead's person name */
  readonly name?: string | null;
  readonly email?: string | null;
  readonly phones?: readonly (string | null | undefined)[];
  readonly taxId?: string | null;
  /** companies: a close name counts in the same city only */
  readonly city?: string | null;
  /** contacts: a close name counts at the same company only */
  readonly companyId?: string | null;
  /** leads: a close person name counts with the same company name only */
  readonly companyName?: string | null;
  /** a record not to report (the one being edited) */
  readonly excludeId?: string | null;
}

export interface DuplicateMatch {
  readonly type: DuplicateType;
  readonly id: string;
  readonly title: string;
  /** where it is: a company's city, a contact's company, a lead's company name */
  readonly detail: string | null;
  readonly ownerName: string | null;
  /** the rules it matched, in DUPLICATE_RULES order */
  readonly matched: DuplicateRule[];
}

export const MAX_DUPLICATES = 20;

interface MatchRow {
  id: string;
  title: string;
  detail: string | null;
  owner_name: string | null;
  rules: string[] | string;
}

/**
 * The live (not archived) records of the candidate's type that are likely the same: one rule
 * (duplicate-rules.ts) is enough; most rules matched first. Only records `viewer` sees (default:
 * the system, which sees all; an import job passes the importing user). Works on any
 * EntityManager, inside a transaction too.
 */
export async function findDuplicates(manager: EntityManager, candidate: DuplicateCandidate, viewer: RecordViewer = SYSTEM_VIEWER, limit = MAX_DUPLICATES): Promise<DuplicateMatch[]> {
  const { table, title, detail, rules } = DUPLICATE_TABLES[candidate.type];
  const params: unknown[] = [];
  const bind = positionalBind(params);
  const keys = candidateKeys(candidate);
  const bound = boundKeys(keys, bind);
  // a condition is bound only when the candidate has what it compares (an unused parameter has no type)
  const conditions = DUPLICATE_RULES.flatMap((rule) => (rules[rule] ?? []).flatMap((condition) =>
    applies(condition, keys) ? [{ rule, where: condition(bound)! }] : []));
  if (conditions.length === 0) return [];
  // every branch reads its rows by its own index and tests them whole: no join back to the table, which
  // PostgreSQL, misjudging how many rows an expression index finds, would do by scanning it
  const visible = visibleCondition(candidate.type, 'r', viewer, bind);
  const common = [
    'r.archived_at IS NULL',
    ...(candidate.excludeId ? [`r.id <> ${bind(candidate.excludeId)}::uuid`] : []),
    ...(visible ? [visible] : []),
  ].join(' AND ');
  const branches = conditions.map(({ rule, where }) =>
    `SELECT r.id, ${title} AS title, ${detail} AS detail, r.owner_id, '${rule}' AS rule FROM ${table} r WHERE (${where}) AND ${common}`);
  const sql =
    `SELECT m.id, m.title, m.detail, u.name AS owner_name, array_agg(DISTINCT m.rule) AS rules
       FROM (${branches.join(' UNION ALL ')}) m
       LEFT JOIN crm.users u ON u.id = m.owner_id
      GROUP BY m.id, m.title, m.detail, u.name
      ORDER BY count(DISTINCT m.rule) DESC, m.title, m.id
      LIMIT ${bind(limit)}`;
  const rows = (conditions.some((c) => c.rule === 'name') ? await withNameThreshold(manager, sql, params) : await manager.query(sql, params)) as MatchRow[];
  return rows.map((row) => ({
    type: candidate.type,
    id: row.id,
    title: row.title,
    detail: row.detail,
    ownerName: row.owner_name,
    matched: DUPLICATE_RULES.filter((rule) => asArray(row.rules).includes(rule)),
  }));
}

/**
 * pg_trgm's `%` finds names by the index above `pg_trgm.similarity_threshold` (0.3 by default): set
 * to ours, the index itself leaves out the many names that share only a word ("GmbH") with the
 * candidate, instead of every such row being read and tested. SET LOCAL lasts to the end of the
 * transaction: the caller's, or one of its own; `settings` are more of them.
 */
export async function withNameThreshold(manager: EntityManager, sql: string, params: unknown[], settings: readonly string[] = []): Promise<unknown> {
  const run = async (tx: EntityManager) => {
    for (const setting of [`pg_trgm.similarity_threshold = ${NAME_SIMILARITY_THRESHOLD}`, ...settings]) await tx.query(`SET LOCAL ${setting}`);
    return tx.query(sql, params);
  };
  return manager.queryRunner?.isTransactionActive ? run(manager) : manager.transaction(run);
}

/** the candidate's keys, normalised as the indexes' expressions are (normalise.ts) */
export function candidateKeys(candidate: DuplicateCandidate): CandidateKeys {
  const phones = [...new Set((candidate.phones ?? []).map(phoneKey).filter((key): key is string => key !== null))];
  const name = candidate.name?.trim() || null;
  return {
    taxId: normaliseTaxId(candidate.taxId),
    email: emailKey(candidate.email),
    phones,
    name,
    city: cityKey(candidate.city),
    companyId: candidate.companyId ?? null,
    companyName: candidate.companyName?.trim() || null,
  };
}

/** whether the candidate has what the condition compares */
export function applies(condition: RuleCondition, keys: CandidateKeys): boolean {
  const present = (value: unknown) => (value === null ? null : 'present');
  return condition({
    taxId: present(keys.taxId), email: present(keys.email), phones: keys.phones.length > 0 ? 'present' : null, name: present(keys.name),
    city: present(keys.city), companyId: present(keys.companyId), companyName: present(keys.companyName),
  }) !== null;
}

/** the keys as parameters, each bound when a condition first reads it */
function boundKeys(keys: CandidateKeys, bind: (value: unknown) => string): KeyExpressions {
  const bound = new Map<string, string>();
  const once = (key: string, value: unknown, cast = '') => {
    if (value === null) return null;
    if (!bound.has(key)) bound.set(key, `${bind(value)}${cast}`);
    return bound.get(key)!;
  };
  return {
    get taxId() { return once('taxId', keys.taxId); },
    get email() { return once('email', keys.email); },
    get phones() { return once('phones', keys.phones.length > 0 ? keys.phones : null, '::text[]'); },
    get name() { return once('name', keys.name); },
    get city() { return once('city', keys.city); },
    get companyId() { return once('companyId', keys.companyId, '::uuid'); },
    get companyName() { return once('companyName', keys.companyName); },
  };
}

/** text[] comes as an array from PostgreSQL's driver, and as its text form where no parser is registered */
export function asArray(value: string[] | string): string[] {
  return Array.isArray(value) ? value : value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
}

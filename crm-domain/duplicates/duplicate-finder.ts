import type { EntityManager } from 'typeorm';
import { positionalBind, visibleCondition } from '../access/record-access.js';
import { SYSTEM_VIEWER, type RecordViewer } from '../access/record-viewer.js';
import { DUPLICATE_RULES, DUPLICATE_TABLES, type CandidateKeys, type DuplicateRule, type DuplicateType } from './duplicate-rules.js';
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
  const keys = candidateKeys(candidate);
  const { table, title, detail, rules } = DUPLICATE_TABLES[candidate.type];
  const params: unknown[] = [];
  const bind = positionalBind(params);
  const branches = DUPLICATE_RULES.flatMap((rule) =>
    (rules[rule] ?? []).flatMap((condition) => {
      const where = condition(keys, bind);
      return where ? [`SELECT r.id, '${rule}' AS rule FROM ${table} r WHERE ${where}`] : [];
    }),
  );
  if (branches.length === 0) return [];
  const visible = visibleCondition(candidate.type, 'r', viewer, bind);
  const rows = (await manager.query(
    `SELECT r.id, ${title} AS title, ${detail} AS detail, u.name AS owner_name, array_agg(DISTINCT m.rule) AS rules
       FROM (${branches.join(' UNION ')}) m
       JOIN ${table} r ON r.id = m.id
       LEFT JOIN crm.users u ON u.id = r.owner_id
      WHERE r.archived_at IS NULL
        ${candidate.excludeId ? `AND r.id <> ${bind(candidate.excludeId)}::uuid` : ''}
        ${visible ? `AND ${visible}` : ''}
      GROUP BY r.id, u.name
      ORDER BY count(*) DESC, ${title}, r.id
      LIMIT ${bind(limit)}`,
    params,
  )) as MatchRow[];
  return rows.map((row) => ({
    type: candidate.type,
    id: row.id,
    title: row.title,
    detail: row.detail,
    ownerName: row.owner_name,
    matched: DUPLICATE_RULES.filter((rule) => asArray(row.rules).includes(rule)),
  }));
}

function candidateKeys(candidate: DuplicateCandidate): CandidateKeys {
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

/** text[] comes as an array from PostgreSQL's driver, and as its text form where no parser is registered */
function asArray(value: string[] | string): string[] {
  return Array.isArray(value) ? value : value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
}

import type { EntityManager } from 'typeorm';
import { positionalBind, visibleCondition } from '../access/record-access.js';
import { SYSTEM_VIEWER, type RecordViewer } from '../access/record-viewer.js';
import { applies, candidateKeys, withNameThreshold, type DuplicateCandidate } from './duplicate-finder.js';
import { DUPLICATE_RULES, DUPLICATE_TABLES, type DuplicateRule, type DuplicateType, type KeyExpressions } from './duplicate-rules.js';

/** one of many candidates of one type, told apart by `key` (an import: the row number) */
export interface KeyedCandidate extends Omit<DuplicateCandidate, 'type' | 'excludeId'> {
  readonly key: number;
}

/** a stored record a candidate matched by one rule */
export interface RuleMatch {
  readonly rule: DuplicateRule;
  readonly id: string;
  readonly title: string;
}

export interface ManyOptions {
  /** only records this viewer sees (default: the system, which sees all) */
  readonly viewer?: RecordViewer;
  /** only records created before this instant (a timestamptz as text, exact to the microsecond) */
  readonly storedBefore?: string;
}

/** the batch's rows as the rule conditions read them: the columns of `k` */
const ROW_COLUMNS = 'key integer, tax_id text, email text, phones text[], name text, city text, company_id uuid, company_name text';
const ROW_KEYS: KeyExpressions = { taxId: 'k.tax_id', email: 'k.email', phones: 'k.phones', name: 'k.name', city: 'k.city', companyId: 'k.company_id', companyName: 'k.company_name' };

/**
 * The likely duplicates of many candidates at once, by the same rule conditions as findDuplicates
 * (duplicate-rules.ts): one statement whatever the number of candidates. Each condition is one
 * branch: the candidates that have its keys, as rows (a JSON parameter), each joined LATERALly to
 * the records its index finds (OFFSET 0 keeps the LATERAL a probe per candidate: flattened into a
 * join, PostgreSQL, misjudging how many rows the function yields, hashes a scan of the whole table).
 * The name branch probes a candidate only when some record is in its name scope (a company in its
 * city stored before `storedBefore`): an import into a CRM without companies in a city costs no
 * trigram probes there. Per candidate and rule the first matching record (by title, then id); only
 * live records `viewer` sees.
 */
export async function findDuplicatesOfMany(
  manager: EntityManager, type: DuplicateType, candidates: readonly KeyedCandidate[], options: ManyOptions = {},
): Promise<Map<number, RuleMatch[]>> {
  const found = new Map<number, RuleMatch[]>();
  const statement = duplicatesOfManyStatement(type, candidates, options);
  if (!statement) return found;
  const { sql, params } = statement;
  const rows = (await withNameThreshold(manager, sql, params, MANY_SETTINGS)) as { key: number; rule: DuplicateRule; id: string; title: string }[];
  for (const row of rows) {
    const key = Number(row.key);
    found.set(key, [...(found.get(key) ?? []), { rule: row.rule, id: row.id, title: row.title }]);
  }
  return found;
}

/**
 * What the statement runs under (SET LOCAL), besides the trigram threshold: a probe's plan is made
 * for any candidate, and without a known name PostgreSQL cannot cost the trigram index and would
 * read the whole table per candidate instead. Every branch has its index. Without seq scans the
 * costs look huge, which would make PostgreSQL compile the statement (JIT) for each chunk: off.
 */
export const MANY_SETTINGS = ['enable_seqscan = off', 'jit = off'];

/** the statement findDuplicatesOfMany runs (null: no candidate has a key), also for EXPLAIN (with the settings it runs under) */
export function duplicatesOfManyStatement(
  type: DuplicateType, candidates: readonly KeyedCandidate[], { viewer = SYSTEM_VIEWER, storedBefore }: ManyOptions = {},
): { sql: string; params: unknown[] } | null {
  const { table, title, rules, nameScope } = DUPLICATE_TABLES[type];
  const params: unknown[] = [];
  const bind = positionalBind(params);
  const keyed = candidates.map((candidate) => ({ key: candidate.key, keys: candidateKeys({ ...candidate, type }) }));
  const visible = visibleCondition(type, 'r', viewer, bind);
  const common = ['r.archived_at IS NULL', ...(visible ? [visible] : []), ...(storedBefore ? [`r.created_at < ${bind(storedBefore)}::timestamptz`] : [])].join(' AND ');
  const branches: string[] = [];
  for (const rule of DUPLICATE_RULES) {
    for (const condition of rules[rule] ?? []) {
      const rows = keyed.filter(({ keys }) => applies(condition, keys)).map(({ key, keys }) => ({
        key, tax_id: keys.taxId, email: keys.email, phones: keys.phones, name: keys.name, city: keys.city, company_id: keys.companyId, company_name: keys.companyName,
      }));
      if (rows.length === 0) continue;
      // a trigram probe costs milliseconds, the scope's btree microseconds: names are probed only where a record is in scope
      const gate = rule === 'name' ? `WHERE (SELECT true FROM ${table} r WHERE (${nameScope(ROW_KEYS)}) AND ${common} LIMIT 1)` : '';
      branches.push(
        `SELECT k.key, '${rule}' AS rule, m.id, m.title FROM jsonb_to_recordset(${bind(JSON.stringify(rows))}::jsonb) AS k(${ROW_COLUMNS})
         CROSS JOIN LATERAL (SELECT r.id::text AS id, ${title} AS title FROM ${table} r WHERE (${condition(ROW_KEYS)}) AND ${common} OFFSET 0) m ${gate}`);
    }
  }
  if (branches.length === 0) return null;
  const sql = `SELECT DISTINCT ON (key, rule) key, rule, id, title FROM (${branches.join(' UNION ALL ')}) matches ORDER BY key, rule, title, id`;
  return { sql, params };
}

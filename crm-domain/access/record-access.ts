import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { viewersTask, type Bind } from '../../engine/adapters/typeorm/queries/instance-visibility.js';
import { isUuid, RECORD_TABLES, RECORD_TYPES, type RecordType } from '../shared/record-types.js';
import type { RecordViewer } from './record-viewer.js';

export type { Bind } from '../../engine/adapters/typeorm/queries/instance-visibility.js';

/** what a viewer's scope covers: the client records and the activities about them */
export type ScopedKind = RecordType | 'activity';

interface AccessRule {
  readonly table: string;
  /** the column of the user it belongs to */
  readonly owner: string;
  /** also visible to whoever sees the record it belongs to (column → that record's type) */
  readonly through?: { readonly column: string; readonly kind: RecordType };
  /** also visible to whoever sees the record it is about (record_type, record_id) */
  readonly about?: boolean;
  /** also visible to whoever has a process task on it (its id is the task's business key) */
  readonly byTask: boolean;
}

/**
 * Who sees what, as data. A viewer reaches owners (themselves; a head also their team's active
 * members; directors, ops and admins everyone) and sees:
 * companies, leads and deals they own, complaints assigned to them; contacts they own or whose
 * company they see; activities they own or whose record they see; and any record that is the
 * business key of a process task that is theirs or offered to them (or one of their groups).
 */
const ACCESS: Readonly<Record<ScopedKind, AccessRule>> = {
  company: { ...RECORD_TABLES.company, byTask: true },
  contact: { ...RECORD_TABLES.contact, through: { column: 'company_id', kind: 'company' }, byTask: true },
  lead: { ...RECORD_TABLES.lead, byTask: true },
  deal: { ...RECORD_TABLES.deal, byTask: true },
  complaint: { ...RECORD_TABLES.complaint, byTask: true },
  activity: { table: 'crm.activities', owner: 'owner_id', about: true, byTask: false },
};

const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/** the record id a text business key names: NULL when the key does not have a record id's shape */
function keyAsRecordId(key: string): string {
  return `(CASE WHEN ${key} ~* '${UUID_PATTERN}' THEN (${key})::uuid END)`;
}

/** the condition "`column` names an owner the viewer reaches" (for viewers who do not reach everyone) */
export function ownerReached(column: string, viewer: RecordViewer, bind: Bind): string {
  if (viewer.records === 'none' || !isUuid(viewer.userId)) return 'FALSE';
  const self = `${bind(viewer.userId)}::uuid`;
  if (viewer.records === 'own') return `${column} = ${self}`;
  return `${column} IN (SELECT m.id FROM crm.users m WHERE m.id = ${self} OR (m.active AND m.team_id = (SELECT s.team_id FROM crm.users s WHERE s.id = ${self})))`;
}

/** SELECT of the ids of the records of one kind a restricted viewer sees; each branch reads an index */
function visibleIds(kind: ScopedKind, viewer: RecordViewer, bind: Bind): string {
  const rule = ACCESS[kind];
  const branches = [`SELECT x.id FROM ${rule.table} x WHERE ${ownerReached(`x.${rule.owner}`, viewer, bind)}`];
  if (rule.through) branches.push(`SELECT x.id FROM ${rule.table} x WHERE x.${rule.through.column} IN (${visibleIds(rule.through.kind, viewer, bind)})`);
  if (rule.about) {
    for (const type of RECORD_TYPES) branches.push(`SELECT x.id FROM ${rule.table} x WHERE x.record_type = '${type}' AND x.record_id IN (${visibleIds(type, viewer, bind)})`);
  }
  if (rule.byTask) branches.push(`SELECT ${keyAsRecordId('t.business_key')} FROM engine.task t WHERE ${viewersTask('t', viewer, bind)}`);
  return branches.join(' UNION ALL ');
}

/** the condition "the record in `alias` is visible to the viewer", or null when they see all */
export function visibleCondition(kind: ScopedKind, alias: string, viewer: RecordViewer, bind: Bind): string | null {
  if (viewer.records === 'all') return null;
  if (viewer.records === 'none') return 'FALSE';
  return `${alias}.id IN (${visibleIds(kind, viewer, bind)})`;
}

/** the condition "the text expression `key` is the id of a record (of any type) the viewer sees" */
export function visibleRecordKey(key: string, viewer: RecordViewer, bind: Bind): string {
  if (viewer.records === 'all') return 'TRUE';
  if (viewer.records === 'none') return 'FALSE';
  return `${keyAsRecordId(key)} IN (${RECORD_TYPES.map((type) => visibleIds(type, viewer, bind)).join(' UNION ALL ')})`;
}

/** narrows a TypeORM list query to the records the viewer sees */
export function whereVisible<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, kind: ScopedKind, viewer: RecordViewer): SelectQueryBuilder<E> {
  const params: Record<string, unknown> = {};
  const condition = visibleCondition(kind, qb.alias, viewer, namedBind(params));
  return condition ? qb.andWhere(condition, params) : qb;
}

/** placeholders `:visible_<n>` for TypeORM query builders */
export function namedBind(params: Record<string, unknown>): Bind {
  return (value) => {
    const name = `visible_${Object.keys(params).length}`;
    params[name] = value;
    return `:${name}`;
  };
}

/** placeholders `$<n>` for raw queries */
export function positionalBind(params: unknown[]): Bind {
  return (value) => `$${params.push(value)}`;
}

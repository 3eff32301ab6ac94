import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { businessKeyAsUuid, viewersTask, type Bind } from '../../engine/adapters/typeorm/queries/instance-visibility.js';
import { isRecordType, isUuid, RECORD_DEFINITIONS, RECORD_TYPE_REGISTRY, RECORD_TYPES, type RecordType } from '../shared/record-types.js';
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
 * every record type's records they own (a complaint's assignee is its owner), and those visible
 * with another they see (contacts with their company: `visibleWith` in the record type's
 * definition); activities they own or whose record they see; and any record that is the
 * business key of a process task that is theirs or offered to them (or one of their groups).
 */
const ACCESS: Readonly<Record<ScopedKind, AccessRule>> = {
  ...(Object.fromEntries(RECORD_TYPE_REGISTRY.map((definition): [RecordType, AccessRule] => [definition.type, recordRule(definition)])) as Record<RecordType, AccessRule>),
  activity: { table: 'crm.activities', owner: 'owner_id', about: true, byTask: false },
};

function recordRule(definition: (typeof RECORD_TYPE_REGISTRY)[number]): AccessRule {
  const { table, owner } = definition;
  const visibleWith = 'visibleWith' in definition ? definition.visibleWith : undefined;
  if (!visibleWith) return { table, owner, byTask: true };
  // visibleTests follows one step only: the record it is visible with must be visible on its own
  if (!isRecordType(visibleWith.type) || RECORD_DEFINITIONS[visibleWith.type].visibleWith) {
    throw new Error(`Expected '${definition.type}' to be visible with a registered record type that is visible on its own, but '${visibleWith.type}' is not`);
  }
  return { table, owner, through: { column: visibleWith.column, kind: visibleWith.type }, byTask: true };
}

/** the condition "`column` names an owner the viewer reaches" (for viewers who do not reach everyone) */
export function ownerReached(column: string, viewer: RecordViewer, bind: Bind): string {
  if (viewer.records === 'none' || !isUuid(viewer.userId)) return 'FALSE';
  const self = `${bind(viewer.userId)}::uuid`;
  if (viewer.records === 'own') return `${column} = ${self}`;
  return `${column} IN (SELECT m.id FROM crm.users m WHERE m.id = ${self} OR (m.active AND m.team_id = (SELECT s.team_id FROM crm.users s WHERE s.id = ${self})))`;
}

/** SELECT of the record ids that are business keys of process tasks that are the viewer's or offered to them (a few) */
function taskKeys(viewer: RecordViewer, bind: Bind): string {
  return `SELECT ${businessKeyAsUuid('t.business_key')} FROM engine.task t WHERE ${viewersTask('t', viewer, bind)}`;
}

/** where a record is: its row in the query (`row`: the alias), or only its id (`id`: a uuid expression) */
type RecordRef = { readonly row: string } | { readonly id: string };

/**
 * The tests (any one suffices) that make a record visible to a restricted viewer. Its owner is
 * tested on its row where the row is at hand; every other test is a correlated EXISTS or an `IN`
 * over a few rows, which PostgreSQL turns into one hashed set when it is small (a manager's) and
 * into an index lookup per row when it is not (a head's may hold most of a table): never one
 * large `IN (...)` set inside an OR, which it would scan again for every row once the set no
 * longer fits in memory. `tasks: false` leaves out the task test (the caller has it once).
 */
function visibleTests(kind: ScopedKind, ref: RecordRef, viewer: RecordViewer, bind: Bind, tasks = true, depth = 0): string[] {
  const rule = ACCESS[kind];
  const o = `v${depth}`;
  const id = 'row' in ref ? `${ref.row}.id` : ref.id;
  const tests = ['row' in ref
    ? ownerReached(`${ref.row}.${rule.owner}`, viewer, bind)
    : `EXISTS (SELECT 1 FROM ${rule.table} ${o} WHERE ${o}.id = ${ref.id} AND ${ownerReached(`${o}.${rule.owner}`, viewer, bind)})`];
  if (rule.byTask && tasks) tests.push(`${id} IN (${taskKeys(viewer, bind)})`);
  if (rule.through) {
    const { column, kind: parentKind } = rule.through;
    const parent = ACCESS[parentKind];
    if ('row' in ref) {
      tests.push(...visibleTests(parentKind, { id: `${ref.row}.${column}` }, viewer, bind, true, depth + 1));
    } else {
      // the parent (a contact's company) has no parent of its own: its owner and its tasks
      tests.push(`EXISTS (SELECT 1 FROM ${rule.table} ${o} JOIN ${parent.table} ${o}p ON ${o}p.id = ${o}.${column} WHERE ${o}.id = ${ref.id} AND ${ownerReached(`${o}p.${parent.owner}`, viewer, bind)})`);
      if (parent.byTask) tests.push(`EXISTS (SELECT 1 FROM ${rule.table} ${o} WHERE ${o}.id = ${ref.id} AND ${o}.${column} IN (${taskKeys(viewer, bind)}))`);
    }
  }
  if (rule.about && 'row' in ref) {
    for (const type of RECORD_TYPES) {
      tests.push(`(${ref.row}.record_type = '${type}' AND (${visibleTests(type, { id: `${ref.row}.record_id` }, viewer, bind, true, depth + 1).join(' OR ')}))`);
    }
  }
  return tests;
}

/** the condition "the record in `alias` is visible to the viewer", or null when they see all */
export function visibleCondition(kind: ScopedKind, alias: string, viewer: RecordViewer, bind: Bind): string | null {
  if (viewer.records === 'all') return null;
  if (viewer.records === 'none') return 'FALSE';
  return `(${visibleTests(kind, { row: alias }, viewer, bind).join(' OR ')})`;
}

/** the condition "the uuid expression `id` is the id of a record (of any type) the viewer sees": for business keys */
export function visibleRecordId(id: string, viewer: RecordViewer, bind: Bind): string {
  if (viewer.records === 'all') return 'TRUE';
  if (viewer.records === 'none') return 'FALSE';
  const tests = [`${id} IN (${taskKeys(viewer, bind)})`, ...RECORD_TYPES.flatMap((type) => visibleTests(type, { id }, viewer, bind, false))];
  return `(${tests.join(' OR ')})`;
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

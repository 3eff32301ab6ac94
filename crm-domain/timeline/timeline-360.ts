import type { EntityManager } from 'typeorm';
import { positionalBind, visibleCondition, type Bind } from '../access/record-access.js';
import type { RecordViewer } from '../access/record-viewer.js';
import { RECORD_DEFINITIONS, type RecordType } from '../shared/record-types.js';
import { userNames } from './record-lookup.js';
import type { Who } from './timeline-entries.js';

/** where a page of a timeline ends: the time (to the millisecond) and key of its last entry, as `<ISO time>~<key>` */
export interface TimelineCursor {
  readonly at: Date;
  readonly key: string;
}

export interface RelatedRecord {
  readonly type: RecordType;
  readonly id: string;
  readonly title: string;
}

interface EntryRow {
  key: string;
  at: Date;
  record_id: string;
  kind: 'change' | 'activity' | 'process';
  who: string | null;
  /** change: action; activity: kind; process: the definition key */
  what: string;
  /** change: the fields; activity: subject, done, due; process: step, type, end, canceled, instance */
  detail: Record<string, unknown>;
}

export type WideEntry = {
  readonly key: string;
  readonly at: Date;
  readonly kind: 'change' | 'activity' | 'process';
  readonly about: RelatedRecord;
  readonly who: Who | null;
  readonly what: string;
  readonly detail: Record<string, unknown>;
};

/**
 * The records a 360° view gathers with the record, by its type: each a type and the column naming
 * the record (each column indexed). Other types' timelines are their own.
 */
const GATHERED: Readonly<Partial<Record<RecordType, readonly { readonly type: RecordType; readonly column: string }[]>>> = {
  company: [
    { type: 'contact', column: 'company_id' },
    { type: 'deal', column: 'company_id' },
    { type: 'lead', column: 'converted_company_id' },
    { type: 'complaint', column: 'company_id' },
  ],
  contact: [
    { type: 'deal', column: 'contact_id' },
    { type: 'lead', column: 'converted_contact_id' },
    { type: 'complaint', column: 'contact_id' },
  ],
};

/** the steps worth a line (timeline-entries.ts' isShownStep, in SQL): gateways, multi-instance bodies and the process itself are plumbing */
const SHOWN_STEP_TYPES_SQL = `(s.activity_type !~* 'gateway|multiInstanceBody|process' OR s.activity_type = 'subProcess')`;

/**
 * One page of a record's timeline, newest first: its changes, activities and process steps (with
 * approvals: user task steps by their task's name and assignee), and for a company or contact
 * those of the records GATHERED names (a company's contacts, deals, leads converted into it and
 * complaints; a contact's deals, converted leads and complaints) too, each with the record it is
 * about. Only records the viewer sees take part. Every read goes through an index by record id
 * (record_changes, activities, the historic instances' business_key_uuid, their steps by instance)
 * over the few related records, so a page costs the same with 300,000 companies as with ten.
 */
export async function timelinePage(manager: EntityManager, record: RelatedRecord, before: TimelineCursor | null, limit: number, viewer: RecordViewer, mergedIds: readonly string[] = []): Promise<{ entries: WideEntry[]; related: RelatedRecord[]; next: string | null }> {
  const related = [record, ...(await gatheredWith(manager, record, viewer))];
  // records merged into this one tell its history too; their lines read as about this record
  const ids = [...related.map((r) => r.id), ...mergedIds];
  const params: unknown[] = [ids, limit];
  const bind = positionalBind(params);
  /** one source of entries: its key and time expressions, newest first, at most a page, after the cursor */
  const source = (key: string, time: string, select: string, from: string) => {
    const at = `date_trunc('milliseconds', ${time})`;
    const after = before
      ? `AND ${time} < ${bind(before.at)}::timestamptz + interval '1 millisecond' AND (${at}, (${key}) COLLATE "C") < (${bind(before.at)}::timestamptz, ${bind(before.key)} COLLATE "C")`
      : '';
    return `(SELECT ${key} AS key, ${at} AS at, ${select} ${from} ${after} ORDER BY ${at} DESC, (${key}) COLLATE "C" DESC LIMIT $2)`;
  };
  const changes = source(`'c' || rc.id`, 'rc.at',
    `rc.record_id::text AS record_id, 'change' AS kind, rc.actor AS who, rc.action AS what, rc.changes AS detail`,
    'FROM crm.record_changes rc WHERE rc.record_id = ANY($1::uuid[])');
  const activities = source(`'a' || a.id`, 'coalesce(a.done_at, a.created_at)',
    `a.record_id::text AS record_id, 'activity' AS kind, coalesce(a.owner_id::text, a.created_by) AS who, a.kind AS what,
     jsonb_build_object('id', a.id, 'subject', a.subject, 'done', a.done, 'dueAt', a.due_at, 'result', a.result) AS detail`,
    'FROM crm.activities a WHERE a.record_id = ANY($1::uuid[])');
  const steps = source(`'p' || s.id`, 's.start_time',
    `pi.business_key_uuid::text AS record_id, 'process' AS kind,
     coalesce(s.assignee, CASE WHEN s.activity_type = 'startEvent' THEN pi.start_user_id END) AS who, pi.definition_key AS what,
     jsonb_build_object('step', coalesce(t.name, s.activity_name, s.activity_id), 'stepType', s.activity_type, 'endedAt', s.end_time, 'canceled', s.canceled, 'processInstanceId', pi.id, 'taskId', s.task_id) AS detail`,
    `FROM engine.hist_process_instance pi
     JOIN engine.hist_activity_instance s ON s.process_instance_id = pi.id
     LEFT JOIN engine.hist_task t ON t.id = s.task_id
     WHERE pi.business_key_uuid = ANY($1::uuid[]) AND ${SHOWN_STEP_TYPES_SQL}`);
  const rows = (await manager.query(
    `SELECT * FROM (${changes} UNION ALL ${activities} UNION ALL ${steps}) entries ORDER BY at DESC, key COLLATE "C" DESC LIMIT $2 + 1`,
    params,
  )) as EntryRow[];
  const page = rows.slice(0, limit);
  const names = await userNames(manager, page.map((r) => r.who));
  const byId = new Map(related.map((r) => [r.id, r]));
  const entries = page.map((r): WideEntry => ({
    key: r.key,
    at: new Date(r.at),
    kind: r.kind,
    about: byId.get(r.record_id) ?? record,
    who: r.who ? { id: r.who, name: names.get(r.who) ?? null } : null,
    what: r.what,
    detail: r.detail,
  }));
  const last = entries.at(-1);
  return { entries, related, next: rows.length > limit && last ? formatCursor({ at: last.at, key: last.key }) : null };
}

/** the records GATHERED with this one that the viewer sees: each through its index on the column naming the record */
async function gatheredWith(manager: EntityManager, record: RelatedRecord, viewer: RecordViewer): Promise<RelatedRecord[]> {
  const gathered = GATHERED[record.type];
  if (!gathered) return [];
  const params: unknown[] = [record.id];
  const bind: Bind = positionalBind(params);
  const sql = gathered.map(({ type, column }) => {
    const visible = visibleCondition(type, 'x', viewer, bind);
    return `SELECT '${type}' AS type, x.id::text AS id, ${RECORD_DEFINITIONS[type].title} AS title FROM ${RECORD_DEFINITIONS[type].table} x WHERE x.${column} = $1${visible ? ` AND ${visible}` : ''}`;
  }).join(' UNION ALL ');
  return (await manager.query(sql, params)) as RelatedRecord[];
}

export function formatCursor(cursor: TimelineCursor): string {
  return `${cursor.at.toISOString()}~${cursor.key}`;
}

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~([cap][\w:.-]{1,120})$/;

/** null when the text is no cursor this module wrote */
export function parseCursor(text: string): TimelineCursor | null {
  const match = CURSOR.exec(text);
  if (!match) return null;
  const at = new Date(match[1]!);
  return Number.isNaN(at.getTime()) ? null : { at, key: match[2]! };
}

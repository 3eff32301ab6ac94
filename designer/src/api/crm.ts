import { actorName, fieldLabel } from '../model/timeline-text';
import { ApiError, get } from './http';

/** The CRM record a process works on: its business key (the record id, or `type:id`) or a `<type>Id` variable. */
export interface RecordRef {
  readonly type: string;
  readonly id: string;
}

export interface TimelineEntry {
  readonly at: string;
  readonly title: string;
  readonly detail?: string;
}

export type RecordLoad =
  | { readonly state: 'loaded'; readonly ref: RecordRef; readonly record: Record<string, unknown>; readonly timeline: readonly TimelineEntry[] }
  | { readonly state: 'unavailable'; readonly reason: string };

const RECORD_TYPES = ['lead', 'deal', 'complaint', 'contact', 'company'];
const plural = (type: string) => (type === 'company' ? 'companies' : `${type}s`);

/** candidates in the order worth trying: explicit type first, then types the process key hints at */
export function recordCandidates(businessKey: string | null, variables: Record<string, { value: unknown }>, processKey: string | null): RecordRef[] {
  const typed = businessKey ? /^([a-z]+)[:/](.+)$/i.exec(businessKey) : null;
  if (typed && RECORD_TYPES.includes(typed[1]!.toLowerCase())) return [{ type: typed[1]!.toLowerCase(), id: typed[2]! }];
  const fromVariables = RECORD_TYPES.flatMap((type) => {
    const value = variables[`${type}Id`]?.value;
    return typeof value === 'string' || typeof value === 'number' ? [{ type, id: String(value) }] : [];
  });
  if (fromVariables.length > 0) return fromVariables;
  if (!businessKey) return [];
  const hinted = RECORD_TYPES.filter((type) => processKey?.toLowerCase().includes(type));
  return [...hinted, ...RECORD_TYPES.filter((t) => !hinted.includes(t))].map((type) => ({ type, id: businessKey }));
}

/**
 * The first candidate the CRM has (asked in one `GET /api/records?ids=`, so keys that name no
 * record cost no 404), then that record and its timeline.
 */
export async function loadRecord(candidates: readonly RecordRef[]): Promise<RecordLoad> {
  const found = await recordTitles(candidates.map((c) => c.id));
  const ref = candidates.find((c) => found.get(c.id)?.type === c.type);
  if (!ref) return { state: 'unavailable', reason: `The CRM has no record ${candidates.map((c) => c.id).filter((id, i, all) => all.indexOf(id) === i).join(', ')} you may see` };
  const base = `/api/${plural(ref.type)}/${encodeURIComponent(ref.id)}`;
  try {
    const [record, timeline] = await Promise.all([get<Record<string, unknown>>(base), get<unknown>(`${base}/timeline`).catch(() => [])]);
    return { state: 'loaded', ref, record: record ?? {}, timeline: normalizeTimeline(timeline, ref.type) };
  } catch (error) {
    return { state: 'unavailable', reason: error instanceof ApiError ? error.message : String((error as Error).message) };
  }
}

function normalizeTimeline(raw: unknown, recordType: string): TimelineEntry[] {
  const wrapped = raw as { items?: unknown; entries?: unknown } | null;
  const items = Array.isArray(raw) ? raw : Array.isArray(wrapped?.entries) ? wrapped.entries : Array.isArray(wrapped?.items) ? wrapped.items : [];
  return items.map((item) => {
    const entry = item as Record<string, any>;
    const who = actorName(entry['who']);
    const at = String(entry['at'] ?? entry['createdAt'] ?? '');
    switch (entry['kind']) {
      case 'change':
        return { at, title: `${who ?? 'someone'} ${entry['action'] ?? 'changed'}`, detail: Object.keys(entry['changes'] ?? {}).map((field) => fieldLabel(recordType, field)).join(', ') };
      case 'activity':
        return { at, title: `${entry['activity']?.kind ?? 'activity'}: ${entry['activity']?.subject ?? ''}`, ...(who ? { detail: `by ${who}` } : {}) };
      case 'process':
        return { at, title: `${entry['processDefinitionKey']}: ${entry['step']}`, detail: entry['endedAt'] ? (entry['canceled'] ? 'canceled' : 'done') : 'in progress' };
      default:
        return { at, title: String(entry['title'] ?? entry['type'] ?? 'event'), ...(entry['detail'] ? { detail: String(entry['detail']) } : {}) };
    }
  });
}

export interface RecordTitle {
  readonly type: string;
  readonly id: string;
  readonly title: string;
}

/** the CRM records business keys name (GET /api/records), by id; keys that name no record are left out */
export async function recordTitles(ids: readonly (string | null)[]): Promise<ReadonlyMap<string, RecordTitle>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))].slice(0, 200);
  if (wanted.length === 0) return new Map();
  const found = await get<RecordTitle[]>(`/api/records?ids=${encodeURIComponent(wanted.join(','))}`).catch(() => []);
  return new Map(found.map((r) => [r.id, r]));
}

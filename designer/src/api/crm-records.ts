import { del, get, patch, post, queryString } from './http';

/** The CRM's record lists and cards (`/api/{companies,contacts,leads,deals,complaints,activities}`), saved views and the record search. */
export type CrmRecord = Record<string, unknown> & { readonly id: string };

export interface RecordPage {
  readonly items: CrmRecord[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export const listRecords = (list: string, query: Record<string, string>) => get<RecordPage>(`/api/${list}${queryString(query)}`);
export const getRecord = (list: string, id: string) => get<CrmRecord>(`/api/${list}/${encodeURIComponent(id)}`);
/** `confirmDuplicate`: the user saw the likely duplicates the server answered (409) and creates it anyway */
export const createRecord = (list: string, body: unknown, confirmDuplicate = false) => post<CrmRecord>(`/api/${list}${confirmDuplicate ? '?confirmDuplicate=true' : ''}`, body);
export const updateRecord = (list: string, id: string, body: unknown) => patch<CrmRecord>(`/api/${list}/${encodeURIComponent(id)}`, body);
/** a record action: `convert`, `disqualify`, `approval-requests`, `resolve` */
export const recordAction = (list: string, id: string, action: string, body: unknown = {}) => post<CrmRecord>(`/api/${list}/${encodeURIComponent(id)}/${action}`, body);

export interface SavedView {
  readonly id: string;
  readonly list: string;
  readonly name: string;
  readonly query: Record<string, string>;
}

export const savedViews = {
  list: (list: string) => get<SavedView[]>(`/api/saved-views${queryString({ list })}`),
  save: (list: string, name: string, query: Record<string, string>) => post<SavedView>('/api/saved-views', { list, name, query }),
  remove: (id: string) => del<void>(`/api/saved-views/${encodeURIComponent(id)}`),
};

export interface FoundRecord {
  readonly type: string;
  readonly id: string;
  readonly title: string;
}

/** records whose name starts with `q` (a complaint: its company's), of the types given (company, contact, lead, deal, complaint), that the caller sees */
export const searchRecords = (q: string, types: readonly string[]) => get<FoundRecord[]>(`/api/records/search${queryString({ q, types: types.join(','), limit: 20 })}`);

export interface WideTimelineEntry {
  readonly key: string;
  readonly at: string;
  readonly kind: 'change' | 'activity' | 'process';
  readonly about: FoundRecord;
  readonly who: { readonly id: string; readonly name: string | null } | null;
  readonly what: string;
  readonly detail: Record<string, unknown>;
}

export interface TimelinePage {
  readonly entries: WideTimelineEntry[];
  readonly related: FoundRecord[];
  readonly next: string | null;
}

/** one page of a record's timeline, newest first (a company's with its contacts', deals', leads' and complaints') */
export const timelinePage = (list: string, id: string, before: string | null, limit = 50) =>
  get<TimelinePage>(`/api/${list}/${encodeURIComponent(id)}/timeline${queryString({ scope: '360', limit, before })}`);

export interface RecordProcesses {
  readonly processes: { id: string; processDefinitionKey: string; processDefinitionName: string | null; state: string; startTime: string; endTime: string | null }[];
  readonly openTasks: { id: string; name: string; assignee: { id: string; name: string | null } | null; candidateGroups: string[]; due: string | null; created: string }[];
}

export const recordProcesses = (list: string, id: string) => get<RecordProcesses>(`/api/${list}/${encodeURIComponent(id)}/processes`);

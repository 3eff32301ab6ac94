import { ApiError, get, post, queryString } from './http';

/** Likely duplicates and merges (README, *Duplicates and merging*). */
export const DUPLICATE_TYPES = ['company', 'contact', 'lead'] as const;
export type DuplicateType = (typeof DUPLICATE_TYPES)[number];
export type DuplicateRule = 'taxId' | 'email' | 'phone' | 'name';

/** a record that looks like the one being created, with the rules it matched */
export interface DuplicateCandidate {
  readonly type: DuplicateType;
  readonly id: string;
  readonly title: string;
  /** a company's city, a contact's company, a lead's company name */
  readonly detail: string | null;
  readonly ownerName: string | null;
  readonly matched: readonly DuplicateRule[];
}

export const RULE_LABELS: Readonly<Record<DuplicateRule, string>> = {
  taxId: 'same tax id',
  email: 'same email',
  phone: 'same phone',
  name: 'similar name',
};

export const plural = (type: DuplicateType) => (type === 'company' ? 'companies' : `${type}s`);

export function isDuplicateType(value: string | null): value is DuplicateType {
  return (DUPLICATE_TYPES as readonly (string | null)[]).includes(value);
}

/** the card of a record in the CRM workspace */
export const recordPath = (type: DuplicateType, id: string) => `/crm/${plural(type)}/${encodeURIComponent(id)}`;

export interface DuplicateSearch {
  readonly type: DuplicateType;
  readonly name?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly taxId?: string;
  readonly city?: string;
  readonly companyId?: string;
  readonly companyName?: string;
  readonly excludeId?: string;
}

/** GET /api/duplicates: only records the caller sees */
export async function findDuplicates(search: DuplicateSearch): Promise<DuplicateCandidate[]> {
  return (await get<{ items: DuplicateCandidate[] }>(`/api/duplicates${queryString({ ...search })}`)).items;
}

/** the candidates of a create answered 409 CRM_LIKELY_DUPLICATE, or null for any other error */
export function likelyDuplicates(error: unknown): DuplicateCandidate[] | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const body = error.body as { code?: unknown; candidates?: unknown } | null;
  return body?.code === 'CRM_LIKELY_DUPLICATE' && Array.isArray(body.candidates) ? (body.candidates as DuplicateCandidate[]) : null;
}

export interface MergeResult {
  readonly kept: Record<string, unknown>;
  readonly duplicate: Record<string, unknown>;
  /** moved records by kind: contacts, deals, leads, complaints, activities */
  readonly moved: Readonly<Record<string, number>>;
}

/** what the kept record takes from the duplicate: its value, or (phones, notes) both */
export type FieldChoice = 'duplicate' | 'both';

/** POST /api/{type}s/{keep}/merge: the duplicate's records move to `keep`, which takes the chosen `fields`; the duplicate is archived */
export function mergeRecords(type: DuplicateType, keepId: string, duplicateId: string, fields: Readonly<Record<string, FieldChoice>> = {}): Promise<MergeResult> {
  return post<MergeResult>(`/api/${plural(type)}/${encodeURIComponent(keepId)}/merge`, { duplicateId, ...(Object.keys(fields).length > 0 ? { fields } : {}) });
}

/** one record as the merge page shows it (a company comes with its contacts) */
export function loadRecord(type: DuplicateType, id: string): Promise<Record<string, unknown>> {
  return get<Record<string, unknown>>(`/api/${plural(type)}/${encodeURIComponent(id)}`);
}

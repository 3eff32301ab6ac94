/** The lists that can be exported (`GET /api/<list>/export`). */
export const EXPORTABLE_LISTS = ['companies', 'contacts', 'leads', 'deals', 'complaints', 'activities'] as const;
export type ExportableList = (typeof EXPORTABLE_LISTS)[number];

export const isExportable = (list: string): list is ExportableList => (EXPORTABLE_LISTS as readonly string[]).includes(list);
export type ExportFormat = 'csv' | 'xlsx';

/**
 * The URL of a list's export: the list's own query (its filters and sort, as the list page keeps
 * them in its URL) without paging, plus the format. The server answers every row the caller sees
 * (up to its cap: a 400 saying so beyond), so use it as a link (`<a href download>`).
 */
export function exportUrl(list: ExportableList, query: URLSearchParams | Record<string, string | null | undefined>, format: ExportFormat = 'csv'): string {
  const params = new URLSearchParams();
  const entries = query instanceof URLSearchParams ? [...query.entries()] : Object.entries(query);
  for (const [name, value] of entries) if (value !== null && value !== undefined && value !== '' && name !== 'page' && name !== 'pageSize' && name !== 'format') params.set(name, value);
  params.set('format', format);
  return `/api/${list}/export?${params.toString()}`;
}

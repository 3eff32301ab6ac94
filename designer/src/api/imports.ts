import { ApiError, NetworkError, get, post } from './http';

/** Calls of the import page (`/api/imports`): upload, dry run, start, progress, failures. */
export interface ImportField {
  readonly name: string;
  readonly label: string;
  readonly required: boolean;
}

export type ColumnMapping = Record<string, number | null>;
export type DuplicatePolicy = 'skip' | 'import';

export interface ImportBatch {
  readonly id: string;
  readonly fileName: string;
  readonly format: 'csv' | 'xlsx';
  readonly headers: string[];
  readonly mapping: ColumnMapping | null;
  readonly duplicatePolicy: DuplicatePolicy;
  readonly status: 'uploaded' | 'queued' | 'running' | 'completed' | 'failed';
  readonly totalRows: number;
  readonly rowsImported: number;
  readonly rowsFailed: number;
  readonly rowsSkipped: number;
  readonly rowsDone: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

export interface UploadAnswer {
  readonly batch: ImportBatch;
  readonly fields: ImportField[];
  readonly suggestedMapping: ColumnMapping;
  readonly preview: string[][];
}

export interface DryRunReport {
  readonly totalRows: number;
  readonly valid: number;
  readonly failed: number;
  readonly duplicates: number;
  readonly errors: { row: number; column: string; message: string; duplicate: boolean }[];
  readonly truncated: boolean;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** the file goes as the whole request body (CSV or XLSX, by its name) */
export async function uploadImport(file: File): Promise<UploadAnswer> {
  const url = `/api/imports?fileName=${encodeURIComponent(file.name)}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { Accept: 'application/json', 'X-Session-Required': 'true', 'Content-Type': /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv' },
      body: file,
    });
  } catch {
    throw new NetworkError('POST', url);
  }
  const body = (await response.json().catch(() => ({}))) as { message?: string; type?: string };
  if (!response.ok) throw new ApiError(response.status, body.type ?? 'HttpError', body.message ?? `The upload answered ${response.status}`);
  return body as UploadAnswer;
}

export const imports = {
  list: () => get<{ fields: ImportField[]; items: ImportBatch[] }>('/api/imports'),
  get: (id: string) => get<ImportBatch>(`/api/imports/${encodeURIComponent(id)}`),
  dryRun: (id: string, mapping: ColumnMapping, duplicatePolicy: DuplicatePolicy) => post<DryRunReport>(`/api/imports/${encodeURIComponent(id)}/dry-run`, { mapping, duplicatePolicy }),
  start: (id: string, mapping: ColumnMapping, duplicatePolicy: DuplicatePolicy) => post<ImportBatch>(`/api/imports/${encodeURIComponent(id)}/start`, { mapping, duplicatePolicy }),
  failuresUrl: (id: string) => `/api/imports/${encodeURIComponent(id)}/failures.csv`,
};

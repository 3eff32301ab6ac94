import { DEFAULT_UNZIP_LIMITS } from './unzipped-size.js';

/** limits and pace of imports and exports (README, *Import and export*) */
export interface ImportExportOptions {
  /** most data rows in one import file */
  readonly importMaxRows: number;
  /** most bytes an XLSX file may unpack to (a ZIP bomb is refused before it is inflated whole) */
  readonly importXlsxMaxUnpackedBytes: number;
  /** most bytes an XLSX entry past 1 MiB may unpack to per packed byte */
  readonly importXlsxMaxUnpackRatio: number;
  /** rows written per transaction; the batch's cursor moves once per chunk */
  readonly importChunkRows: number;
  /** how often a node looks for queued batches (and batches whose node stopped) */
  readonly importPollMs: number;
  /** how long a node holds a batch without renewing (renewed with every chunk) */
  readonly importLeaseMs: number;
  /**
   * attempts at a chunk that fails for a reason other than the database being unreachable
   * (a bug, a row the database rejects as a whole) before the batch is marked failed; the
   * attempts back off from `importPollMs`, doubling; an unreachable database is waited out
   */
  readonly importMaxAttempts: number;
  /** most rows in one export: more is a 400 saying so */
  readonly exportMaxRows: number;
}

export const DEFAULT_IMPORT_EXPORT_OPTIONS: ImportExportOptions = {
  importMaxRows: 500_000,
  importXlsxMaxUnpackedBytes: DEFAULT_UNZIP_LIMITS.maxBytes,
  importXlsxMaxUnpackRatio: DEFAULT_UNZIP_LIMITS.maxRatio,
  importChunkRows: 500,
  importPollMs: 2_000,
  importLeaseMs: 60_000,
  importMaxAttempts: 5,
  exportMaxRows: 100_000,
};

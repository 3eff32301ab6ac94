import type { Response } from 'express';
import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import writeXlsxFile from 'write-excel-file/node';
import { z } from 'zod';
import type { RecordViewer } from '../access/record-viewer.js';
import { CrmInvalidRequestError } from '../shared/crm-errors.js';
import { readRowsAfter, type ListedQuery } from '../shared/list-query.js';
import { parseInput } from '../shared/validation.js';
import { lookUpRecords, userNames } from '../timeline/record-lookup.js';
import { csvLine } from './csv-lines.js';
import type { ExportNames, ExportShape } from './export-columns.js';

/** rows read per call of the list */
const EXPORT_PAGE = 1_000;

const formatQuery = z.enum(['csv', 'xlsx'], { message: 'expected one of csv, xlsx' }).default('csv');

/** one list as an export: its query schema, its own rows (the same filters, sort and visibility) and its columns */
export interface ExportableList<Q extends { sort?: string | undefined }, E extends ObjectLiteral> {
  readonly name: string;
  readonly schema: z.ZodType<Q>;
  readonly listed: (query: Q, viewer: RecordViewer) => ListedQuery<E>;
  readonly shape: ExportShape<E>;
}

/**
 * Answers `GET /api/<list>/export?format=csv|xlsx&<the list's filters and sort>` with every row
 * the list would page through for the caller: counted once, then read `pageSize` rows at a time
 * after the last one read (keyset), so that rows written meanwhile neither shift nor double a row
 * (one sorting after the last row read is included, one before it is not). Each page is its own
 * statement: no transaction or connection is held while a slow client reads (a held one would let
 * a few slow downloads take the pool, and on PGlite its only session). More than `maxRows` rows is
 * a 400 before anything is sent. CSV streams; XLSX is assembled, then sent.
 */
export async function sendExport<Q extends { sort?: string | undefined }, E extends ObjectLiteral>(
  res: Response, dataSource: DataSource, list: ExportableList<Q, E>, rawQuery: unknown, viewer: RecordViewer, maxRows: number, pageSize = EXPORT_PAGE,
): Promise<void> {
  const { format: rawFormat, page: _page, pageSize: _pageSize, ...filters } = (rawQuery ?? {}) as Record<string, unknown>;
  const format = parseInput(z.object({ format: formatQuery }), { format: rawFormat }, 'query').format;
  const query = parseInput(list.schema, filters, 'query');
  const manager = dataSource.manager;
  const total = await list.listed(query, viewer).qb.getCount();
  if (total > maxRows) {
    throw new CrmInvalidRequestError(`Too many rows to export: the list has ${total}, at most ${maxRows} are exported at once; narrow it with filters (e.g. createdFrom, ownerId)`);
  }
  const rows = pages(manager, list, query, viewer, pageSize);
  const headers = list.shape.columns.map((c) => c.header);
  const fileName = `${list.name}-${new Date().toISOString().slice(0, 10)}.${format}`;
  res.setHeader('content-disposition', `attachment; filename="${fileName}"`);
  res.setHeader('x-export-rows', String(total));
  if (format === 'csv') return streamCsv(res, headers, rows);
  const sheet: (string | number | boolean | null)[][] = [headers];
  for await (const page of rows) sheet.push(...page);
  const buffer = await writeXlsxFile(sheet.map((row) => row.map((value) => (value === null ? null : { value }))) as never).toBuffer();
  res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.end(buffer);
}

async function streamCsv(res: Response, headers: string[], rows: AsyncIterable<(string | number | boolean | null)[][]>): Promise<void> {
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  // a BOM, so that spreadsheets read the file as UTF-8
  res.write(`\uFEFF${csvLine(headers)}`);
  try {
    for await (const page of rows) {
      if (!res.write(page.map(csvLine).join(''))) await new Promise((resolve) => res.once('drain', resolve));
    }
  } catch (error) {
    // the headers are sent: cut the response off, so that the client sees a broken download, not a short file that looks whole
    res.destroy(error as Error);
    return;
  }
  res.end();
}

/** the list's rows, a page at a time, as rows of cell values with names for the ids they hold */
async function* pages<Q extends { sort?: string | undefined }, E extends ObjectLiteral>(manager: EntityManager, list: ExportableList<Q, E>, query: Q, viewer: RecordViewer, pageSize: number) {
  let last: E | null = null;
  for (;;) {
    const items: E[] = await readRowsAfter(list.listed(query, viewer), query.sort, last, pageSize);
    if (items.length === 0) return;
    const names = await namesFor(manager, list.shape, items, viewer);
    yield items.map((item) => list.shape.columns.map((c) => c.value(item, names)));
    if (items.length < pageSize) return;
    // a page must move on: the same last row again would loop for ever
    if (last !== null && items.at(-1)!['id'] === last['id']) throw new Error(`Expected the export of ${list.name} to move past row ${String(last['id'])}, but a page ended with it again`);
    last = items.at(-1)!;
  }
}

async function namesFor<E>(manager: EntityManager, shape: ExportShape<E>, items: readonly E[], viewer: RecordViewer): Promise<ExportNames> {
  const [users, records] = await Promise.all([
    userNames(manager, items.flatMap(shape.needs.users)),
    lookUpRecords(manager, items.flatMap(shape.needs.records), viewer),
  ]);
  return {
    user: (id) => (id ? (users.get(id) ?? null) : null),
    record: (id) => (id ? (records.get(id)?.title ?? null) : null),
  };
}

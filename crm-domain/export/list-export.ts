import type { Response } from 'express';
import type { EntityManager } from 'typeorm';
import writeXlsxFile from 'write-excel-file/node';
import { z } from 'zod';
import type { RecordViewer } from '../access/record-viewer.js';
import { CrmInvalidRequestError } from '../shared/crm-errors.js';
import type { PageResult } from '../shared/list-query.js';
import { parseInput } from '../shared/validation.js';
import { lookUpRecords, userNames } from '../timeline/record-lookup.js';
import { csvLine } from './csv-lines.js';
import type { ExportNames, ExportShape } from './export-columns.js';

/** rows read per call of the list */
const EXPORT_PAGE = 1_000;

const formatQuery = z.enum(['csv', 'xlsx'], { message: 'expected one of csv, xlsx' }).default('csv');

/** one list as an export: its query schema, its own list call (the same filters, sort and visibility) and its columns */
export interface ExportableList<Q, E> {
  readonly name: string;
  readonly schema: z.ZodType<Q>;
  readonly list: (query: Q & { page: number; pageSize: number }, viewer: RecordViewer) => Promise<PageResult<E>>;
  readonly shape: ExportShape<E>;
}

/**
 * Answers `GET /api/<list>/export?format=csv|xlsx&<the list's filters and sort>` with every row
 * the list would page through for the caller, by calling the list itself page after page; more
 * than `maxRows` rows is a 400 before anything is sent. CSV streams; XLSX is assembled, then sent.
 */
export async function sendExport<Q, E>(res: Response, manager: EntityManager, list: ExportableList<Q, E>, rawQuery: unknown, viewer: RecordViewer, maxRows: number): Promise<void> {
  const { format: rawFormat, page: _page, pageSize: _pageSize, ...filters } = (rawQuery ?? {}) as Record<string, unknown>;
  const format = parseInput(z.object({ format: formatQuery }), { format: rawFormat }, 'query').format;
  const query = parseInput(list.schema, filters, 'query');
  const read = (page: number) => list.list({ ...query, page, pageSize: EXPORT_PAGE }, viewer);
  const first = await read(1);
  if (first.total > maxRows) {
    throw new CrmInvalidRequestError(`Too many rows to export: the list has ${first.total}, at most ${maxRows} are exported at once; narrow it with filters (e.g. createdFrom, ownerId)`);
  }
  const headers = list.shape.columns.map((c) => c.header);
  const fileName = `${list.name}-${new Date().toISOString().slice(0, 10)}.${format}`;
  res.setHeader('content-disposition', `attachment; filename="${fileName}"`);
  res.setHeader('x-export-rows', String(first.total));
  if (format === 'csv') {
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    // a BOM, so that spreadsheets read the file as UTF-8
    res.write(`\uFEFF${csvLine(headers)}`);
    try {
      for await (const rows of pages(first, read, manager, list, viewer)) {
        if (!res.write(rows.map(csvLine).join(''))) await new Promise((resolve) => res.once('drain', resolve));
      }
    } catch (error) {
      // the headers are sent: cut the response off, so that the client sees a broken download, not a short file that looks whole
      res.destroy(error as Error);
      return;
    }
    res.end();
    return;
  }
  const sheet: (string | number | boolean | null)[][] = [headers];
  for await (const rows of pages(first, read, manager, list, viewer)) sheet.push(...rows);
  const buffer = await writeXlsxFile(sheet.map((row) => row.map((value) => (value === null ? null : { value }))) as never).toBuffer();
  res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.end(buffer);
}

/** the list's pages as rows of cell values, with names for the ids they hold */
async function* pages<Q, E>(first: PageResult<E>, read: (page: number) => Promise<PageResult<E>>, manager: EntityManager, list: ExportableList<Q, E>, viewer: RecordViewer) {
  let current = first;
  for (let page = 1; current.items.length > 0; page += 1) {
    const names = await namesFor(manager, list.shape, current.items, viewer);
    yield current.items.map((item) => list.shape.columns.map((c) => c.value(item, names)));
    if (current.items.length < EXPORT_PAGE) return;
    current = await read(page + 1);
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

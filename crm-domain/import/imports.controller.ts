import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { TakesBody } from '../../engine/nest/http/body-types.js';
import { Viewer, type RecordViewer } from '../access/record-viewer.js';
import { CrmRequires } from '../auth/permissions.js';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { RecordIdPipe } from '../shared/record-id.pipe.js';
import { parseInput } from '../shared/validation.js';
import { csvLine } from '../export/csv-lines.js';
import { ImportsService } from './imports.service.js';

const uploadQuery = z.strictObject({ fileName: z.string().trim().min(1).max(200).default('import.csv') });

/**
 * Import of companies with their first contact: `POST /api/imports` takes the file as the body,
 * then the batch's mapping is tried (`dry-run`) and started; progress and failures are read back.
 * Directors and admins import (`crm.import`); a batch is its importer's.
 */
@CrmRequires('crm.import')
@CrmController('imports', 'CRM import and export')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @TakesBody('csv', 'xlsx')
  @Post()
  async upload(@Req() req: Request, @Query() query: unknown, @Viewer() viewer: RecordViewer) {
    const { fileName } = parseInput(uploadQuery, query, 'query');
    return this.imports.upload(viewer, fileName, await readBody(req));
  }

  @Get()
  list(@Viewer() viewer: RecordViewer) {
    return this.imports.list(viewer);
  }

  @Get(':id')
  get(@Param('id', RecordIdPipe) id: string, @Viewer() viewer: RecordViewer) {
    return this.imports.get(id, viewer);
  }

  @Post(':id/dry-run')
  dryRun(@Param('id', RecordIdPipe) id: string, @Body() body: unknown, @Viewer() viewer: RecordViewer) {
    return this.imports.dryRun(id, viewer, body);
  }

  @Post(':id/start')
  start(@Param('id', RecordIdPipe) id: string, @Body() body: unknown, @Viewer() viewer: RecordViewer) {
    return this.imports.start(id, viewer, body);
  }

  /** the rows that failed or were skipped as duplicates: their number, why, and their cells as uploaded */
  @Get(':id/failures.csv')
  async failures(@Param('id', RecordIdPipe) id: string, @Viewer() viewer: RecordViewer, @Res() res: Response): Promise<void> {
    const lines = this.imports.problemRows(id, viewer);
    // the first line (the header) is read before answering, so an unknown batch is still a 404
    const first = await lines.next();
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="import-${id}-failures.csv"`);
    res.write('\uFEFF');
    if (!first.done) res.write(csvLine(first.value));
    for await (const line of lines) if (!res.write(csvLine(line))) await new Promise((resolve) => res.once('drain', resolve));
    res.end();
  }
}

/** the upload, as it streams in (body-limits.ts has already refused one over IMPORT_MAX_BYTES) */
async function readBody(req: Request): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

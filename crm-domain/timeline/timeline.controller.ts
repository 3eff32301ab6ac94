import { Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { Viewer, type RecordViewer } from '../access/record-viewer.js';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { RecordIdPipe } from '../shared/record-id.pipe.js';
import { RECORD_PATHS, type RecordType } from '../shared/record-types.js';
import { parseInput } from '../shared/validation.js';
import { TimelineService } from './timeline.service.js';
import { CrmRequires } from '../auth/permissions.js';
import { ownEntry } from '../../engine/core/shared/own-entry.js';
import { CrmInvalidRequestError, CrmNotFoundError } from '../shared/crm-errors.js';

const timelineQuery = z.strictObject({
  limit: z.coerce.number({ message: 'expected a number' }).int().min(1, { message: 'expected 1 or more' }).max(1000, { message: 'expected at most 1000' }).default(200),
  /** `360`: one page, newest first (`before`: the `next` of the previous page); a company's with its contacts', deals', leads' and complaints' */
  scope: z.enum(['record', '360'], { message: 'expected record or 360' }).default('record'),
  before: z.string().max(200).optional(),
});

/** `/api/{companies|contacts|leads|deals|complaints}/{id}/timeline` and `/processes` */
@CrmRequires('crm.records.read')
@CrmController('', 'CRM timelines')
export class TimelineController {
  constructor(private readonly timelines: TimelineService) {}

  @Get(':records/:id/timeline')
  timeline(@Param('records') records: string, @Param('id', RecordIdPipe) id: string, @Query() query: unknown, @Viewer() viewer: RecordViewer) {
    const { limit, scope, before } = parseInput(timelineQuery, query, 'query');
    if (scope === '360') return this.timelines.page(recordType(records), id, before ?? null, Math.min(limit, 200), viewer);
    if (before !== undefined) throw new CrmInvalidRequestError("Invalid query parameter 'before': only with scope=360");
    return this.timelines.timeline(recordType(records), id, limit, viewer);
  }

  @Get(':records/:id/processes')
  processes(@Param('records') records: string, @Param('id', RecordIdPipe) id: string, @Viewer() viewer: RecordViewer) {
    return this.timelines.processesOf(recordType(records), id, viewer);
  }
}

function recordType(path: string): RecordType {
  const type = ownEntry(RECORD_PATHS, path);
  if (!type) throw new CrmNotFoundError(`No timeline for '${path}': expected one of ${Object.keys(RECORD_PATHS).join(', ')}`);
  return type;
}

import { Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { Viewer, type RecordViewer } from '../access/record-viewer.js';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { CrmDatabase } from '../shared/crm-database.js';
import { parseInput } from '../shared/validation.js';
import { lookUpRecords } from './record-lookup.js';
import { CrmRequires } from '../auth/permissions.js';

const MAX_IDS = 200;

const recordsQuery = z.strictObject({
  ids: z
    .string({ message: 'expected record ids separated by commas' })
    .transform((text) => text.split(',').map((id) => id.trim()).filter(Boolean))
    .refine((ids) => ids.length <= MAX_IDS, { message: `expected at most ${MAX_IDS} ids` }),
});

/** `GET /api/records?ids=a,b`: what records business keys name (type and title), for lists of tasks and instances; records the caller does not see are left out */
@CrmRequires('crm.records.read')
@CrmController('records', 'CRM records')
export class RecordsController {
  constructor(private readonly db: CrmDatabase) {}

  @Get()
  async lookUp(@Query() query: unknown, @Viewer() viewer: RecordViewer) {
    const { ids } = parseInput(recordsQuery, query, 'query');
    const found = await lookUpRecords(this.db.dataSource.manager, ids, viewer);
    return ids.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
  }
}

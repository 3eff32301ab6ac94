import { Body, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CrmRequires } from '../auth/permissions.js';
import { Viewer, type RecordViewer } from '../access/record-viewer.js';
import { Actor } from '../shared/actor.decorator.js';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { RecordIdPipe } from '../shared/record-id.pipe.js';
import { parseInput } from '../shared/validation.js';
import { duplicateQuery, mergeBody } from './duplicate-schemas.js';
import { DuplicatesService } from './duplicates.service.js';
import { MergeService } from './merge.service.js';

@CrmRequires('crm.records.read')
@CrmController('', 'CRM duplicates')
export class DuplicatesController {
  constructor(
    private readonly duplicates: DuplicatesService,
    private readonly merges: MergeService,
  ) {}

  /** likely duplicates of a record about to be created, each with the rules it matched */
  @Get('duplicates')
  find(@Query() query: unknown, @Viewer() viewer: RecordViewer) {
    return this.duplicates.find(parseInput(duplicateQuery, query, 'query'), viewer);
  }

  @CrmRequires('crm.records.write')
  @Post('companies/:id/merge')
  @HttpCode(200)
  mergeCompany(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown, @Viewer() viewer: RecordViewer) {
    return this.merges.merge(actor, 'company', id, parseInput(mergeBody, body), viewer);
  }

  @CrmRequires('crm.records.write')
  @Post('contacts/:id/merge')
  @HttpCode(200)
  mergeContact(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown, @Viewer() viewer: RecordViewer) {
    return this.merges.merge(actor, 'contact', id, parseInput(mergeBody, body), viewer);
  }

  @CrmRequires('crm.records.write')
  @Post('leads/:id/merge')
  @HttpCode(200)
  mergeLead(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown, @Viewer() viewer: RecordViewer) {
    return this.merges.merge(actor, 'lead', id, parseInput(mergeBody, body), viewer);
  }
}

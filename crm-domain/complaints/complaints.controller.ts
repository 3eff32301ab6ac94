import { Body, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { Viewer, type RecordViewer } from '../access/record-viewer.js';
import { Actor } from '../shared/actor.decorator.js';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { RecordIdPipe } from '../shared/record-id.pipe.js';
import { parseInput } from '../shared/validation.js';
import { complaintListQuery, createComplaintBody, customerReplyBody, resolveComplaintBody, updateComplaintBody } from './complaint-schemas.js';
import { ComplaintsService } from './complaints.service.js';
import { CrmRequires } from '../auth/permissions.js';

@CrmRequires('crm.records.read')
@CrmController('complaints', 'CRM complaints')
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  @Get()
  list(@Query() query: unknown, @Viewer() viewer: RecordViewer) {
    return this.complaints.list(parseInput(complaintListQuery, query, 'query'), viewer);
  }

  @Get(':id')
  get(@Param('id', RecordIdPipe) id: string, @Viewer() viewer: RecordViewer) {
    return this.complaints.get(id, viewer);
  }

  /** registers the complaint with its SLA; complaint-sla starts */
  @CrmRequires('crm.records.write')
  @Post()
  register(@Actor() actor: string, @Body() body: unknown, @Viewer() viewer: RecordViewer) {
    return this.complaints.register(actor, parseInput(createComplaintBody, body), viewer);
  }

  @CrmRequires('crm.records.write')
  @Patch(':id')
  update(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown, @Viewer() viewer: RecordViewer) {
    return this.complaints.update(actor, id, parseInput(updateComplaintBody, body), viewer);
  }

  @CrmRequires('crm.records.write')
  @Post(':id/resolve')
  resolve(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown, @Viewer() viewer: RecordViewer) {
    return this.complaints.resolve(actor, id, parseInput(resolveComplaintBody, body).resolution, viewer);
  }

  @CrmRequires('crm.records.write')
  @Post(':id/replies')
  reply(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown, @Viewer() viewer: RecordViewer) {
    return this.complaints.customerReplied(actor, id, parseInput(customerReplyBody, body).message, viewer);
  }

  @CrmRequires('crm.records.write')
  @Delete(':id')
  archive(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Viewer() viewer: RecordViewer) {
    return this.complaints.archive(actor, id, viewer);
  }
}

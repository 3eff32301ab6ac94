import { Body, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { Viewer, type RecordViewer } from '../access/record-viewer.js';
import { Actor } from '../shared/actor.decorator.js';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { RecordIdPipe } from '../shared/record-id.pipe.js';
import { parseInput } from '../shared/validation.js';
import { LeadConversionService } from './lead-conversion.service.js';
import { convertLeadBody, createLeadBody, disqualifyLeadBody, leadListQuery, updateLeadBody } from './lead-schemas.js';
import { LeadsService } from './leads.service.js';
import { CrmRequires } from '../auth/permissions.js';
import { DuplicatesService } from '../duplicates/duplicates.service.js';

@CrmRequires('crm.records.read')
@CrmController('leads', 'CRM leads')
export class LeadsController {
  constructor(
    private readonly leads: LeadsService,
    private readonly conversion: LeadConversionService,
    private readonly duplicates: DuplicatesService,
  ) {}

  @Get()
  list(@Query() query: unknown, @Viewer() viewer: RecordViewer) {
    return this.leads.list(parseInput(leadListQuery, query, 'query'), viewer);
  }

  @Get(':id')
  get(@Param('id', RecordIdPipe) id: string, @Viewer() viewer: RecordViewer) {
    return this.leads.get(id, viewer);
  }

  /** a new lead starts lead-routing (assignment by deal size, then qualification) */
  @CrmRequires('crm.records.write')
  @Post()
  async create(@Actor() actor: string, @Body() body: unknown, @Query() query: unknown, @Viewer() viewer: RecordViewer) {
    const input = parseInput(createLeadBody, body);
    await this.duplicates.refuseLikely({ type: 'lead', name: input.personName, email: input.email, phones: [input.phone], companyName: input.companyName }, viewer, query);
    return this.leads.create(actor, input, viewer);
  }

  @CrmRequires('crm.records.write')
  @Patch(':id')
  update(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown, @Viewer() viewer: RecordViewer) {
    return this.leads.update(actor, id, parseInput(updateLeadBody, body), viewer);
  }

  /** company + contact + deal from the lead (409 CRM_LIKELY_DUPLICATE as a create); its routing process hears `LeadConverted` */
  @CrmRequires('crm.records.write')
  @Post(':id/convert')
  convert(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown, @Query() query: unknown, @Viewer() viewer: RecordViewer) {
    return this.conversion.convert(actor, id, parseInput(convertLeadBody, body), viewer, query);
  }

  @CrmRequires('crm.records.write')
  @Post(':id/disqualify')
  disqualify(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown, @Viewer() viewer: RecordViewer) {
    return this.leads.disqualify(actor, id, parseInput(disqualifyLeadBody, body).reason, viewer);
  }

  @CrmRequires('crm.records.write')
  @Delete(':id')
  archive(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Viewer() viewer: RecordViewer) {
    return this.leads.archive(actor, id, viewer);
  }
}

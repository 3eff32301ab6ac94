import { Body, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { Viewer, type RecordViewer } from '../access/record-viewer.js';
import { Actor } from '../shared/actor.decorator.js';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { RecordIdPipe } from '../shared/record-id.pipe.js';
import { parseInput } from '../shared/validation.js';
import { ActivitiesService } from './activities.service.js';
import { withOverdue } from './activity.entity.js';
import { activityListQuery, createActivityBody, updateActivityBody } from './activity-schemas.js';
import { CrmRequires } from '../auth/permissions.js';

@CrmRequires('crm.records.read')
@CrmController('activities', 'CRM activities')
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Get()
  async list(@Query() query: unknown, @Viewer() viewer: RecordViewer) {
    const page = await this.activities.list(parseInput(activityListQuery, query, 'query'), viewer);
    return { ...page, items: page.items.map(withOverdue) };
  }

  @Get(':id')
  get(@Param('id', RecordIdPipe) id: string, @Viewer() viewer: RecordViewer) {
    return this.activities.get(id, viewer).then(withOverdue);
  }

  @CrmRequires('crm.records.write')
  @Post()
  create(@Actor() actor: string, @Body() body: unknown, @Viewer() viewer: RecordViewer) {
    return this.activities.create(actor, parseInput(createActivityBody, body), viewer).then(withOverdue);
  }

  @CrmRequires('crm.records.write')
  @Patch(':id')
  update(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown, @Viewer() viewer: RecordViewer) {
    return this.activities.update(actor, id, parseInput(updateActivityBody, body), viewer).then(withOverdue);
  }

  @CrmRequires('crm.records.write')
  @Delete(':id')
  async remove(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Viewer() viewer: RecordViewer) {
    await this.activities.remove(actor, id, viewer);
    return { deleted: id };
  }
}

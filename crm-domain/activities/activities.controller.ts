import { Body, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { Actor } from '../shared/actor.decorator.js';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { RecordIdPipe } from '../shared/record-id.pipe.js';
import { parseInput } from '../shared/validation.js';
import { ActivitiesService } from './activities.service.js';
import { activityListQuery, createActivityBody, updateActivityBody } from './activity-schemas.js';
import { CrmRequires } from '../auth/permissions.js';

@CrmRequires('crm.records.read')
@CrmController('activities', 'CRM activities')
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Get()
  list(@Query() query: unknown) {
    return this.activities.list(parseInput(activityListQuery, query, 'query'));
  }

  @Get(':id')
  get(@Param('id', RecordIdPipe) id: string) {
    return this.activities.get(id);
  }

  @CrmRequires('crm.records.write')
  @Post()
  create(@Actor() actor: string, @Body() body: unknown) {
    return this.activities.create(actor, parseInput(createActivityBody, body));
  }

  @CrmRequires('crm.records.write')
  @Patch(':id')
  update(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown) {
    return this.activities.update(actor, id, parseInput(updateActivityBody, body));
  }

  @CrmRequires('crm.records.write')
  @Delete(':id')
  async remove(@Actor() actor: string, @Param('id', RecordIdPipe) id: string) {
    await this.activities.remove(actor, id);
    return { deleted: id };
  }
}

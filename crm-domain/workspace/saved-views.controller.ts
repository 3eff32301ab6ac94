import { Body, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CrmRequires } from '../auth/permissions.js';
import { Actor } from '../shared/actor.decorator.js';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { RecordIdPipe } from '../shared/record-id.pipe.js';
import { parseInput } from '../shared/validation.js';
import { savedViewListQuery, saveViewBody } from './saved-view-schemas.js';
import { SavedViewsService } from './saved-views.service.js';

/** `GET/POST/DELETE /api/saved-views`: the caller's own saved views of a list (`?list=companies`) */
@CrmRequires('crm.records.read')
@CrmController('saved-views', 'CRM saved views')
export class SavedViewsController {
  constructor(private readonly views: SavedViewsService) {}

  @Get()
  list(@Query() query: unknown, @Actor() actor: string) {
    return this.views.list(actor, parseInput(savedViewListQuery, query, 'query').list);
  }

  @Post()
  save(@Body() body: unknown, @Actor() actor: string) {
    return this.views.save(actor, parseInput(saveViewBody, body));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', RecordIdPipe) id: string, @Actor() actor: string) {
    await this.views.remove(actor, id);
  }
}

import { Body, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { Actor } from '../shared/actor.decorator.js';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { RecordIdPipe } from '../shared/record-id.pipe.js';
import { parseInput } from '../shared/validation.js';
import { TeamsService } from './teams.service.js';
import { createTeamBody, createUserBody, teamListQuery, updateTeamBody, updateUserBody, userListQuery } from './user-schemas.js';
import { UsersService } from './users.service.js';

@CrmController('users', 'CRM users and teams')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@Query() query: unknown) {
    return this.users.list(parseInput(userListQuery, query, 'query'));
  }

  @Get(':id')
  get(@Param('id', RecordIdPipe) id: string) {
    return this.users.get(id);
  }

  @Post()
  create(@Actor() actor: string, @Body() body: unknown) {
    return this.users.create(actor, parseInput(createUserBody, body));
  }

  @Patch(':id')
  update(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown) {
    return this.users.update(actor, id, parseInput(updateUserBody, body));
  }

  /** deactivates: users keep their history */
  @Delete(':id')
  deactivate(@Actor() actor: string, @Param('id', RecordIdPipe) id: string) {
    return this.users.deactivate(actor, id);
  }
}

@CrmController('teams', 'CRM users and teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  list(@Query() query: unknown) {
    return this.teams.list(parseInput(teamListQuery, query, 'query'));
  }

  @Get(':id')
  get(@Param('id', RecordIdPipe) id: string) {
    return this.teams.get(id);
  }

  @Post()
  create(@Actor() actor: string, @Body() body: unknown) {
    return this.teams.create(actor, parseInput(createTeamBody, body));
  }

  @Patch(':id')
  update(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown) {
    return this.teams.update(actor, id, parseInput(updateTeamBody, body));
  }

  @Delete(':id')
  async remove(@Actor() actor: string, @Param('id', RecordIdPipe) id: string) {
    await this.teams.remove(actor, id);
    return { deleted: id };
  }
}

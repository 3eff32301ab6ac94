import { Body, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { Actor } from '../shared/actor.decorator.js';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { RecordIdPipe } from '../shared/record-id.pipe.js';
import { parseInput } from '../shared/validation.js';
import { TeamsService } from './teams.service.js';
import { createTeamBody, createUserBody, teamListQuery, updateTeamBody, updateUserBody, userListQuery } from './user-schemas.js';
import { UsersService } from './users.service.js';
import { hashPassword } from '../auth/credentials/passwords.js';
import { Identities } from '../auth/identities.js';
import { PasswordLinks } from '../auth/password-links.js';
import { checkNewPassword } from '../auth/password-rules.js';
import { UserCredentialsStore } from '../auth/user-credentials.store.js';
import { CrmRequires } from '../auth/permissions.js';
import { Audited } from '../../engine/nest/access/index.js';
import { teamDetails, userChangeDetails, userCreateDetails } from '../audit/audit-details.js';

/** the directory (who is who, for assigning and naming) is for people; worker keys do not read it */
@CrmRequires('crm.directory')
@CrmController('users', 'CRM users and teams')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly credentials: UserCredentialsStore,
    private readonly identities: Identities,
    private readonly links: PasswordLinks,
  ) {}

  @Get()
  list(@Query() query: unknown) {
    return this.users.list(parseInput(userListQuery, query, 'query'));
  }

  @Get(':id')
  get(@Param('id', RecordIdPipe) id: string) {
    return this.users.get(id);
  }

  @CrmRequires('crm.users')
  @Audited('user.create', { target: 'user', details: userCreateDetails })
  /** with `password`, the user signs in with it; without, the answer carries a one-time invitation link to set one */
  @Post()
  async create(@Actor() actor: string, @Body() body: unknown) {
    const { password, ...input } = parseInput(createUserBody, body);
    if (password !== undefined) checkNewPassword(password, 'password');
    const user = await this.users.create(actor, input, password === undefined ? undefined : await hashPassword(password));
    if (password !== undefined) return user;
    return { ...user, invitation: await this.links.issue(user.id, 'invite', actor) };
  }

  @CrmRequires('crm.users')
  @Audited('user.update', { target: 'user', details: userChangeDetails })
  @Patch(':id')
  async update(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown) {
    const user = await this.users.update(actor, id, parseInput(updateUserBody, body));
    if (!user.active) await this.credentials.endAccessOf(id);
    this.identities.forgetUser(id);
    return user;
  }

  /** deactivates: users keep their history; their sessions and links end at once */
  @CrmRequires('crm.users')
  @Audited('user.deactivate', { target: 'user' })
  @Delete(':id')
  async deactivate(@Actor() actor: string, @Param('id', RecordIdPipe) id: string) {
    const user = await this.users.deactivate(actor, id);
    await this.credentials.endAccessOf(id);
    this.identities.forgetUser(id);
    return user;
  }
}

@CrmRequires('crm.directory')
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

  @CrmRequires('crm.users')
  @Audited('team.create', { target: 'team', details: teamDetails })
  @Post()
  create(@Actor() actor: string, @Body() body: unknown) {
    return this.teams.create(actor, parseInput(createTeamBody, body));
  }

  @CrmRequires('crm.users')
  @Audited('team.update', { target: 'team', details: teamDetails })
  @Patch(':id')
  update(@Actor() actor: string, @Param('id', RecordIdPipe) id: string, @Body() body: unknown) {
    return this.teams.update(actor, id, parseInput(updateTeamBody, body));
  }

  @CrmRequires('crm.users')
  @Audited('team.delete', { target: 'team' })
  @Delete(':id')
  async remove(@Actor() actor: string, @Param('id', RecordIdPipe) id: string) {
    await this.teams.remove(actor, id);
    return { deleted: id };
  }
}

import { Body, HttpCode, NotFoundException, Param, Post, Put, Req } from '@nestjs/common';
import { Audited, fieldsOf } from '../../engine/nest/access/index.js';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { RecordIdPipe } from '../shared/record-id.pipe.js';
import { parseInput } from '../shared/validation.js';
import { adminSetPasswordBody } from './credential-schemas.js';
import { Identities } from './identities.js';
import { checkNewPassword } from './password-rules.js';
import { CrmRequires } from './permissions.js';
import type { RequestWithUser } from './route-access.guard.js';
import { PasswordLinks } from './password-links.js';
import { UserCredentialsStore } from './user-credentials.store.js';
import { coded } from '../../engine/nest/http/coded-exception.js';

/** Admins set a user's password, or give them a one-time link to set it themselves. */
@CrmRequires('crm.users')
@CrmController('users', 'CRM users and teams')
export class UserCredentialsController {
  constructor(
    private readonly credentials: UserCredentialsStore,
    private readonly identities: Identities,
    private readonly links: PasswordLinks,
  ) {}

  /** sets the password; the user's sessions end */
  @Audited('user.password.set', { target: 'user' })
  @Put(':id/password')
  @HttpCode(204)
  async setPassword(@Param('id', RecordIdPipe) id: string, @Body() body: unknown) {
    const { newPassword } = parseInput(adminSetPasswordBody, body);
    checkNewPassword(newPassword);
    await this.activeUser(id);
    await this.credentials.setPassword(id, newPassword);
    this.identities.forgetUser(id);
  }

  /** a one-time link (shown once) with which the user sets a new password; earlier links stop working */
  @Audited('user.password-link', { target: 'user', details: fieldsOf('result', 'purpose') })
  @Post(':id/password-reset')
  async passwordReset(@Param('id', RecordIdPipe) id: string, @Req() request: RequestWithUser) {
    await this.activeUser(id);
    return this.links.issue(id, 'reset', request.user?.kind === 'user' ? request.user.id : null);
  }

  private async activeUser(id: string): Promise<void> {
    if (!(await this.credentials.byId(id))) throw new NotFoundException(coded(`There is no active user '${id}'`, 'AUTH_NOT_FOUND'));
  }
}

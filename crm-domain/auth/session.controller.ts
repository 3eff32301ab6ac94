import { Body, Delete, ForbiddenException, Get, HttpCode, Inject, NotFoundException, Post, Put, Req, Res, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Audited, Public, SignedIn } from '../../engine/nest/access/index.js';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { parseInput } from '../shared/validation.js';
import { CrmRequires } from './permissions.js';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options.js';
import { Authenticator, SignInBlockedException } from './authenticator.js';
import { changePasswordBody, passwordTokenBody, setPasswordWithTokenBody, signInBody } from './credential-schemas.js';
import { DemoAccounts } from './demo-accounts.js';
import { Identities } from './identities.js';
import { checkNewPassword } from './password-rules.js';
import type { RequestWithUser } from './route-access.guard.js';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from './session-cookie.js';
import { SessionStore } from './session-store.js';
import type { SignedInUser } from './signed-in-user.js';
import { UserCredentialsStore } from './user-credentials.store.js';
import { coded } from '../../engine/nest/http/coded-exception.js';

const LINK_INVALID = 'This link is no longer valid: ask an administrator for a new one';

/**
 * Sign-in of the web app: email and password open a session (an HttpOnly cookie); a user changes
 * their password, or sets one with the one-time link an admin gave them. API clients do not sign
 * in: they send HTTP Basic or an API key with every request.
 */
@CrmController('session', 'Sign-in')
export class SessionController {
  constructor(
    private readonly sessions: SessionStore,
    private readonly identities: Identities,
    private readonly authenticator: Authenticator,
    private readonly credentials: UserCredentialsStore,
    private readonly demo: DemoAccounts,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  @Public()
  @Audited('session.sign-in', { target: 'user', signsIn: true })
  @Post()
  @HttpCode(200)
  async signIn(@Body() body: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const { email, password } = parseInput(signInBody, body);
    let user: SignedInUser;
    try {
      user = await this.authenticator.verifyPassword(email, password, request.ip ?? 'unknown');
    } catch (error) {
      if (error instanceof SignInBlockedException) response.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
    await this.startSession(request, response, user);
    return user;
  }

  /** who is signed in: 200 with the user, 204 when nobody is (the login page asks without a session) */
  @Public()
  @Get()
  current(@Req() request: RequestWithUser, @Res() response: Response): void {
    if (request.user) response.json(request.user);
    else response.status(204).end();
  }

  @Public()
  @Audited('session.sign-out', { target: 'user', targetId: (call) => call.actorId })
  @Delete()
  @HttpCode(204)
  async signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const token = sessionTokenOf(request);
    if (token) await this.endSession(token);
    clearSessionCookie(request, response);
  }

  /** the active users, by name: the people tasks can be given to */
  @CrmRequires('crm.directory')
  @Get('users')
  users() {
    return this.sessions.activeUsers();
  }

  /** demo mode: the demo users and their password, for the login page; 204 when there are none (the login page asks every time) */
  @Public()
  @Get('demo')
  async demoAccounts(@Res() response: Response): Promise<void> {
    const accounts = await this.demo.accounts();
    if (accounts) response.json(accounts);
    else response.status(204).end();
  }

  /** the signed-in user changes their password; every session ends, this browser gets a new one */
  @SignedIn()
  @Audited('session.password.change', { target: 'user', targetId: (call) => call.actorId })
  @Put('password')
  @HttpCode(204)
  async changePassword(@Body() body: unknown, @Req() request: RequestWithUser, @Res({ passthrough: true }) response: Response) {
    const { currentPassword, newPassword } = parseInput(changePasswordBody, body);
    const user = request.user!;
    if (user.kind !== 'user' || user.viaApiKey) throw new ForbiddenException(coded('Only a user signed in with their own password may change it', 'AUTH_PASSWORD_REFUSED'));
    checkNewPassword(newPassword);
    try {
      await this.authenticator.verifyPassword(user.id, currentPassword, request.ip ?? 'unknown');
    } catch (error) {
      if (error instanceof UnauthorizedException) throw new ForbiddenException(coded(`'currentPassword' is not your current password`, 'AUTH_PASSWORD_REFUSED'));
      throw error;
    }
    await this.credentials.setPassword(user.id, newPassword);
    this.identities.forgetUser(user.id);
    if (sessionTokenOf(request)) await this.startSession(request, response, user);
  }

  /** whose one-time link this is (the page that sets the password greets them); 404 when used up or expired */
  @Public()
  @Post('password-token')
  @HttpCode(200)
  async tokenOwner(@Body() body: unknown) {
    const { token } = parseInput(passwordTokenBody, body);
    const user = await this.credentials.userOfToken(token);
    if (!user) throw new NotFoundException(coded(LINK_INVALID, 'AUTH_LINK_INVALID'));
    return { name: user.name, email: user.email };
  }

  /** sets the password with a one-time link (invitation or reset) and signs in */
  @Public()
  @Audited('session.password.set-with-link', { target: 'user', signsIn: true })
  @Post('password')
  @HttpCode(200)
  async setPasswordWithToken(@Body() body: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const { token, newPassword } = parseInput(setPasswordWithTokenBody, body);
    checkNewPassword(newPassword);
    const user = await this.credentials.userOfToken(token);
    if (!user) throw new NotFoundException(coded(LINK_INVALID, 'AUTH_LINK_INVALID'));
    await this.credentials.setPassword(user.id, newPassword);
    this.identities.forgetUser(user.id);
    await this.startSession(request, response, user);
    return user;
  }

  private async startSession(request: Request, response: Response, user: SignedInUser): Promise<void> {
    const previous = sessionTokenOf(request);
    if (previous) await this.endSession(previous);
    const { token, expiresAt } = await this.sessions.open(user.id, this.options.sessionTtlMs);
    setSessionCookie(request, response, token, expiresAt);
  }

  private async endSession(token: string): Promise<void> {
    await this.sessions.close(token);
    this.identities.forgetSession(token);
  }
}

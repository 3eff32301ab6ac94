import { Body, Delete, Get, HttpCode, Inject, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { parseInput } from '../shared/validation.js';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options.js';
import { Identities } from './identities.js';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from './session-cookie.js';
import { SessionStore } from './session-store.js';

const signInBody = z.strictObject({ userId: z.string({ message: 'expected a user id' }).min(1, { message: 'must not be empty' }).max(100) });

/**
 * The demo sign-in: pick an active CRM user, get a session cookie. No passwords yet: full
 * authentication replaces this controller and the guard, and the pages keep calling the same paths.
 */
@CrmController('session', 'Sign-in')
export class SessionController {
  constructor(
    private readonly sessions: SessionStore,
    private readonly identities: Identities,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  /** who may sign in: every active user, with the parts of the app their role opens */
  @Get('users')
  users() {
    return this.sessions.activeUsers();
  }

  @Post()
  @HttpCode(200)
  async signIn(@Body() body: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const { userId } = parseInput(signInBody, body);
    const user = await this.sessions.activeUser(userId);
    if (!user) throw new UnauthorizedException(`There is no active user '${userId}' to sign in as`);
    const previous = sessionTokenOf(request);
    if (previous) await this.signOutToken(previous);
    const { token, expiresAt } = await this.sessions.open(user.id, this.options.sessionTtlMs);
    setSessionCookie(request, response, token, expiresAt);
    return user;
  }

  @Get()
  async current(@Req() request: Request) {
    const token = sessionTokenOf(request);
    const user = token ? await this.identities.ofSession(token) : null;
    if (!user) throw new UnauthorizedException('Not signed in');
    return user;
  }

  @Delete()
  @HttpCode(204)
  async signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const token = sessionTokenOf(request);
    if (token) await this.signOutToken(token);
    clearSessionCookie(request, response);
  }

  private async signOutToken(token: string): Promise<void> {
    await this.sessions.close(token);
    this.identities.forgetSession(token);
  }
}

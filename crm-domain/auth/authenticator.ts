import { HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { SignInAudit } from '../audit/sign-in-audit.js';
import { parseApiKeyToken, secretMatches } from './credentials/api-key-token.js';
import { ACTOR_HEADER, presentedCredentials } from './credentials/http-credentials.js';
import { verifyPassword } from './credentials/passwords.js';
import { Identities } from './identities.js';
import { sessionTokenOf } from './session-cookie.js';
import { ApiKeysStore } from './api-keys.store.js';
import { apiKeyPrincipal, type SignedInUser } from './signed-in-user.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { UserCredentialsStore } from './user-credentials.store.js';
import { coded } from '../../engine/nest/http/coded-exception.js';

/** 429 while an account or address must wait after failed sign-ins; says for how long */
export class SignInBlockedException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(coded(`Too many failed sign-ins: try again in ${retryAfterSeconds} s`, 'AUTH_SIGN_IN_BLOCKED'), HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** why a request's credentials were refused (401); `challenge`: it tried HTTP Basic or nothing */
export class AuthenticationFailed extends UnauthorizedException {
  constructor(message: string) {
    super(coded(message, 'AUTH_FAILED'));
  }
}

const WRONG_PASSWORD = 'Wrong email or password';

/**
 * Finds who a request acts for, from what it presents: `Authorization: Basic` with an email or user
 * id and the password (or an API key as the password), `Authorization: Bearer` or `X-API-Key` with
 * an API key, or the web app's session cookie. `X-User-Id` is taken only from an API key that may
 * act for users. Failed password checks count towards the sign-in back-off.
 */
@Injectable()
export class Authenticator {
  constructor(
    private readonly identities: Identities,
    private readonly credentials: UserCredentialsStore,
    private readonly apiKeys: ApiKeysStore,
    private readonly throttle: SignInThrottle,
    private readonly audit: SignInAudit,
  ) {}

  /** null: the request presents no credentials at all */
  async authenticate(request: Request): Promise<SignedInUser | null> {
    const presented = presentedCredentials(request);
    const actingFor = request.header(ACTOR_HEADER);
    if (presented?.kind === 'api-key') return this.byApiKey(presented.token, actingFor, request.ip ?? 'unknown');
    if (actingFor !== undefined) throw new AuthenticationFailed(`'${ACTOR_HEADER}' is only taken from an API key that may act for users`);
    if (presented?.kind === 'malformed') throw new AuthenticationFailed(presented.reason);
    if (presented?.kind === 'password') {
      return (await this.identities.recentlyVerified(presented.login, presented.password)) ?? this.verifyPassword(presented.login, presented.password, request.ip ?? 'unknown');
    }
    const token = sessionTokenOf(request);
    if (!token) return null;
    const user = await this.identities.ofSession(token);
    if (!user) throw new AuthenticationFailed('Your session has expired or was closed: sign in again');
    return user;
  }

  /** checks a password (sign-in, HTTP Basic) under the back-off; the user, or a 401 / 429 */
  async verifyPassword(login: string, password: string, address: string): Promise<SignedInUser> {
    const attempt = { login, address };
    const wait = await this.throttle.waitSeconds(attempt);
    if (wait > 0) {
      await this.audit.failed({ method: 'password', login, address, accountId: null }, 'blocked');
      throw new SignInBlockedException(wait);
    }
    const found = await this.credentials.byLogin(login);
    if (!(await verifyPassword(found?.passwordHash ?? null, password)) || !found) {
      await this.throttle.failed(attempt);
      await this.audit.failed({ method: 'password', login, address, accountId: found?.user.id ?? null }, found ? 'wrong-password' : 'unknown-account');
      throw new AuthenticationFailed(WRONG_PASSWORD);
    }
    await this.throttle.succeeded(attempt);
    this.identities.rememberVerified(login, password, found);
    return found.user;
  }

  private async byApiKey(token: string, actingFor: string | undefined, address: string): Promise<SignedInUser> {
    const parsed = parseApiKeyToken(token);
    const key = parsed ? await this.identities.apiKey(parsed.id) : null;
    if (!parsed || !key || !key.valid || !secretMatches(parsed.secret, key.secretHash)) {
      if (parsed) await this.audit.failed({ method: 'api-key', login: parsed.id, address, accountId: key?.id ?? null }, key ? 'wrong-key' : 'unknown-key');
      throw new AuthenticationFailed('Unknown, revoked or expired API key');
    }
    void this.apiKeys.touch(key.id).catch(() => undefined);
    if (actingFor === undefined) return apiKeyPrincipal(key);
    if (!key.actForUsers) throw new AuthenticationFailed(`API key ${key.name} may not act for users ('${ACTOR_HEADER}')`);
    const user = await this.identities.ofUserId(actingFor);
    if (!user) throw new AuthenticationFailed(`Unknown or inactive user '${actingFor.slice(0, 100)}' in the ${ACTOR_HEADER} header`);
    return { ...user.user, viaApiKey: key.id, ...(key.topics ? { externalTaskTopics: key.topics } : {}) };
  }
}

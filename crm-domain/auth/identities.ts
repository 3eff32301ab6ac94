import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { ApiKeysStore, type ApiKeySecretRow } from './api-keys.store.js';
import { SessionStore } from './session-store.js';
import type { SignedInUser } from './signed-in-user.js';
import { UserCredentialsStore, type UserCredentials } from './user-credentials.store.js';

const TTL_MS = 5_000;
/** a verified password is trusted again without argon2 for this long, while the password stays the same */
const VERIFIED_PASSWORD_TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

class ShortMemory<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();

  constructor(private readonly ttlMs: number) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    const value = await load();
    this.set(key, value, now);
    return value;
  }

  peek(key: string): V | undefined {
    const hit = this.entries.get(key);
    return hit && hit.until > Date.now() ? hit.value : undefined;
  }

  set(key: string, value: V, now = Date.now()): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { value, until: now + this.ttlMs });
  }

  forget(matches: (key: string, value: V) => boolean): void {
    for (const [key, entry] of this.entries) if (matches(key, entry.value)) this.entries.delete(key);
  }
}

/**
 * Who a session token, a user id, an API key or a verified password belongs to, remembered for a
 * few seconds so that a busy client costs neither a query nor an argon2 hash per request. This
 * node forgets at once on sign-out, a password change or a deactivation; other nodes within 5 s.
 */
@Injectable()
export class Identities {
  private readonly sessions = new ShortMemory<SignedInUser | null>(TTL_MS);
  private readonly users = new ShortMemory<UserCredentials | null>(TTL_MS);
  private readonly apiKeys = new ShortMemory<ApiKeySecretRow | null>(TTL_MS);
  /** keyed by an HMAC of login and password under a secret of this process: never the password itself */
  private readonly verified = new ShortMemory<{ userId: string; stamp: string }>(VERIFIED_PASSWORD_TTL_MS);
  private readonly secret = randomBytes(32);

  constructor(
    private readonly sessionStore: SessionStore,
    private readonly credentials: UserCredentialsStore,
    private readonly apiKeyStore: ApiKeysStore,
  ) {}

  ofSession(token: string): Promise<SignedInUser | null> {
    return this.sessions.get(token, () => this.sessionStore.userOf(token));
  }

  /** the active user with this id, with their password's stamp */
  ofUserId(userId: string): Promise<UserCredentials | null> {
    return this.users.get(userId, () => this.credentials.byId(userId));
  }

  apiKey(id: string): Promise<ApiKeySecretRow | null> {
    return this.apiKeys.get(id, () => this.apiKeyStore.forAuthentication(id));
  }

  /** the user whose password was verified recently, if it has not changed since */
  async recentlyVerified(login: string, password: string): Promise<SignedInUser | null> {
    const hit = this.verified.peek(this.fingerprint(login, password));
    if (!hit) return null;
    const current = await this.ofUserId(hit.userId);
    return current && current.stamp === hit.stamp ? current.user : null;
  }

  rememberVerified(login: string, password: string, credentials: UserCredentials): void {
    this.verified.set(this.fingerprint(login, password), { userId: credentials.user.id, stamp: credentials.stamp });
  }

  forgetSession(token: string): void {
    this.sessions.forget((key) => key === token);
  }

  /** after a password change or deactivation */
  forgetUser(userId: string): void {
    this.users.forget((key) => key === userId);
    this.verified.forget((_, value) => value.userId === userId);
    this.sessions.forget((_, user) => user?.id === userId);
  }

  forgetApiKey(id: string): void {
    this.apiKeys.forget((key) => key === id);
  }

  private fingerprint(login: string, password: string): string {
    return createHmac('sha256', this.secret).update(login.toLowerCase()).update('\0').update(password).digest('base64url');
  }
}

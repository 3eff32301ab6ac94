import { Injectable } from '@nestjs/common';
import { SessionStore } from './session-store.js';
import type { SignedInUser } from './signed-in-user.js';

const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * Who a session token or a user id belongs to, remembered for a few seconds so that a busy client
 * does not cost a query per request. Sign-out forgets at once; a deactivation takes up to 5 s.
 */
@Injectable()
export class Identities {
  private readonly recent = new Map<string, { user: SignedInUser | null; until: number }>();

  constructor(private readonly sessions: SessionStore) {}

  ofSession(token: string): Promise<SignedInUser | null> {
    return this.remembered(`session:${token}`, () => this.sessions.userOf(token));
  }

  ofUserId(userId: string): Promise<SignedInUser | null> {
    return this.remembered(`user:${userId}`, () => this.sessions.activeUser(userId));
  }

  forgetSession(token: string): void {
    this.recent.delete(`session:${token}`);
  }

  private async remembered(key: string, load: () => Promise<SignedInUser | null>): Promise<SignedInUser | null> {
    const now = Date.now();
    const hit = this.recent.get(key);
    if (hit && hit.until > now) return hit.user;
    const user = await load();
    if (this.recent.size >= MAX_ENTRIES) this.recent.clear();
    this.recent.set(key, { user, until: now + TTL_MS });
    return user;
  }
}

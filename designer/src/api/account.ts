import type { SessionUser } from '../app/session';
import { ApiError, get, post } from './http';

/** Demo mode: the seeded demo users and their one password (`GET /api/session/demo`). */
export interface DemoAccounts {
  readonly demo: true;
  readonly password: string;
  readonly users: readonly SessionUser[];
}

/** the demo users, or null when the installation has none (204) */
export async function demoAccounts(): Promise<DemoAccounts | null> {
  return (await get<DemoAccounts | null>('/api/session/demo')) ?? null;
}

/** whose one-time link this is; a 404 ApiError when it is used up or expired */
export function passwordLinkOwner(token: string): Promise<{ name: string; email: string }> {
  return post<{ name: string; email: string }>('/api/session/password-token', { token });
}

/** the active users, by name: the people tasks can be given to (signed in only) */
export function activeUsers(): Promise<SessionUser[]> {
  return get<SessionUser[]>('/api/session/users');
}

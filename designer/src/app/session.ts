import { del, get, onUnauthorized, post } from '../api/http';

/** The parts of the app; the server says which ones a user's role opens. */
export type Area = 'designer' | 'tasklist' | 'cockpit';

/** The signed-in user, as `GET /api/session` describes them. */
export interface SessionUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  /** the CRM role: manager, head, director, analyst, ops or admin */
  readonly role: string;
  readonly level: string | null;
  readonly team: { readonly name: string; readonly kind: string } | null;
  /** candidate groups (role and team kind) */
  readonly groups: readonly string[];
  readonly areas: readonly Area[];
  /** heads, directors and admins see every open task and may reassign */
  readonly supervisor: boolean;
}

const ROLE_TITLES: Record<string, string> = { manager: 'Manager', head: 'Head of team', director: 'Director', analyst: 'Business analyst', ops: 'Operations', admin: 'Administrator' };

let signedIn: SessionUser | null = null;

/** "senior · Manager · Sales team" */
export function titleOf(user: SessionUser): string {
  return [user.level, ROLE_TITLES[user.role] ?? user.role, user.team?.name].filter(Boolean).join(' · ');
}

export function areasOf(user: SessionUser): readonly Area[] {
  return user.areas;
}

export function homeOf(user: SessionUser): string {
  return user.areas.length > 0 ? `/${user.areas[0]}` : '/login';
}

export function currentUser(): SessionUser | null {
  return signedIn;
}

/** asks the server who is signed in (the session cookie), once at start */
export async function loadSession(): Promise<SessionUser | null> {
  try {
    signedIn = await get<SessionUser>('/api/session');
  } catch {
    signedIn = null;
  }
  return signedIn;
}

export async function signIn(userId: string): Promise<SessionUser> {
  signedIn = await post<SessionUser>('/api/session', { userId });
  return signedIn;
}

export async function signOut(): Promise<void> {
  signedIn = null;
  await del<void>('/api/session').catch(() => undefined);
}

/** everyone who may sign in (active CRM users), also the people tasks can be given to */
export function signInChoices(): Promise<SessionUser[]> {
  return get<SessionUser[]>('/api/session/users');
}

/** a 401 from the server: the session expired or was closed; sign in again and come back */
export function whenSessionEnds(goToLogin: (next: string) => void): void {
  onUnauthorized(() => {
    if (!signedIn) return;
    signedIn = null;
    goToLogin(`${window.location.pathname}${window.location.search}`);
  });
}

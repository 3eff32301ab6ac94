import { del, get, onUnauthorized, post, put } from '../api/http';
import { roleTitle } from './roles';

/** The parts of the app; the server says which ones a user's role opens. */
export type Area = 'designer' | 'tasklist' | 'cockpit' | 'crm' | 'admin';

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

let signedIn: SessionUser | null = null;

/** "senior · Manager · Sales team" */
export function titleOf(user: SessionUser): string {
  return [user.level, roleTitle(user.role), user.team?.name].filter(Boolean).join(' · ');
}

export function homeOf(user: SessionUser): string {
  return user.areas.length > 0 ? `/${user.areas[0]}` : '/login';
}

/** only a path inside the app, in an area the user reaches, may be the way back after signing in */
export function safeNext(next: string | null, user: SessionUser): string {
  const area = next?.split(/[/?#]/)[1] ?? '';
  return next && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') && user.areas.some((a) => a === area) ? next : homeOf(user);
}

export function currentUser(): SessionUser | null {
  return signedIn;
}

/** asks the server who is signed in (the session cookie): 200 with the user, 204 when nobody is */
export async function loadSession(): Promise<SessionUser | null> {
  signedIn = await get<SessionUser | null>('/api/session').catch(() => null);
  return signedIn;
}

/** email and password open a session (an HttpOnly cookie); 401 wrong email or password, 429 wait */
export async function signIn(email: string, password: string): Promise<SessionUser> {
  signedIn = await post<SessionUser>('/api/session', { email, password });
  return signedIn;
}

/** sets the password with a one-time link (invitation or reset) and signs in as its owner */
export async function setPasswordWithLink(token: string, newPassword: string): Promise<SessionUser> {
  signedIn = await post<SessionUser>('/api/session/password', { token, newPassword });
  return signedIn;
}

/** every other session of the user ends; this browser gets a new one (403: wrong current password) */
export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return put<void>('/api/session/password', { currentPassword, newPassword });
}

export async function signOut(): Promise<void> {
  signedIn = null;
  await del<void>('/api/session').catch(() => undefined);
}

/**
 * The session ended elsewhere (signed out in another tab, password changed, user deactivated):
 * a 401 from the server, or the check when the tab comes back into view, sends the user to the
 * login, which brings them back afterwards. Signed in as someone else in another tab: the app
 * shows that user.
 */
export function whenSessionEnds(goToLogin: (next: string) => void, switchedUser: () => void): void {
  const ended = () => {
    if (!signedIn) return;
    signedIn = null;
    goToLogin(`${window.location.pathname}${window.location.search}`);
  };
  onUnauthorized(ended);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible' || !signedIn) return;
    const before = signedIn.id;
    void get<SessionUser | null>('/api/session')
      .then((now) => {
        if (!signedIn || signedIn.id !== before) return;
        if (!now) ended();
        else if (now.id !== before) {
          signedIn = now;
          switchedUser();
        }
      })
      .catch(() => undefined);
  });
}

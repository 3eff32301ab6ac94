import type { ApiKeyRole, UserRole } from '../app/roles';
import { del, get, patch, post, put, queryString } from './http';

/** Calls of the admin pages: CRM users, teams (`/api/users`, `/api/teams`) and API keys (`/api/api-keys`). */
export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export interface TeamRef {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
}

export interface CrmUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: UserRole;
  readonly level: string | null;
  readonly teamId: string | null;
  readonly team: TeamRef | null;
  readonly active: boolean;
  readonly createdAt: string;
}

/** a one-time link to set a password: shown once; the token sits in the fragment of `path` */
export interface PasswordLink {
  readonly purpose: 'invite' | 'reset';
  readonly path: string;
  readonly expiresAt: string;
}

export interface UserFields {
  readonly name: string;
  readonly email: string;
  readonly role: UserRole;
  readonly level: string | null;
  readonly teamId: string | null;
}

export interface Team extends TeamRef {
  readonly headId: string | null;
}

export interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly ApiKeyRole[];
  readonly actForUsers: boolean;
  /** the only external-task topics it fetches, sees and works on; null: every topic */
  readonly topics: readonly string[] | null;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export interface NewApiKey {
  readonly name: string;
  readonly roles: readonly ApiKeyRole[];
  readonly actForUsers: boolean;
  readonly topics?: readonly string[];
  readonly expiresAt?: string;
}

const id = encodeURIComponent;

export const users = {
  list: (params: { page?: number; pageSize?: number; q?: string | null; role?: string | null; teamId?: string | null; active?: string | null }) =>
    get<Page<CrmUser>>(`/api/users${queryString(params)}`),
  /** with a password the user signs in with it; without, the answer carries a one-time invitation link */
  create: (fields: UserFields & { password?: string }) => post<CrmUser & { invitation?: PasswordLink }>('/api/users', fields),
  update: (userId: string, fields: Partial<UserFields> & { active?: boolean }) => patch<CrmUser>(`/api/users/${id(userId)}`, fields),
  /** the user can no longer sign in; their sessions and links end at once, their history keeps their name */
  deactivate: (userId: string) => del<CrmUser>(`/api/users/${id(userId)}`),
  /** a one-time link to set a new password; earlier links stop working */
  passwordReset: (userId: string) => post<PasswordLink>(`/api/users/${id(userId)}/password-reset`),
};

export const teams = {
  list: () => get<Page<Team>>('/api/teams?pageSize=200'),
  create: (fields: { name: string; kind: string; headId: string | null }) => post<Team>('/api/teams', fields),
};

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** a team's working calendar (`/api/teams/{id}/calendar`): business hours per weekday in a time zone, holidays */
export interface WorkingCalendar {
  readonly timeZone: string;
  readonly hours: { readonly day: Weekday; readonly from: string; readonly to: string }[];
  readonly holidays: string[];
}

export interface TeamCalendar extends WorkingCalendar {
  readonly teamId: string;
  /** the team has none of its own: the default (Mon–Fri 9–18) */
  readonly isDefault: boolean;
}

export const calendars = {
  get: (teamId: string) => get<TeamCalendar>(`/api/teams/${id(teamId)}/calendar`),
  save: (teamId: string, calendar: WorkingCalendar) => put<TeamCalendar>(`/api/teams/${id(teamId)}/calendar`, calendar),
};

export const apiKeys = {
  list: () => get<ApiKey[]>('/api/api-keys'),
  /** the answer holds the key itself, the only time it is shown */
  create: (input: NewApiKey) => post<ApiKey & { key: string }>('/api/api-keys', input),
  revoke: (keyId: string) => del<ApiKey>(`/api/api-keys/${id(keyId)}`),
};

/** the link as the user opens it: this app's origin and the page with the token */
export function linkUrl(link: PasswordLink): string {
  return `${window.location.origin}${link.path}`;
}

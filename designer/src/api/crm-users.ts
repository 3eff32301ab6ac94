import type { DemoUser, Role } from '../app/session';
import { FALLBACK_USERS } from '../app/session';
import { get } from './http';

interface CrmUser {
  id: string;
  name: string;
  role: 'manager' | 'head' | 'director' | 'analyst' | 'ops' | 'admin' | string;
  level?: string | null;
  active?: boolean;
  team?: { kind?: string | null; name?: string | null } | null;
}

const ROLE_OF: Record<string, Role> = { manager: 'manager', head: 'manager', director: 'manager', analyst: 'analyst', ops: 'ops', admin: 'admin' };
const TITLE_OF: Record<string, string> = { manager: 'Manager', head: 'Head of team', director: 'Director', analyst: 'Business analyst', ops: 'Operations', admin: 'Administrator' };

function toDemoUser(user: CrmUser): DemoUser | null {
  const role = ROLE_OF[user.role];
  if (!role) return null;
  const team = user.team?.kind ? [user.team.kind] : [];
  return {
    id: user.id,
    name: user.name,
    role,
    title: [user.level, TITLE_OF[user.role], user.team?.name].filter(Boolean).join(' · '),
    groups: [user.role, ...team],
    head: user.role === 'head' || user.role === 'director' || user.role === 'admin',
  };
}

/** The CRM's users (GET /api/users) when the CRM answers, else the built-in demo users. */
export async function loginUsers(): Promise<{ users: readonly DemoUser[]; source: 'crm' | 'fallback' }> {
  try {
    const raw = await get<unknown>('/api/users');
    const list = (Array.isArray(raw) ? raw : ((raw as { items?: unknown[] })?.items ?? [])) as CrmUser[];
    const users = list.filter((u) => u.active !== false).map(toDemoUser).filter((u): u is DemoUser => u !== null);
    if (users.length > 0) return { users, source: 'crm' };
  } catch {
    // the CRM API is not there (yet): the built-in users still show every page
  }
  return { users: FALLBACK_USERS, source: 'fallback' };
}

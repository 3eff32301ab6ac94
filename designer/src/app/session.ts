/** The signed-in user (kept in localStorage until full authentication arrives) and what each role sees. */
export type Role = 'analyst' | 'manager' | 'ops' | 'admin';
export type Area = 'designer' | 'tasklist' | 'cockpit';

export interface DemoUser {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly title: string;
  /** candidate groups sent along until the server resolves them (it does for CRM users) */
  readonly groups: readonly string[];
  /** heads and directors see every open task and may reassign */
  readonly head: boolean;
}

/** used when the CRM's user API is not there: ids are not CRM ids, groups are the CRM's group names */
export const FALLBACK_USERS: readonly DemoUser[] = [
  { id: 'anna', name: 'Anna Analyst', role: 'analyst', title: 'Business analyst', groups: ['analyst'], head: false },
  { id: 'mark', name: 'Mark Manager', role: 'manager', title: 'Sales manager', groups: ['manager', 'sales'], head: false },
  { id: 'helen', name: 'Helen Head', role: 'manager', title: 'Head of sales', groups: ['head', 'manager', 'sales'], head: true },
  { id: 'oscar', name: 'Oscar Ops', role: 'ops', title: 'Operations', groups: ['ops'], head: false },
  { id: 'ada', name: 'Ada Admin', role: 'admin', title: 'Administrator', groups: ['admin', 'director', 'head', 'manager'], head: true },
];

const AREAS: Record<Role, readonly Area[]> = {
  analyst: ['designer'],
  manager: ['tasklist'],
  ops: ['cockpit'],
  admin: ['designer', 'tasklist', 'cockpit'],
};

const STORAGE_KEY = 'crm.user';

export function areasOf(user: DemoUser): readonly Area[] {
  return AREAS[user.role];
}

export function homeOf(user: DemoUser): string {
  return `/${areasOf(user)[0]}`;
}

export function currentUser(): DemoUser | null {
  try {
    const stored = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? 'null') as DemoUser | null;
    return stored && typeof stored.id === 'string' && stored.role in AREAS ? stored : null;
  } catch {
    return null;
  }
}

export function signIn(user: DemoUser): DemoUser {
  window.localStorage.setItem(STORAGE_KEY, JSON.stringify(user));
  return user;
}

export function signOut(): void {
  window.localStorage.removeItem(STORAGE_KEY);
}

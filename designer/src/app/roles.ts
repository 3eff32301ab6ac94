/** The CRM's roles as the web app names them; the server's access table (crm-domain/auth/roles.ts) decides what they may do. */
export const USER_ROLES = ['manager', 'head', 'director', 'analyst', 'ops', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** API keys may also be a `worker`: external task workers and integrations */
export const API_KEY_ROLES = [...USER_ROLES, 'worker'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

export const MANAGER_LEVELS = ['junior', 'senior'] as const;

const TITLES: Record<string, string> = {
  manager: 'Manager',
  head: 'Head of team',
  director: 'Director',
  analyst: 'Business analyst',
  ops: 'Operations',
  admin: 'Administrator',
  worker: 'Worker',
};

/** what a role does, in a line (the demo box, the API key form) */
const WORK: Record<string, string> = {
  manager: 'works on their tasks and their own clients',
  head: "sees the team's open tasks and gives tasks to others",
  director: 'sees every open task and every client',
  analyst: 'designs, deploys and starts processes',
  ops: 'runs the cockpit: incidents, retries, batches',
  admin: 'does everything, and manages users, teams and API keys',
  worker: 'fetches and completes external tasks, sends messages, starts processes',
};

export function roleTitle(role: string): string {
  return TITLES[role] ?? role;
}

export function roleWork(role: string): string {
  return WORK[role] ?? '';
}

import { Inject, Injectable } from '@nestjs/common';
import type { OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { DATABASE } from '../../engine/nest/tokens.js';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options.js';
import { signedInUser, type SignedInUser, type UserRow } from './signed-in-user.js';

/** demo users have addresses under this domain (crm-domain/seed/demo-data.ts) */
export const DEMO_EMAIL_DOMAIN = '@demo.crm';

export interface DemoAccountList {
  readonly demo: true;
  /** the password every demo user was given (unless they changed it) */
  readonly password: string;
  readonly users: readonly SignedInUser[];
}

/**
 * Demo mode: the seeded demo users and their one password, shown on the login page and marked as
 * demo. Only while demo data is seeded (the embedded first start, or SEED_DEMO=true).
 */
@Injectable()
export class DemoAccounts {
  constructor(
    @Inject(DATABASE) private readonly db: OpenedDatabase,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
  ) {}

  async accounts(): Promise<DemoAccountList | null> {
    if (!this.options.demoPassword) return null;
    const rows = (await this.db.dataSource.query(
      `SELECT u.id, u.name, u.email, u.role, u.level, u.team_id, t.name AS team_name, t.kind AS team_kind
       FROM crm.users u LEFT JOIN crm.teams t ON t.id = u.team_id WHERE u.active AND u.email LIKE $1 ORDER BY u.name, u.id`,
      [`%${DEMO_EMAIL_DOMAIN}`],
    )) as UserRow[];
    return rows.length > 0 ? { demo: true, password: this.options.demoPassword, users: rows.map(signedInUser) } : null;
  }
}

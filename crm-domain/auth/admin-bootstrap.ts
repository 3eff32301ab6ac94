import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { DATABASE } from '../../engine/nest/tokens.js';
import { SYSTEM } from '../audit/audit-entry.js';
import { AuditLog } from '../audit/audit-log.js';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options.js';
import { hashPassword } from './credentials/passwords.js';
import { DEMO_EMAIL_DOMAIN } from './demo-accounts.js';

/**
 * The first admin: with ADMIN_EMAIL and ADMIN_PASSWORD set and no active admin yet (the demo
 * admin aside), an admin with that address and password is created at start. An existing admin is
 * never changed from here.
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly log = new Logger('Access');

  constructor(
    @Inject(DATABASE) private readonly db: OpenedDatabase,
    @Inject(AUTH_OPTIONS) private readonly options: AuthOptions,
    private readonly audit: AuditLog,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.options.admin;
    // the demo admin does not count: a demo installation still gets the configured one
    const [existing] = (await this.db.dataSource.query(
      `SELECT count(*)::int AS n FROM crm.users WHERE role = 'admin' AND active AND email NOT LIKE $1`,
      [`%${DEMO_EMAIL_DOMAIN}`],
    )) as { n: number }[];
    if ((existing?.n ?? 0) > 0) return;
    if (!admin) {
      this.log.warn('There is no admin: set ADMIN_EMAIL and ADMIN_PASSWORD and restart to create the first one');
      return;
    }
    const email = admin.email.toLowerCase();
    const [taken] = (await this.db.dataSource.query(`SELECT id FROM crm.users WHERE lower(email) = $1`, [email])) as { id: string }[];
    if (taken) {
      this.log.error(`ADMIN_EMAIL ${email} belongs to a user who is not an active admin: no admin created`);
      return;
    }
    const hash = await hashPassword(admin.password);
    const id = randomUUID();
    await this.db.dataSource.query(
      `INSERT INTO crm.users (id, name, email, role, active, password_hash, password_changed_at, created_at, updated_at)
       VALUES ($1, 'Administrator', $2, 'admin', true, $3, now(), now(), now())`,
      [id, email, hash],
    );
    await this.audit.append({
      ...SYSTEM, action: 'user.create', targetType: 'user', targetId: id, outcome: 'success', status: null, clientAddress: null, requestId: null,
      details: { email, role: 'admin', from: 'ADMIN_EMAIL' },
    });
    this.log.log(`Created the first admin ${email} (ADMIN_EMAIL); sign in with ADMIN_PASSWORD`);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { DATABASE } from '../../engine/nest/tokens.js';
import { signedInUser, type SignedInUser, type UserRow } from './signed-in-user.js';

const USER_COLUMNS = `u.id, u.name, u.email, u.role, u.level, u.team_id, t.name AS team_name, t.kind AS team_kind`;

/** the database keeps only a hash: a leaked table does not let anyone in */
function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Sign-in sessions in `crm.sessions`: a random token in an HttpOnly cookie, its hash in the table,
 * with the user it belongs to and when it expires. A session of a deactivated user is worthless;
 * a password change deletes the user's sessions.
 */
@Injectable()
export class SessionStore {
  constructor(@Inject(DATABASE) private readonly db: OpenedDatabase) {}

  /** every active user, by name (the people tasks can be given to) */
  async activeUsers(): Promise<SignedInUser[]> {
    const rows = await this.query<UserRow>(`SELECT ${USER_COLUMNS} FROM crm.users u LEFT JOIN crm.teams t ON t.id = u.team_id WHERE u.active ORDER BY u.name, u.id`);
    return rows.map(signedInUser);
  }

  async open(userId: string, ttlMs: number): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + ttlMs);
    await this.query(`DELETE FROM crm.sessions WHERE expires_at < now()`);
    await this.query(`INSERT INTO crm.sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)`, [hashOf(token), userId, expiresAt]);
    return { token, expiresAt };
  }

  /** the user of an unexpired session, if they are still active */
  async userOf(token: string): Promise<SignedInUser | null> {
    const rows = await this.query<UserRow>(
      `SELECT ${USER_COLUMNS} FROM crm.sessions s JOIN crm.users u ON u.id = s.user_id LEFT JOIN crm.teams t ON t.id = u.team_id
       WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`,
      [hashOf(token)],
    );
    return rows[0] ? signedInUser(rows[0]) : null;
  }

  async close(token: string): Promise<void> {
    await this.query(`DELETE FROM crm.sessions WHERE token_hash = $1`, [hashOf(token)]);
  }

  private query<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.db.dataSource.query(sql, params) as Promise<R[]>;
  }
}

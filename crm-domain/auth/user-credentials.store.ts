import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { DATABASE } from '../../engine/nest/tokens.js';
import { hashPassword } from './credentials/passwords.js';
import { signedInUser, type SignedInUser, type UserRow } from './signed-in-user.js';

const USER_COLUMNS = `u.id, u.name, u.email, u.role, u.level, u.team_id, t.name AS team_name, t.kind AS team_kind,
  u.password_hash, coalesce(u.password_changed_at::text, '') AS stamp`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An active user with what proves who they are. `stamp` changes whenever the password does. */
export interface UserCredentials {
  readonly user: SignedInUser;
  readonly passwordHash: string | null;
  readonly stamp: string;
}

export type PasswordTokenPurpose = 'invite' | 'reset';

function tokenHashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Passwords (argon2id hashes on crm.users, never in the entity or the change log) and the one-time
 * tokens that set them. Changing a password ends every session of the user.
 */
@Injectable()
export class UserCredentialsStore {
  constructor(@Inject(DATABASE) private readonly db: OpenedDatabase) {}

  /** the active user with this email (any case) or id */
  async byLogin(login: string): Promise<UserCredentials | null> {
    const byId = UUID.test(login);
    const rows = await this.query<UserRow & { password_hash: string | null; stamp: string }>(
      `SELECT ${USER_COLUMNS} FROM crm.users u LEFT JOIN crm.teams t ON t.id = u.team_id
       WHERE ${byId ? 'u.id = $1::uuid' : 'lower(u.email) = lower($1)'} AND u.active`,
      [login],
    );
    const row = rows[0];
    return row ? { user: signedInUser(row), passwordHash: row.password_hash, stamp: row.stamp } : null;
  }

  async byId(userId: string): Promise<UserCredentials | null> {
    return UUID.test(userId) ? this.byLogin(userId) : null;
  }

  /** sets the password and ends the user's sessions, in one transaction */
  async setPassword(userId: string, password: string): Promise<void> {
    const hash = await hashPassword(password);
    await this.db.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE crm.users SET password_hash = $2, password_changed_at = clock_timestamp() WHERE id = $1`, [userId, hash]);
      await manager.query(`DELETE FROM crm.sessions WHERE user_id = $1`, [userId]);
      await manager.query(`DELETE FROM crm.password_tokens WHERE user_id = $1`, [userId]);
    });
  }

  async hasPassword(userId: string): Promise<boolean> {
    const rows = await this.query<{ set: boolean }>(`SELECT password_hash IS NOT NULL AS set FROM crm.users WHERE id = $1`, [userId]);
    return rows[0]?.set ?? false;
  }

  /** a one-time token that sets the user's password; earlier ones of the user stop working */
  async issueToken(userId: string, purpose: PasswordTokenPurpose, validMs: number, createdBy: string | null): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + validMs);
    await this.db.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM crm.password_tokens WHERE user_id = $1 OR expires_at < now()`, [userId]);
      await manager.query(
        `INSERT INTO crm.password_tokens (token_hash, user_id, purpose, created_by, expires_at) VALUES ($1, $2, $3, $4, $5)`,
        [tokenHashOf(token), userId, purpose, createdBy && UUID.test(createdBy) ? createdBy : null, expiresAt],
      );
    });
    return { token, expiresAt };
  }

  /** the active user an unexpired token belongs to; the token is used up only by `setPassword` */
  async userOfToken(token: string): Promise<SignedInUser | null> {
    const rows = await this.query<UserRow>(
      `SELECT u.id, u.name, u.email, u.role, u.level, u.team_id, t.name AS team_name, t.kind AS team_kind
       FROM crm.password_tokens p JOIN crm.users u ON u.id = p.user_id LEFT JOIN crm.teams t ON t.id = u.team_id
       WHERE p.token_hash = $1 AND p.expires_at > now() AND u.active`,
      [tokenHashOf(token)],
    );
    return rows[0] ? signedInUser(rows[0]) : null;
  }

  /** a deactivated user's sessions and tokens go at once */
  async endAccessOf(userId: string): Promise<void> {
    await this.query(`DELETE FROM crm.sessions WHERE user_id = $1`, [userId]);
    await this.query(`DELETE FROM crm.password_tokens WHERE user_id = $1`, [userId]);
  }

  private query<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.db.dataSource.query(sql, params) as Promise<R[]>;
  }
}

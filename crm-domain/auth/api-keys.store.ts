import { Inject, Injectable } from '@nestjs/common';
import type { OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { DATABASE } from '../../engine/nest/tokens.js';
import { newApiKeyToken } from './credentials/api-key-token.js';
import type { Role } from './roles.js';

/** An API key as admins see it: never its secret, which is shown once at creation. */
export interface ApiKeyView {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
  /** may name the user it acts for in X-User-Id */
  readonly actForUsers: boolean;
  /** the external-task topics it may fetch, see and work on; null: every topic */
  readonly topics: readonly string[] | null;
  readonly createdBy: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

export interface ApiKeySecretRow {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly actForUsers: boolean;
  readonly topics: readonly string[] | null;
  readonly secretHash: string;
  /** still valid: not revoked, not expired */
  readonly valid: boolean;
}

const VIEW = `id, name, roles, act_for_users AS "actForUsers", topics, created_by AS "createdBy", created_at AS "createdAt",
  expires_at AS "expiresAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

/** API keys for workers and integrations in crm.api_keys: only a hash of the secret is kept. */
@Injectable()
export class ApiKeysStore {
  constructor(@Inject(DATABASE) private readonly db: OpenedDatabase) {}

  async create(input: { name: string; roles: readonly Role[]; actForUsers: boolean; topics: readonly string[] | null; expiresAt: Date | null; createdBy: string | null }): Promise<{ key: ApiKeyView; token: string }> {
    const { id, token, secretHash } = newApiKeyToken();
    const rows = (await this.db.dataSource.query(
      `INSERT INTO crm.api_keys (id, name, secret_hash, roles, act_for_users, topics, created_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${VIEW}`,
      [id, input.name, secretHash, input.roles, input.actForUsers, input.topics, input.createdBy, input.expiresAt],
    )) as ApiKeyView[];
    return { key: rows[0]!, token };
  }

  list(): Promise<ApiKeyView[]> {
    return this.db.dataSource.query(`SELECT ${VIEW} FROM crm.api_keys ORDER BY revoked_at IS NOT NULL, created_at DESC, id`) as Promise<ApiKeyView[]>;
  }

  async get(id: string): Promise<ApiKeyView | null> {
    const rows = (await this.db.dataSource.query(`SELECT ${VIEW} FROM crm.api_keys WHERE id = $1`, [id])) as ApiKeyView[];
    return rows[0] ?? null;
  }

  async revoke(id: string): Promise<ApiKeyView | null> {
    const rows = (await this.db.dataSource.query(
      `UPDATE crm.api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${VIEW}`,
      [id],
    )) as [ApiKeyView[], number] | ApiKeyView[];
    const list = Array.isArray(rows[0]) ? (rows[0] as ApiKeyView[]) : (rows as ApiKeyView[]);
    return list[0] ?? null;
  }

  async forAuthentication(id: string): Promise<ApiKeySecretRow | null> {
    const rows = (await this.db.dataSource.query(
      `SELECT id, name, roles, act_for_users AS "actForUsers", topics, secret_hash AS "secretHash",
         (revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())) AS valid
       FROM crm.api_keys WHERE id = $1`,
      [id],
    )) as ApiKeySecretRow[];
    return rows[0] ?? null;
  }

  /** at most once a minute per key: a busy worker must not write on every request */
  async touch(id: string): Promise<void> {
    await this.db.dataSource.query(
      `UPDATE crm.api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}

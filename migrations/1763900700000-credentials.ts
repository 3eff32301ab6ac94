import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Real sign-in: password hashes (argon2id) on users, one-time tokens to set a password, API keys
 * for workers and integrations (only a hash of the secret is kept), and the failed sign-ins that
 * slow down guessing, per account and per address.
 */
export class Credentials1763900700000 implements MigrationInterface {
  name = 'Credentials1763900700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE crm.users ADD COLUMN password_hash text, ADD COLUMN password_changed_at timestamptz`);
    await db.query(`
      CREATE TABLE crm.password_tokens (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES crm.users (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('invite', 'reset')),
        created_by uuid REFERENCES crm.users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX password_tokens_user_idx ON crm.password_tokens (user_id)`);
    await db.query(`
      CREATE TABLE crm.api_keys (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        secret_hash text NOT NULL,
        roles text[] NOT NULL,
        act_for_users boolean NOT NULL DEFAULT false,
        created_by uuid REFERENCES crm.users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await db.query(`
      CREATE TABLE crm.sign_in_failures (
        key text PRIMARY KEY,
        failures integer NOT NULL,
        last_failure_at timestamptz NOT NULL,
        blocked_until timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE crm.sign_in_failures`);
    await db.query(`DROP TABLE crm.api_keys`);
    await db.query(`DROP TABLE crm.password_tokens`);
    await db.query(`ALTER TABLE crm.users DROP COLUMN password_changed_at, DROP COLUMN password_hash`);
  }
}

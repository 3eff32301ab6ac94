import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sign-in sessions of the web app: the hash of the cookie's token, whose it is, until when. */
export class Sessions1763900300000 implements MigrationInterface {
  name = 'Sessions1763900300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE crm.sessions (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES crm.users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX sessions_expiry_idx ON crm.sessions (expires_at)`);
    await db.query(`CREATE INDEX sessions_user_idx ON crm.sessions (user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE crm.sessions`);
  }
}

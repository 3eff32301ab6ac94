import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Import batches of companies with their first contact: the uploaded rows (kept until the batch is
 * done, so that a restarted service continues where the last committed chunk ended; then only the
 * failed and skipped ones stay, with their errors), the batch's cursor, counters and lease.
 */
export class Imports1763901720000 implements MigrationInterface {
  name = 'Imports1763901720000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE crm.import_batches (
        id uuid PRIMARY KEY,
        importer_id text NOT NULL,
        importer jsonb NOT NULL,
        file_name text NOT NULL,
        format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
        headers jsonb NOT NULL,
        mapping jsonb,
        duplicate_policy text NOT NULL DEFAULT 'skip' CHECK (duplicate_policy IN ('skip', 'import')),
        status text NOT NULL CHECK (status IN ('uploaded', 'queued', 'running', 'completed', 'failed')),
        total_rows integer NOT NULL,
        cursor_row integer NOT NULL DEFAULT 0,
        rows_imported integer NOT NULL DEFAULT 0,
        rows_failed integer NOT NULL DEFAULT 0,
        rows_skipped integer NOT NULL DEFAULT 0,
        lease_owner text,
        lease_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await db.query(`CREATE INDEX import_batches_importer_idx ON crm.import_batches (importer_id, created_at DESC)`);
    await db.query(`CREATE INDEX import_batches_pending_idx ON crm.import_batches (created_at) WHERE status IN ('queued', 'running')`);
    await db.query(`
      CREATE TABLE crm.import_rows (
        batch_id uuid NOT NULL REFERENCES crm.import_batches (id) ON DELETE CASCADE,
        row_number integer NOT NULL,
        cells jsonb NOT NULL,
        outcome text CHECK (outcome IN ('failed', 'skipped')),
        errors jsonb,
        PRIMARY KEY (batch_id, row_number)
      )`);
    await db.query(`CREATE INDEX import_rows_problems_idx ON crm.import_rows (batch_id, row_number) WHERE outcome IN ('failed', 'skipped')`);
    // the duplicate check reads companies' emails by companies_email_idx (lower(email)), which 1763901710000-duplicates made
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE crm.import_rows`);
    await db.query(`DROP TABLE crm.import_batches`);
  }
}

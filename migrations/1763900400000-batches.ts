import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batches (Camunda 7's batch operations): one row per batch, kept as its history after it ends
 * (`end_time`), and one row per item of its selection with the item's outcome.
 */
export class Batches1763900400000 implements MigrationInterface {
  name = 'Batches1763900400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE engine.batch (
        id text PRIMARY KEY,
        type text NOT NULL,
        total_jobs integer NOT NULL,
        jobs_created integer NOT NULL DEFAULT 0,
        completed_jobs integer NOT NULL DEFAULT 0,
        batch_jobs_per_seed integer NOT NULL,
        invocations_per_batch_job integer NOT NULL,
        total_items integer NOT NULL,
        suspended boolean NOT NULL DEFAULT false,
        tenant_id text,
        create_user_id text,
        start_time timestamptz NOT NULL,
        execution_start_time timestamptz,
        end_time timestamptz,
        configuration jsonb NOT NULL DEFAULT '{}',
        rev integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE INDEX batch_running_idx ON engine.batch (start_time) WHERE end_time IS NULL`);
    await db.query(`
      CREATE TABLE engine.batch_item (
        batch_id text NOT NULL REFERENCES engine.batch (id) ON DELETE CASCADE,
        seq integer NOT NULL,
        chunk integer NOT NULL,
        target_id text NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        message text,
        finished timestamptz,
        PRIMARY KEY (batch_id, seq)
      )`);
    await db.query(`CREATE INDEX batch_item_chunk_idx ON engine.batch_item (batch_id, chunk) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX batch_item_status_idx ON engine.batch_item (batch_id, status)`);
    await db.query(`CREATE INDEX job_batch_idx ON engine.job ((payload->>'batchId')) WHERE type IN ('batch-seed', 'batch-chunk')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX engine.job_batch_idx`);
    await db.query(`DROP TABLE engine.batch_item`);
    await db.query(`DROP TABLE engine.batch`);
  }
}

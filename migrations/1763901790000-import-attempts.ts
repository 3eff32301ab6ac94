import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An import batch counts the attempts at its current chunk that failed for a reason other than an
 * unreachable database; at `importMaxAttempts` the batch is failed with `last_error`. Progress (a
 * chunk committed) sets it back to 0.
 */
export class ImportAttempts1763901790000 implements MigrationInterface {
  name = 'ImportAttempts1763901790000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE crm.import_batches ADD COLUMN attempts integer NOT NULL DEFAULT 0`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE crm.import_batches DROP COLUMN attempts`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Metrics per interval (GET /engine-rest/metrics) count history by start, end and creation time. */
export class HistoryTimeIndexes1763900600000 implements MigrationInterface {
  name = 'HistoryTimeIndexes1763900600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX hist_process_instance_start_idx ON engine.hist_process_instance (start_time) WHERE super_instance_id IS NULL`);
    await db.query(`CREATE INDEX hist_process_instance_end_idx ON engine.hist_process_instance (end_time) WHERE super_instance_id IS NULL AND end_time IS NOT NULL`);
    await db.query(`CREATE INDEX hist_activity_instance_start_idx ON engine.hist_activity_instance (start_time)`);
    await db.query(`CREATE INDEX hist_activity_instance_end_idx ON engine.hist_activity_instance (end_time) WHERE end_time IS NOT NULL`);
    await db.query(`CREATE INDEX hist_incident_created_idx ON engine.hist_incident (created)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const index of ['hist_process_instance_start_idx', 'hist_process_instance_end_idx', 'hist_activity_instance_start_idx', 'hist_activity_instance_end_idx', 'hist_incident_created_idx']) {
      await db.query(`DROP INDEX engine.${index}`);
    }
  }
}

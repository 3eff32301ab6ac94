import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The CRM workspace's queues: activity reminders (when to remind, and a row per reminder sent, so
 * several nodes and restarts send each one once) and the complaints desk's queue of open
 * complaints by SLA due time.
 */
export class CrmWork1763901740000 implements MigrationInterface {
  name = 'CrmWork1763901740000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE crm.activities ADD COLUMN remind_before_minutes integer, ADD COLUMN remind_at timestamptz`);
    await db.query(`CREATE INDEX activities_remind_idx ON crm.activities (remind_at) WHERE NOT done AND remind_at IS NOT NULL`);
    await db.query(`
      CREATE TABLE crm.activity_reminders (
        activity_id uuid NOT NULL REFERENCES crm.activities (id) ON DELETE CASCADE,
        due_at timestamptz NOT NULL,
        outbox_id uuid,
        sent_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (activity_id, due_at)
      )`);
    await db.query(`CREATE INDEX complaints_open_sla_idx ON crm.complaints (sla_due_at, id) WHERE status NOT IN ('resolved', 'closed') AND archived_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX crm.complaints_open_sla_idx`);
    await db.query(`DROP TABLE crm.activity_reminders`);
    await db.query(`DROP INDEX crm.activities_remind_idx`);
    await db.query(`ALTER TABLE crm.activities DROP COLUMN remind_at, DROP COLUMN remind_before_minutes`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Working calendars per team (business hours, time zone, holidays) and the complaint SLA counted on
 * them: the reminder's due time, the pause while waiting for the customer (status
 * `waiting_for_customer`) and the working time paused so far.
 */
export class WorkingCalendars1763901700000 implements MigrationInterface {
  name = 'WorkingCalendars1763901700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE crm.team_calendars (
        team_id uuid PRIMARY KEY REFERENCES crm.teams (id) ON DELETE CASCADE,
        time_zone text NOT NULL,
        hours jsonb NOT NULL,
        holidays jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`ALTER TABLE crm.complaints DROP CONSTRAINT complaints_status_check`);
    await db.query(`ALTER TABLE crm.complaints ADD CONSTRAINT complaints_status_check CHECK (status IN ('new', 'in_progress', 'waiting_for_customer', 'resolved', 'closed'))`);
    await db.query(`ALTER TABLE crm.complaints ADD COLUMN sla_remind_at timestamptz`);
    await db.query(`ALTER TABLE crm.complaints ADD COLUMN sla_paused_at timestamptz`);
    await db.query(`ALTER TABLE crm.complaints ADD COLUMN sla_paused_minutes integer NOT NULL DEFAULT 0 CHECK (sla_paused_minutes >= 0)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE crm.complaints DROP COLUMN sla_paused_minutes`);
    await db.query(`ALTER TABLE crm.complaints DROP COLUMN sla_paused_at`);
    await db.query(`ALTER TABLE crm.complaints DROP COLUMN sla_remind_at`);
    await db.query(`UPDATE crm.complaints SET status = 'in_progress' WHERE status = 'waiting_for_customer'`);
    await db.query(`ALTER TABLE crm.complaints DROP CONSTRAINT complaints_status_check`);
    await db.query(`ALTER TABLE crm.complaints ADD CONSTRAINT complaints_status_check CHECK (status IN ('new', 'in_progress', 'resolved', 'closed'))`);
    await db.query(`DROP TABLE crm.team_calendars`);
  }
}

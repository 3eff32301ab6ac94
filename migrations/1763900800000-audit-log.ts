import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log: who did what, to what, when, from where, and whether it was allowed. Append-only:
 * a trigger refuses UPDATE, DELETE and TRUNCATE, and the service never removes rows. Retention is
 * the operator's: copy old rows elsewhere (`COPY (SELECT ... WHERE at < ...) TO ...`) and remove
 * them as the table's owner with the trigger disabled for that session, or move the table to
 * partitions by month. `at` is the database's time.
 */
export class AuditLog1763900800000 implements MigrationInterface {
  name = 'AuditLog1763900800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE crm.audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id text,
        actor_name text,
        actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'api-key', 'system', 'anonymous')),
        via_api_key uuid,
        action text NOT NULL,
        target_type text,
        target_id text,
        outcome text NOT NULL CHECK (outcome IN ('success', 'refused', 'failed')),
        status smallint,
        client_address text,
        request_id text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await db.query(`CREATE INDEX audit_log_at_idx ON crm.audit_log (at, id)`);
    await db.query(`CREATE INDEX audit_log_actor_idx ON crm.audit_log (actor_id, at)`);
    await db.query(`CREATE INDEX audit_log_action_idx ON crm.audit_log (action text_pattern_ops, at)`);
    await db.query(`CREATE INDEX audit_log_target_idx ON crm.audit_log (target_type, target_id, at)`);
    await db.query(`
      CREATE FUNCTION crm.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'crm.audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await db.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON crm.audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION crm.audit_log_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE crm.audit_log`);
    await db.query(`DROP FUNCTION crm.audit_log_append_only()`);
  }
}

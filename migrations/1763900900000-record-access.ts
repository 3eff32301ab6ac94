import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Record access (crm-domain/access): a contact is visible by its owner (and its company's), a
 * process instance by who started it and by the record its business key names. The historic
 * instances keep their business key as a uuid (NULL when it is none), written exactly as
 * engine/adapters/typeorm/queries/instance-visibility.ts (businessKeyAsUuid) does, so that the
 * visibility tests compare indexed uuids instead of matching the pattern once per row and test.
 */
export class RecordAccess1763900900000 implements MigrationInterface {
  name = 'RecordAccess1763900900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX contacts_owner_idx ON crm.contacts (owner_id)`);
    await db.query(`CREATE INDEX hist_process_instance_start_user_idx ON engine.hist_process_instance (start_user_id)`);
    await db.query(`
      ALTER TABLE engine.hist_process_instance ADD COLUMN business_key_uuid uuid GENERATED ALWAYS AS
        (CASE WHEN business_key ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN (business_key)::uuid END) STORED`);
    await db.query(`CREATE INDEX hist_process_instance_business_key_uuid_idx ON engine.hist_process_instance (business_key_uuid)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE engine.hist_process_instance DROP COLUMN business_key_uuid`);
    await db.query(`DROP INDEX engine.hist_process_instance_start_user_idx`);
    await db.query(`DROP INDEX crm.contacts_owner_idx`);
  }
}

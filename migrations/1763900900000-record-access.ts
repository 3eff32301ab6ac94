import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Record access (crm-domain/access): who sees a contact is decided by its owner (and its
 * company's), who sees a process instance also by who started it; both are looked up per caller.
 */
export class RecordAccess1763900900000 implements MigrationInterface {
  name = 'RecordAccess1763900900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX contacts_owner_idx ON crm.contacts (owner_id)`);
    await db.query(`CREATE INDEX hist_process_instance_start_user_idx ON engine.hist_process_instance (start_user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX engine.hist_process_instance_start_user_idx`);
    await db.query(`DROP INDEX crm.contacts_owner_idx`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The records naming a contact, each by an index: a contact's 360° timeline gathers its deals,
 * complaints and the leads converted into it, and a merge of contacts moves them. Partial: most
 * deals and complaints name no contact.
 */
export class ContactRecordIndexes1763901810000 implements MigrationInterface {
  name = 'ContactRecordIndexes1763901810000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX deals_contact_idx ON crm.deals (contact_id) WHERE contact_id IS NOT NULL`);
    await db.query(`CREATE INDEX complaints_contact_idx ON crm.complaints (contact_id) WHERE contact_id IS NOT NULL`);
    await db.query(`CREATE INDEX leads_converted_contact_idx ON crm.leads (converted_contact_id) WHERE converted_contact_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX crm.leads_converted_contact_idx`);
    await db.query(`DROP INDEX crm.complaints_contact_idx`);
    await db.query(`DROP INDEX crm.deals_contact_idx`);
  }
}

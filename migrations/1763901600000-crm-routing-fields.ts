import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A lead's region and a deal's product category, free text and optional: the reference decision
 * tables read them (lead-routing.dmn's `region`, deal-approval.dmn's `productCategory`).
 */
export class CrmRoutingFields1763901600000 implements MigrationInterface {
  name = 'CrmRoutingFields1763901600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE crm.leads ADD COLUMN region text`);
    await db.query(`ALTER TABLE crm.deals ADD COLUMN product_category text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE crm.deals DROP COLUMN product_category`);
    await db.query(`ALTER TABLE crm.leads DROP COLUMN region`);
  }
}

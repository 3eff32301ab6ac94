import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A discount asked for in an approval request waits here until the approval process approves it. */
export class RequestedDiscount1763900870000 implements MigrationInterface {
  name = 'RequestedDiscount1763900870000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE crm.deals ADD COLUMN requested_discount_percent numeric`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE crm.deals DROP COLUMN requested_discount_percent`);
  }
}

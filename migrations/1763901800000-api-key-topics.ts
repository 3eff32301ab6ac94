import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An API key may be limited to external-task topics: it fetches, sees and works only tasks of
 * those topics. NULL: every topic, as keys made before could.
 */
export class ApiKeyTopics1763901800000 implements MigrationInterface {
  name = 'ApiKeyTopics1763901800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE crm.api_keys ADD COLUMN topics text[]`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE crm.api_keys DROP COLUMN topics`);
  }
}

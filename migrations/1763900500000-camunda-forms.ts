import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Camunda Forms: deployed form-js schemas versioned per form id (what `camunda:formRef` with
 * binding latest or version looks up), and the formRef each user task was created with.
 */
export class CamundaForms1763900500000 implements MigrationInterface {
  name = 'CamundaForms1763900500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE engine.form_definition (
        id text PRIMARY KEY,
        key text NOT NULL,
        version integer NOT NULL,
        deployment_id text NOT NULL REFERENCES engine.deployment (id) ON DELETE CASCADE,
        resource_name text NOT NULL,
        tenant_id text
      )`);
    await db.query(`CREATE UNIQUE INDEX form_definition_version_uq ON engine.form_definition (key, version, coalesce(tenant_id, ''))`);
    await db.query(`ALTER TABLE engine.task ADD COLUMN form_ref jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE engine.task DROP COLUMN form_ref`);
    await db.query(`DROP TABLE engine.form_definition`);
  }
}

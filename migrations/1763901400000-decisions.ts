import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DMN decisions (issue 15): decision requirements definitions (one per deployed DMN resource),
 * decision definitions (one per decision, versioned per key and tenant like process definitions),
 * and the history of evaluations. A history row keeps its inputs, matched outputs and collect
 * result as JSONB: they are read with the row (includeInputs, includeOutputs), never queried by value.
 */
export class Decisions1763901400000 implements MigrationInterface {
  name = 'Decisions1763901400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE engine.decision_requirements_definition (
        id text PRIMARY KEY,
        key text NOT NULL,
        version integer NOT NULL,
        name text,
        category text,
        deployment_id text NOT NULL REFERENCES engine.deployment (id) ON DELETE CASCADE,
        resource_name text NOT NULL,
        tenant_id text
      )`);
    await db.query(`CREATE UNIQUE INDEX decision_requirements_version_uq ON engine.decision_requirements_definition (key, version, coalesce(tenant_id, ''))`);
    await db.query(`CREATE INDEX decision_requirements_deployment_idx ON engine.decision_requirements_definition (deployment_id)`);
    await db.query(`
      CREATE TABLE engine.decision_definition (
        id text PRIMARY KEY,
        key text NOT NULL,
        version integer NOT NULL,
        name text,
        version_tag text,
        category text,
        deployment_id text NOT NULL REFERENCES engine.deployment (id) ON DELETE CASCADE,
        resource_name text NOT NULL,
        tenant_id text,
        history_ttl integer,
        requirements_id text NOT NULL REFERENCES engine.decision_requirements_definition (id) ON DELETE CASCADE,
        requirements_key text NOT NULL
      )`);
    await db.query(`CREATE UNIQUE INDEX decision_definition_version_uq ON engine.decision_definition (key, version, coalesce(tenant_id, ''))`);
    await db.query(`CREATE INDEX decision_definition_deployment_idx ON engine.decision_definition (deployment_id)`);
    await db.query(`CREATE INDEX decision_definition_requirements_idx ON engine.decision_definition (requirements_id)`);
    await db.query(`
      CREATE TABLE engine.hist_decision_instance (
        id text PRIMARY KEY,
        decision_definition_id text NOT NULL,
        decision_definition_key text NOT NULL,
        decision_definition_name text,
        requirements_id text,
        requirements_key text,
        evaluation_time timestamptz NOT NULL,
        definition_id text,
        definition_key text,
        process_instance_id text,
        activity_id text,
        activity_instance_id text,
        root_decision_instance_id text,
        inputs jsonb NOT NULL DEFAULT '[]',
        outputs jsonb NOT NULL DEFAULT '[]',
        collect_result_value jsonb,
        user_id text,
        tenant_id text
      )`);
    await db.query(`CREATE INDEX hist_decision_instance_time_idx ON engine.hist_decision_instance (evaluation_time, id)`);
    await db.query(`CREATE INDEX hist_decision_instance_definition_idx ON engine.hist_decision_instance (decision_definition_id)`);
    await db.query(`CREATE INDEX hist_decision_instance_key_idx ON engine.hist_decision_instance (decision_definition_key)`);
    await db.query(`CREATE INDEX hist_decision_instance_process_idx ON engine.hist_decision_instance (process_instance_id)`);
    await db.query(`CREATE INDEX hist_decision_instance_process_definition_idx ON engine.hist_decision_instance (definition_id)`);
    await db.query(`CREATE INDEX hist_decision_instance_root_idx ON engine.hist_decision_instance (root_decision_instance_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE engine.hist_decision_instance`);
    await db.query(`DROP TABLE engine.decision_definition`);
    await db.query(`DROP TABLE engine.decision_requirements_definition`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The engine's runtime and history tables, in their own schema. */
export class EngineSchema1763900000000 implements MigrationInterface {
  name = 'EngineSchema1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS engine`);
    await db.query(`
      CREATE TABLE engine.deployment (
        id text PRIMARY KEY,
        name text,
        source text,
        tenant_id text,
        deployment_time timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX deployment_name_idx ON engine.deployment (name, deployment_time DESC)`);
    await db.query(`
      CREATE TABLE engine.resource (
        id text PRIMARY KEY,
        deployment_id text NOT NULL REFERENCES engine.deployment (id) ON DELETE CASCADE,
        name text NOT NULL,
        content text NOT NULL,
        hash text NOT NULL
      )`);
    await db.query(`CREATE INDEX resource_deployment_idx ON engine.resource (deployment_id)`);
    await db.query(`
      CREATE TABLE engine.process_definition (
        id text PRIMARY KEY,
        key text NOT NULL,
        version integer NOT NULL,
        name text,
        version_tag text,
        deployment_id text NOT NULL REFERENCES engine.deployment (id) ON DELETE CASCADE,
        resource_name text NOT NULL,
        tenant_id text,
        suspended boolean NOT NULL DEFAULT false,
        history_ttl integer,
        has_start_form boolean NOT NULL DEFAULT false,
        start_form_key text,
        category text,
        description text
      )`);
    await db.query(`CREATE UNIQUE INDEX process_definition_version_uq ON engine.process_definition (key, version, coalesce(tenant_id, ''))`);
    await db.query(`
      CREATE TABLE engine.process_instance (
        id text PRIMARY KEY,
        rev integer NOT NULL,
        definition_id text NOT NULL,
        definition_key text NOT NULL,
        business_key text,
        root_instance_id text NOT NULL,
        super_instance_id text,
        super_element_instance_id text,
        state text NOT NULL,
        suspended boolean NOT NULL DEFAULT false,
        start_time timestamptz NOT NULL,
        start_user_id text,
        tenant_id text
      )`);
    await db.query(`CREATE INDEX process_instance_business_key_idx ON engine.process_instance (business_key)`);
    await db.query(`CREATE INDEX process_instance_definition_idx ON engine.process_instance (definition_id)`);
    await db.query(`CREATE INDEX process_instance_super_idx ON engine.process_instance (super_instance_id)`);
    await db.query(`
      CREATE TABLE engine.element_instance (
        id text PRIMARY KEY,
        process_instance_id text NOT NULL,
        parent_id text,
        element_id text NOT NULL,
        kind text NOT NULL,
        state text NOT NULL,
        start_time timestamptz NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'
      )`);
    await db.query(`CREATE INDEX element_instance_instance_idx ON engine.element_instance (process_instance_id)`);
    await db.query(`CREATE INDEX element_instance_element_idx ON engine.element_instance (element_id)`);
    await db.query(`
      CREATE TABLE engine.variable (
        id text PRIMARY KEY,
        process_instance_id text NOT NULL,
        scope_id text NOT NULL,
        name text NOT NULL,
        type text NOT NULL,
        text_value text,
        value_info jsonb,
        create_time timestamptz NOT NULL
      )`);
    await db.query(`CREATE UNIQUE INDEX variable_scope_name_uq ON engine.variable (scope_id, name)`);
    await db.query(`CREATE INDEX variable_instance_idx ON engine.variable (process_instance_id)`);
    await db.query(`CREATE INDEX variable_name_value_idx ON engine.variable (name, left(text_value, 200))`);
    await db.query(`
      CREATE TABLE engine.task (
        id text PRIMARY KEY,
        process_instance_id text NOT NULL,
        element_instance_id text NOT NULL,
        definition_id text NOT NULL,
        definition_key text NOT NULL,
        task_definition_key text NOT NULL,
        name text,
        description text,
        assignee text,
        owner text,
        candidate_users text[] NOT NULL DEFAULT '{}',
        candidate_groups text[] NOT NULL DEFAULT '{}',
        priority integer NOT NULL,
        due timestamptz,
        follow_up timestamptz,
        form_key text,
        created timestamptz NOT NULL,
        delegation_state text,
        business_key text,
        tenant_id text
      )`);
    await db.query(`CREATE INDEX task_instance_idx ON engine.task (process_instance_id)`);
    await db.query(`CREATE INDEX task_assignee_idx ON engine.task (assignee)`);
    await db.query(`CREATE INDEX task_candidate_groups_idx ON engine.task USING gin (candidate_groups)`);
    await db.query(`CREATE INDEX task_candidate_users_idx ON engine.task USING gin (candidate_users)`);
    await db.query(`
      CREATE TABLE engine.external_task (
        id text PRIMARY KEY,
        process_instance_id text NOT NULL,
        element_instance_id text NOT NULL,
        definition_id text NOT NULL,
        definition_key text NOT NULL,
        activity_id text NOT NULL,
        topic text NOT NULL,
        worker_id text,
        lock_expiration timestamptz,
        retries integer,
        error_message text,
        error_details text,
        priority bigint NOT NULL DEFAULT 0,
        business_key text,
        created timestamptz NOT NULL,
        tenant_id text
      )`);
    await db.query(`CREATE INDEX external_task_topic_idx ON engine.external_task (topic, lock_expiration)`);
    await db.query(`CREATE INDEX external_task_instance_idx ON engine.external_task (process_instance_id)`);
    await db.query(`
      CREATE TABLE engine.job (
        id text PRIMARY KEY,
        type text NOT NULL,
        process_instance_id text,
        element_instance_id text,
        definition_id text NOT NULL,
        definition_key text NOT NULL,
        activity_id text NOT NULL,
        due_at timestamptz NOT NULL,
        retries integer NOT NULL,
        retry_intervals_ms jsonb NOT NULL DEFAULT '[]',
        exception_message text,
        exception_details text,
        lock_owner text,
        lock_expiration timestamptz,
        payload jsonb NOT NULL DEFAULT '{}',
        created timestamptz NOT NULL,
        suspended boolean NOT NULL DEFAULT false,
        priority bigint NOT NULL DEFAULT 0,
        tenant_id text
      )`);
    await db.query(`CREATE INDEX job_due_idx ON engine.job (due_at) WHERE retries > 0 AND NOT suspended`);
    await db.query(`CREATE INDEX job_instance_idx ON engine.job (process_instance_id)`);
    await db.query(`CREATE INDEX job_definition_idx ON engine.job (definition_id) WHERE process_instance_id IS NULL`);
    await db.query(`
      CREATE TABLE engine.event_subscription (
        id text PRIMARY KEY,
        type text NOT NULL,
        event_name text NOT NULL,
        process_instance_id text,
        element_instance_id text,
        activity_id text NOT NULL,
        definition_id text NOT NULL,
        created timestamptz NOT NULL,
        tenant_id text
      )`);
    await db.query(`CREATE INDEX event_subscription_name_idx ON engine.event_subscription (type, event_name)`);
    await db.query(`CREATE INDEX event_subscription_instance_idx ON engine.event_subscription (process_instance_id)`);
    await db.query(`
      CREATE TABLE engine.incident (
        id text PRIMARY KEY,
        type text NOT NULL,
        process_instance_id text NOT NULL,
        element_instance_id text,
        definition_id text NOT NULL,
        activity_id text NOT NULL,
        message text,
        configuration text,
        created timestamptz NOT NULL,
        cause_incident_id text,
        root_cause_incident_id text,
        tenant_id text
      )`);
    await db.query(`CREATE INDEX incident_instance_idx ON engine.incident (process_instance_id)`);
    await this.history(db);
  }

  private async history(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE engine.hist_process_instance (
        id text PRIMARY KEY,
        business_key text,
        definition_id text NOT NULL,
        definition_key text NOT NULL,
        definition_name text,
        definition_version integer NOT NULL,
        start_time timestamptz NOT NULL,
        end_time timestamptz,
        start_user_id text,
        start_activity_id text,
        end_activity_id text,
        super_instance_id text,
        root_instance_id text NOT NULL,
        state text NOT NULL,
        delete_reason text,
        tenant_id text
      )`);
    await db.query(`CREATE INDEX hist_process_instance_business_key_idx ON engine.hist_process_instance (business_key)`);
    await db.query(`CREATE INDEX hist_process_instance_definition_idx ON engine.hist_process_instance (definition_key, start_time)`);
    await db.query(`CREATE INDEX hist_process_instance_super_idx ON engine.hist_process_instance (super_instance_id)`);
    await db.query(`CREATE INDEX hist_process_instance_state_idx ON engine.hist_process_instance (state, start_time)`);
    await db.query(`
      CREATE TABLE engine.hist_activity_instance (
        id text PRIMARY KEY,
        seq bigserial,
        parent_activity_instance_id text,
        activity_id text NOT NULL,
        activity_name text,
        activity_type text NOT NULL,
        process_instance_id text NOT NULL,
        definition_id text NOT NULL,
        definition_key text NOT NULL,
        task_id text,
        called_process_instance_id text,
        assignee text,
        start_time timestamptz NOT NULL,
        end_time timestamptz,
        canceled boolean NOT NULL DEFAULT false,
        complete_scope boolean NOT NULL DEFAULT false,
        tenant_id text
      )`);
    await db.query(`CREATE INDEX hist_activity_instance_instance_idx ON engine.hist_activity_instance (process_instance_id, start_time, seq)`);
    await db.query(`CREATE INDEX hist_activity_instance_definition_idx ON engine.hist_activity_instance (definition_id, activity_id)`);
    await db.query(`
      CREATE TABLE engine.hist_variable (
        id text PRIMARY KEY,
        process_instance_id text NOT NULL,
        definition_id text NOT NULL,
        definition_key text NOT NULL,
        activity_instance_id text NOT NULL,
        task_id text,
        name text NOT NULL,
        type text NOT NULL,
        text_value text,
        value_info jsonb,
        state text NOT NULL,
        create_time timestamptz NOT NULL,
        removal_time timestamptz,
        tenant_id text
      )`);
    await db.query(`CREATE INDEX hist_variable_instance_idx ON engine.hist_variable (process_instance_id, name)`);
    await db.query(`
      CREATE TABLE engine.hist_task (
        id text PRIMARY KEY,
        process_instance_id text NOT NULL,
        definition_id text NOT NULL,
        definition_key text NOT NULL,
        activity_instance_id text NOT NULL,
        task_definition_key text NOT NULL,
        name text,
        description text,
        assignee text,
        owner text,
        priority integer NOT NULL,
        due timestamptz,
        follow_up timestamptz,
        start_time timestamptz NOT NULL,
        end_time timestamptz,
        delete_reason text,
        tenant_id text
      )`);
    await db.query(`CREATE INDEX hist_task_instance_idx ON engine.hist_task (process_instance_id)`);
    await db.query(`CREATE INDEX hist_task_assignee_idx ON engine.hist_task (assignee, end_time)`);
    await db.query(`
      CREATE TABLE engine.hist_incident (
        id text PRIMARY KEY,
        type text NOT NULL,
        process_instance_id text NOT NULL,
        definition_id text NOT NULL,
        activity_id text NOT NULL,
        message text,
        configuration text,
        created timestamptz NOT NULL,
        end_time timestamptz,
        state text NOT NULL,
        tenant_id text
      )`);
    await db.query(`CREATE INDEX hist_incident_instance_idx ON engine.hist_incident (process_instance_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA engine CASCADE`);
  }
}

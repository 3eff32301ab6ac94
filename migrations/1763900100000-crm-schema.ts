import type { MigrationInterface, QueryRunner } from 'typeorm';

const stamps = `created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now()`;

/**
 * The CRM's tables in the `crm` schema: people and teams, companies and contacts, leads, deals and
 * products, activities, complaints, the record-change log (timelines), record events (the
 * transactional outbox that drives processes), the notification outbox and handler runs
 * (idempotency of service-task handlers). Indexes follow the list filters and sort orders at a
 * size of 300,000 companies and 100,000 deals.
 */
export class CrmSchema1763900100000 implements MigrationInterface {
  name = 'CrmSchema1763900100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS crm`);
    await this.people(db);
    await this.accounts(db);
    await this.sales(db);
    await this.service(db);
    await this.infrastructure(db);
  }

  private async people(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE crm.teams (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('sales', 'service')),
        head_id uuid,
        ${stamps}
      )`);
    await db.query(`CREATE UNIQUE INDEX teams_name_uq ON crm.teams (lower(name))`);
    await db.query(`
      CREATE TABLE crm.users (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        email text NOT NULL,
        role text NOT NULL CHECK (role IN ('manager', 'head', 'director', 'analyst', 'ops', 'admin')),
        level text CHECK (level IN ('junior', 'senior')),
        team_id uuid REFERENCES crm.teams (id),
        active boolean NOT NULL DEFAULT true,
        last_assigned_at timestamptz,
        ${stamps},
        CONSTRAINT users_level_for_managers CHECK ((role = 'manager') = (level IS NOT NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX users_email_uq ON crm.users (lower(email))`);
    await db.query(`CREATE INDEX users_team_idx ON crm.users (team_id)`);
    await db.query(`CREATE INDEX users_role_idx ON crm.users (role, level) WHERE active`);
    await db.query(`ALTER TABLE crm.teams ADD CONSTRAINT teams_head_fk FOREIGN KEY (head_id) REFERENCES crm.users (id)`);
  }

  private async accounts(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE crm.companies (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        type text NOT NULL CHECK (type IN ('client', 'partner', 'investor', 'supplier')),
        industry text,
        employees integer CHECK (employees >= 0),
        founded date,
        phones text[] NOT NULL DEFAULT '{}',
        email text,
        address text,
        owner_id uuid REFERENCES crm.users (id),
        archived_at timestamptz,
        ${stamps}
      )`);
    await db.query(`CREATE INDEX companies_name_idx ON crm.companies (name, id)`);
    await db.query(`CREATE INDEX companies_name_search_idx ON crm.companies (lower(name) text_pattern_ops)`);
    await db.query(`CREATE INDEX companies_owner_idx ON crm.companies (owner_id, name)`);
    await db.query(`CREATE INDEX companies_type_idx ON crm.companies (type, name)`);
    await db.query(`CREATE INDEX companies_industry_idx ON crm.companies (industry, name)`);
    await db.query(`CREATE INDEX companies_created_idx ON crm.companies (created_at, id)`);
    await db.query(`
      CREATE TABLE crm.contacts (
        id uuid PRIMARY KEY,
        company_id uuid NOT NULL REFERENCES crm.companies (id),
        full_name text NOT NULL,
        position text,
        work_phone text,
        mobile_phone text,
        email text,
        birthday date,
        owner_id uuid REFERENCES crm.users (id),
        archived_at timestamptz,
        ${stamps}
      )`);
    await db.query(`CREATE INDEX contacts_company_idx ON crm.contacts (company_id, full_name)`);
    await db.query(`CREATE INDEX contacts_name_idx ON crm.contacts (full_name, id)`);
    await db.query(`CREATE INDEX contacts_name_search_idx ON crm.contacts (lower(full_name) text_pattern_ops)`);
    await db.query(`CREATE INDEX contacts_email_idx ON crm.contacts (lower(email))`);
  }

  private async sales(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE crm.leads (
        id uuid PRIMARY KEY,
        source text NOT NULL CHECK (source IN ('web_form', 'seminar', 'call', 'import')),
        person_name text NOT NULL,
        company_name text,
        email text,
        phone text,
        estimated_amount numeric(16, 2) CHECK (estimated_amount >= 0),
        currency text NOT NULL DEFAULT 'EUR',
        status text NOT NULL CHECK (status IN ('new', 'qualifying', 'converted', 'disqualified')),
        owner_id uuid REFERENCES crm.users (id),
        notes text,
        disqualify_reason text,
        converted_company_id uuid REFERENCES crm.companies (id),
        converted_contact_id uuid REFERENCES crm.contacts (id),
        converted_deal_id uuid,
        converted_at timestamptz,
        archived_at timestamptz,
        ${stamps}
      )`);
    await db.query(`CREATE INDEX leads_status_idx ON crm.leads (status, created_at)`);
    await db.query(`CREATE INDEX leads_owner_idx ON crm.leads (owner_id, status)`);
    await db.query(`CREATE INDEX leads_created_idx ON crm.leads (created_at, id)`);
    await db.query(`CREATE INDEX leads_source_idx ON crm.leads (source, created_at)`);
    await db.query(`
      CREATE TABLE crm.products (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        sku text NOT NULL,
        price numeric(16, 2) NOT NULL CHECK (price >= 0),
        currency text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        ${stamps}
      )`);
    await db.query(`CREATE UNIQUE INDEX products_sku_uq ON crm.products (lower(sku))`);
    await db.query(`
      CREATE TABLE crm.deals (
        id uuid PRIMARY KEY,
        title text NOT NULL,
        company_id uuid NOT NULL REFERENCES crm.companies (id),
        contact_id uuid REFERENCES crm.contacts (id),
        amount numeric(16, 2) NOT NULL CHECK (amount >= 0),
        currency text NOT NULL,
        stage text NOT NULL CHECK (stage IN ('new', 'qualification', 'proposal', 'negotiation', 'won', 'lost')),
        probability integer NOT NULL CHECK (probability BETWEEN 0 AND 100),
        owner_id uuid REFERENCES crm.users (id),
        expected_close_date date,
        lost_reason text,
        discount_percent numeric(5, 2) NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100),
        approval_status text NOT NULL DEFAULT 'none' CHECK (approval_status IN ('none', 'pending', 'approved', 'rejected', 'withdrawn')),
        lead_id uuid REFERENCES crm.leads (id),
        closed_at timestamptz,
        archived_at timestamptz,
        ${stamps}
      )`);
    await db.query(`ALTER TABLE crm.leads ADD CONSTRAINT leads_converted_deal_fk FOREIGN KEY (converted_deal_id) REFERENCES crm.deals (id)`);
    await db.query(`CREATE INDEX deals_stage_idx ON crm.deals (stage, created_at)`);
    await db.query(`CREATE INDEX deals_owner_idx ON crm.deals (owner_id, stage)`);
    await db.query(`CREATE INDEX deals_company_idx ON crm.deals (company_id)`);
    await db.query(`CREATE INDEX deals_close_idx ON crm.deals (expected_close_date, id)`);
    await db.query(`CREATE INDEX deals_created_idx ON crm.deals (created_at, id)`);
    await db.query(`CREATE INDEX deals_amount_idx ON crm.deals (amount, id)`);
    await db.query(`
      CREATE TABLE crm.deal_products (
        deal_id uuid NOT NULL REFERENCES crm.deals (id) ON DELETE CASCADE,
        product_id uuid NOT NULL REFERENCES crm.products (id),
        quantity integer NOT NULL CHECK (quantity > 0),
        unit_price numeric(16, 2) NOT NULL CHECK (unit_price >= 0),
        PRIMARY KEY (deal_id, product_id)
      )`);
    await db.query(`
      CREATE TABLE crm.activities (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('call', 'meeting', 'email', 'task')),
        subject text NOT NULL,
        scheduled_at timestamptz,
        due_at timestamptz,
        done boolean NOT NULL DEFAULT false,
        done_at timestamptz,
        result text,
        owner_id uuid REFERENCES crm.users (id),
        record_type text CHECK (record_type IN ('company', 'contact', 'lead', 'deal', 'complaint')),
        record_id uuid,
        created_by text NOT NULL,
        ${stamps}
      )`);
    await db.query(`CREATE INDEX activities_record_idx ON crm.activities (record_id, created_at)`);
    await db.query(`CREATE INDEX activities_owner_idx ON crm.activities (owner_id, done, due_at)`);
    await db.query(`CREATE INDEX activities_due_idx ON crm.activities (due_at, id) WHERE NOT done`);
  }

  private async service(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE crm.complaints (
        id uuid PRIMARY KEY,
        company_id uuid NOT NULL REFERENCES crm.companies (id),
        contact_id uuid REFERENCES crm.contacts (id),
        type text NOT NULL CHECK (type IN ('product_quality', 'delivery', 'billing', 'service', 'other')),
        channel text NOT NULL CHECK (channel IN ('phone', 'email', 'web_form', 'chat', 'in_person')),
        description text NOT NULL,
        priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        status text NOT NULL CHECK (status IN ('new', 'in_progress', 'resolved', 'closed')),
        sla_due_at timestamptz NOT NULL,
        assignee_id uuid REFERENCES crm.users (id),
        escalation_level integer NOT NULL DEFAULT 0 CHECK (escalation_level >= 0),
        resolution text,
        resolved_at timestamptz,
        closed_at timestamptz,
        archived_at timestamptz,
        ${stamps}
      )`);
    await db.query(`CREATE INDEX complaints_status_idx ON crm.complaints (status, priority, created_at)`);
    await db.query(`CREATE INDEX complaints_assignee_idx ON crm.complaints (assignee_id, status)`);
    await db.query(`CREATE INDEX complaints_company_idx ON crm.complaints (company_id)`);
    await db.query(`CREATE INDEX complaints_created_idx ON crm.complaints (created_at, id)`);
    await db.query(`CREATE INDEX complaints_sla_idx ON crm.complaints (sla_due_at) WHERE status IN ('new', 'in_progress')`);
  }

  private async infrastructure(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE crm.record_changes (
        id bigserial PRIMARY KEY,
        record_type text NOT NULL,
        record_id uuid NOT NULL,
        action text NOT NULL,
        changes jsonb NOT NULL DEFAULT '{}',
        actor text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX record_changes_record_idx ON crm.record_changes (record_id, at)`);
    await db.query(`
      CREATE TABLE crm.record_events (
        id uuid PRIMARY KEY,
        type text NOT NULL,
        record_type text NOT NULL,
        record_id uuid NOT NULL,
        variables jsonb NOT NULL DEFAULT '{}',
        actor text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        claimed_until timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        processed_at timestamptz,
        outcome text,
        last_error text
      )`);
    await db.query(`CREATE INDEX record_events_pending_idx ON crm.record_events (created_at) WHERE processed_at IS NULL`);
    await db.query(`CREATE INDEX record_events_record_idx ON crm.record_events (record_id, created_at)`);
    await db.query(`
      CREATE TABLE crm.outbox (
        id uuid PRIMARY KEY,
        channel text NOT NULL DEFAULT 'email',
        recipient text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        record_type text,
        record_id uuid,
        status text NOT NULL CHECK (status IN ('outbox', 'pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        sent_at timestamptz
      )`);
    await db.query(`CREATE INDEX outbox_pending_idx ON crm.outbox (created_at) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX outbox_record_idx ON crm.outbox (record_id, created_at)`);
    await db.query(`
      CREATE TABLE crm.handler_runs (
        job_id text PRIMARY KEY,
        topic text NOT NULL,
        result jsonb,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA crm CASCADE`);
  }
}

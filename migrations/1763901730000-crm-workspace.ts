import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The CRM workspace's record screens: saved views (a user's named filters and sort of one list),
 * prefix indexes for the record search (deal titles, lead names; companies and contacts have
 * theirs), and the leads converted into a company, which its 360° timeline gathers.
 */
export class CrmWorkspace1763901730000 implements MigrationInterface {
  name = 'CrmWorkspace1763901730000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE crm.saved_views (
        id uuid PRIMARY KEY,
        user_id text NOT NULL,
        list text NOT NULL CHECK (list IN ('companies', 'contacts', 'leads', 'deals', 'complaints', 'activities')),
        name text NOT NULL,
        query jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX saved_views_name_uq ON crm.saved_views (user_id, list, lower(name))`);
    await db.query(`CREATE INDEX deals_title_search_idx ON crm.deals (lower(title) text_pattern_ops)`);
    await db.query(`CREATE INDEX leads_person_search_idx ON crm.leads (lower(person_name) text_pattern_ops)`);
    await db.query(`CREATE INDEX leads_converted_company_idx ON crm.leads (converted_company_id) WHERE converted_company_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX crm.leads_converted_company_idx`);
    await db.query(`DROP INDEX crm.leads_person_search_idx`);
    await db.query(`DROP INDEX crm.deals_title_search_idx`);
    await db.query(`DROP TABLE crm.saved_views`);
  }
}

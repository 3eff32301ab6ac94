import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finding and merging duplicates (crm-domain/duplicates): a company's tax id and city, the
 * `merged_into` link of a record merged into another, and the indexes the duplicate rules read:
 * the tax id, lower(email), the phone key (the last 9 digits) and a trigram index on the name key
 * (pg_trgm; the embedded PGlite loads the extension itself, see engine/adapters/typeorm/data-source.ts).
 * The keys are SQL functions so that the finder's conditions and the indexes are the same expressions.
 */
export class Duplicates1763901710000 implements MigrationInterface {
  name = 'Duplicates1763901710000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // the digits of a phone number, its last 9 (enough to tell numbers apart, blind to country and trunk prefixes); null below 9 digits
    await db.query(`
      CREATE FUNCTION crm.phone_key(phone text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT CASE WHEN length(regexp_replace(phone, '[^0-9]', '', 'g')) >= 9 THEN right(regexp_replace(phone, '[^0-9]', '', 'g'), 9) END $$`);
    await db.query(`
      CREATE FUNCTION crm.phone_keys(phones text[]) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT coalesce(array_agg(k), '{}') FROM (SELECT crm.phone_key(p) AS k FROM unnest(phones) p) keys WHERE k IS NOT NULL $$`);
    // lower case, punctuation and runs of spaces as one space: "ACME, GmbH." and "Acme GmbH" are one name
    await db.query(`
      CREATE FUNCTION crm.name_key(name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT btrim(regexp_replace(lower(name), '[^[:alnum:]]+', ' ', 'g')) $$`);

    await db.query(`ALTER TABLE crm.companies ADD COLUMN tax_id text CHECK (tax_id ~ '^[A-Z0-9]+$')`);
    await db.query(`ALTER TABLE crm.companies ADD COLUMN city text`);
    for (const table of ['companies', 'contacts', 'leads']) {
      await db.query(`ALTER TABLE crm.${table} ADD COLUMN merged_into uuid REFERENCES crm.${table} (id)`);
      await db.query(`CREATE INDEX ${table}_merged_into_idx ON crm.${table} (merged_into) WHERE merged_into IS NOT NULL`);
    }

    await db.query(`CREATE INDEX companies_tax_id_idx ON crm.companies (tax_id) WHERE tax_id IS NOT NULL`);
    await db.query(`CREATE INDEX companies_email_idx ON crm.companies (lower(email)) WHERE email IS NOT NULL`);
    await db.query(`CREATE INDEX companies_phone_keys_idx ON crm.companies USING gin (crm.phone_keys(phones))`);
    await db.query(`CREATE INDEX companies_name_trgm_idx ON crm.companies USING gin (crm.name_key(name) gin_trgm_ops)`);
    // contacts_email_idx (lower(email)) exists since the CRM schema
    await db.query(`CREATE INDEX contacts_work_phone_key_idx ON crm.contacts (crm.phone_key(work_phone)) WHERE work_phone IS NOT NULL`);
    await db.query(`CREATE INDEX contacts_mobile_phone_key_idx ON crm.contacts (crm.phone_key(mobile_phone)) WHERE mobile_phone IS NOT NULL`);
    await db.query(`CREATE INDEX contacts_name_trgm_idx ON crm.contacts USING gin (crm.name_key(full_name) gin_trgm_ops)`);
    await db.query(`CREATE INDEX leads_email_idx ON crm.leads (lower(email)) WHERE email IS NOT NULL`);
    await db.query(`CREATE INDEX leads_phone_key_idx ON crm.leads (crm.phone_key(phone)) WHERE phone IS NOT NULL`);
    await db.query(`CREATE INDEX leads_name_trgm_idx ON crm.leads USING gin (crm.name_key(person_name) gin_trgm_ops)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const index of [
      'leads_name_trgm_idx', 'leads_phone_key_idx', 'leads_email_idx', 'contacts_name_trgm_idx', 'contacts_mobile_phone_key_idx',
      'contacts_work_phone_key_idx', 'companies_name_trgm_idx', 'companies_phone_keys_idx', 'companies_email_idx', 'companies_tax_id_idx',
    ]) {
      await db.query(`DROP INDEX crm.${index}`);
    }
    for (const table of ['leads', 'contacts', 'companies']) await db.query(`ALTER TABLE crm.${table} DROP COLUMN merged_into`);
    await db.query(`ALTER TABLE crm.companies DROP COLUMN city`);
    await db.query(`ALTER TABLE crm.companies DROP COLUMN tax_id`);
    await db.query(`DROP FUNCTION crm.name_key(text)`);
    await db.query(`DROP FUNCTION crm.phone_keys(text[])`);
    await db.query(`DROP FUNCTION crm.phone_key(text)`);
  }
}

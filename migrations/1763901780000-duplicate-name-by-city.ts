import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A company's close name counts in the same city only, so the trigram index now holds the city
 * too: a GIN index on (the city key as a one-element array, name key trigrams) intersects the
 * name's trigrams with the city's companies. The array (built-in array_ops) stands for the city
 * because btree_gin, which would index the text itself, breaks pg_trgm's `%` in the embedded
 * PGlite. Against 300,000 companies in 97 cities a probe costs 2-4 ms instead of 6-7 (a GiST
 * index on the same two columns, with btree_gist: 4.9 ms when built row by row, and dearer
 * inserts; bench/README.md). The btree on (city key, created_at) answers at once whether a city
 * held a company before an import's pass began: an import probes names only in such cities.
 * crm.city_key is the city comparison the name rule always made.
 */
export class DuplicateNameByCity1763901780000 implements MigrationInterface {
  name = 'DuplicateNameByCity1763901780000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION crm.city_key(city text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT regexp_replace(lower(btrim(city)), '\\s+', ' ', 'g') $$`);
    await db.query(`CREATE INDEX companies_city_name_trgm_idx ON crm.companies USING gin ((ARRAY[crm.city_key(city)]), crm.name_key(name) gin_trgm_ops) WITH (fastupdate = off)`);
    await db.query(`CREATE INDEX companies_city_created_idx ON crm.companies (crm.city_key(city), created_at)`);
    await db.query(`DROP INDEX crm.companies_name_trgm_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX companies_name_trgm_idx ON crm.companies USING gin (crm.name_key(name) gin_trgm_ops) WITH (fastupdate = off)`);
    await db.query(`DROP INDEX crm.companies_city_created_idx`);
    await db.query(`DROP INDEX crm.companies_city_name_trgm_idx`);
    await db.query(`DROP FUNCTION crm.city_key(text)`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

const GIN_INDEXES = ['companies_phone_keys_idx', 'companies_name_trgm_idx', 'contacts_name_trgm_idx', 'leads_name_trgm_idx'];

/**
 * The duplicate rules' GIN indexes without a pending list: with one (fastupdate, the default),
 * every probe also reads all entries not yet merged, up to 4 MB, which made each probe of an
 * import's duplicate check cost about a millisecond while rows were being imported. Inserts now
 * update the index at once, which costs little per row.
 */
export class DuplicateIndexFastupdate1763901770000 implements MigrationInterface {
  name = 'DuplicateIndexFastupdate1763901770000';

  async up(db: QueryRunner): Promise<void> {
    // ALTER INDEX leaves the pending list as it is: VACUUM (or the next insert's cleanup) merges it
    for (const index of GIN_INDEXES) await db.query(`ALTER INDEX crm.${index} SET (fastupdate = off)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const index of GIN_INDEXES) await db.query(`ALTER INDEX crm.${index} RESET (fastupdate)`);
  }
}

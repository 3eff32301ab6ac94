import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cockpit's statistics as kept counts (engine/adapters/typeorm/statistics-counts.ts): base rows
 * per (definition, activity) and an insert-only table of changes that every command appends to in
 * its own statement. Counting the runtime rows at each request grew with every waiting instance
 * (bench/README.md, waiting scenario). The base rows are filled from the runtime rows here, so an
 * upgraded database is right at once. Activity '' counts the definition's process instances.
 * The index on incident(definition_id) serves the incident counts, which are still counted.
 */
export class StatisticsCounts1763901500000 implements MigrationInterface {
  name = 'StatisticsCounts1763901500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE engine.statistics_count (
        definition_id text NOT NULL,
        activity_id text NOT NULL,
        instances bigint NOT NULL,
        present bigint NOT NULL,
        PRIMARY KEY (definition_id, activity_id)
      )`);
    // no key and no index: appending must cost next to nothing; compaction keeps the table small,
    // and autovacuum is asked to keep up with its deletes
    await db.query(`
      CREATE TABLE engine.statistics_delta (
        definition_id text NOT NULL,
        activity_id text NOT NULL,
        instances integer NOT NULL,
        present integer NOT NULL
      ) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000, autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 5000)`);
    await db.query(`
      INSERT INTO engine.statistics_count (definition_id, activity_id, instances, present)
      SELECT pi.definition_id, '', count(*), 0 FROM engine.process_instance pi GROUP BY pi.definition_id
      UNION ALL
      SELECT pi.definition_id, e.element_id, count(*) FILTER (WHERE e.kind NOT IN ('multiInstanceBody', 'standardLoopBody')), count(*)
        FROM engine.element_instance e JOIN engine.process_instance pi ON pi.id = e.process_instance_id
        WHERE e.kind <> 'process' GROUP BY pi.definition_id, e.element_id`);
    await db.query(`CREATE INDEX incident_definition_idx ON engine.incident (definition_id, activity_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX engine.incident_definition_idx`);
    await db.query(`DROP TABLE engine.statistics_delta`);
    await db.query(`DROP TABLE engine.statistics_count`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Task history keeps whom a task was offered to: who may see a task's history follows it (open tasks copy theirs). */
export class TaskHistoryCandidates1763900860000 implements MigrationInterface {
  name = 'TaskHistoryCandidates1763900860000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE engine.hist_task ADD COLUMN candidate_users text[] NOT NULL DEFAULT '{}', ADD COLUMN candidate_groups text[] NOT NULL DEFAULT '{}'`);
    await db.query(`UPDATE engine.hist_task h SET candidate_users = t.candidate_users, candidate_groups = t.candidate_groups FROM engine.task t WHERE t.id = h.id`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE engine.hist_task DROP COLUMN candidate_users, DROP COLUMN candidate_groups`);
  }
}

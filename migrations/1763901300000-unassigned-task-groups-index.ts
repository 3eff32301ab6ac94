import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * GET /task?candidateGroup asks for unassigned tasks offered to a group. With only the full
 * index on candidate_groups, PostgreSQL ANDs it with every unassigned task from task_assignee_idx,
 * which grows with all waiting work (bench/README.md, waiting scenario); this index holds only
 * the unassigned tasks, so the group lookup reads the group's tasks and nothing else.
 */
export class UnassignedTaskGroupsIndex1763901300000 implements MigrationInterface {
  name = 'UnassignedTaskGroupsIndex1763901300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX task_unassigned_candidate_groups_idx ON engine.task USING gin (candidate_groups) WHERE assignee IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX engine.task_unassigned_candidate_groups_idx`);
  }
}

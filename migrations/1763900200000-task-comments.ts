import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Comments on user tasks; they outlive the task, like Camunda's. */
export class TaskComments1763900200000 implements MigrationInterface {
  name = 'TaskComments1763900200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE engine.task_comment (
        id text PRIMARY KEY,
        task_id text NOT NULL,
        process_instance_id text,
        user_id text,
        time timestamptz NOT NULL,
        message text NOT NULL
      )`);
    await db.query(`CREATE INDEX task_comment_task_idx ON engine.task_comment (task_id, time)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE engine.task_comment`);
  }
}

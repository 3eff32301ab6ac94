import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export interface TaskComment {
  readonly id: string;
  readonly taskId: string;
  readonly processInstanceId: string | null;
  readonly userId: string | null;
  readonly time: Date;
  readonly message: string;
}

interface CommentRow {
  id: string;
  task_id: string;
  process_instance_id: string | null;
  user_id: string | null;
  time: Date | string;
  message: string;
}

/** Comments on user tasks in `engine.task_comment`; they outlive the task, like Camunda's. */
export class SqlTaskComments {
  constructor(private readonly dataSource: DataSource) {}

  async list(taskId: string): Promise<TaskComment[]> {
    const rows = (await this.dataSource.query('SELECT * FROM engine.task_comment WHERE task_id = $1 ORDER BY time, id', [taskId])) as CommentRow[];
    return rows.map(toComment);
  }

  async add(comment: Omit<TaskComment, 'id'>): Promise<TaskComment> {
    const stored = { id: randomUUID(), ...comment };
    await this.dataSource.query(
      'INSERT INTO engine.task_comment (id, task_id, process_instance_id, user_id, time, message) VALUES ($1, $2, $3, $4, $5, $6)',
      [stored.id, stored.taskId, stored.processInstanceId, stored.userId, stored.time, stored.message],
    );
    return stored;
  }

  /** the process instance of an open or completed task; undefined when there is no such task */
  async processInstanceOfTask(taskId: string): Promise<string | null | undefined> {
    const rows = (await this.dataSource.query(
      'SELECT process_instance_id FROM engine.task WHERE id = $1 UNION ALL SELECT process_instance_id FROM engine.hist_task WHERE id = $1 LIMIT 1',
      [taskId],
    )) as { process_instance_id: string | null }[];
    return rows.length === 0 ? undefined : rows[0]!.process_instance_id;
  }
}

function toComment(row: CommentRow): TaskComment {
  return { id: row.id, taskId: row.task_id, processInstanceId: row.process_instance_id, userId: row.user_id, time: new Date(row.time), message: row.message };
}

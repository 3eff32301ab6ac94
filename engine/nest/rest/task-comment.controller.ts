import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { OpenedDatabase } from '../../adapters/typeorm/data-source.js';
import { NotFoundError } from '../../core/errors/index.js';
import { DATABASE } from '../tokens.js';
import { date } from './camunda-dtos.js';
import { parseBody, restBase } from './request-body.js';

const commentBody = z.object({ message: z.string({ message: 'is required' }).min(1, { message: 'must not be empty' }).max(10_000, { message: 'must be at most 10000 characters' }) });

interface CommentRow {
  id: string;
  task_id: string;
  process_instance_id: string | null;
  user_id: string | null;
  time: Date;
  message: string;
}

/** GET /task/{id}/comment and POST /task/{id}/comment/create, as Camunda's CommentDto; comments outlive their task. */
@ApiTags('Task')
@Controller('engine-rest/task')
export class TaskCommentController {
  constructor(@Inject(DATABASE) private readonly db: OpenedDatabase) {}

  @Get(':id/comment')
  async list(@Param('id') taskId: string, @Req() req: Request) {
    await this.requireTask(taskId);
    const rows = (await this.db.dataSource.query('SELECT * FROM engine.task_comment WHERE task_id = $1 ORDER BY time, id', [taskId])) as CommentRow[];
    return rows.map((row) => this.dto(row, req));
  }

  @Post(':id/comment/create')
  @HttpCode(200)
  async create(@Param('id') taskId: string, @Body() body: unknown, @Headers('x-user-id') userId: string | undefined, @Req() req: Request) {
    const { message } = parseBody(commentBody, body);
    const processInstanceId = await this.requireTask(taskId);
    const row: CommentRow = { id: randomUUID(), task_id: taskId, process_instance_id: processInstanceId, user_id: userId ?? null, time: new Date(), message };
    await this.db.dataSource.query(
      'INSERT INTO engine.task_comment (id, task_id, process_instance_id, user_id, time, message) VALUES ($1, $2, $3, $4, $5, $6)',
      [row.id, row.task_id, row.process_instance_id, row.user_id, row.time, row.message],
    );
    return this.dto(row, req);
  }

  /** the task's process instance; open and completed tasks both take comments */
  private async requireTask(taskId: string): Promise<string | null> {
    const rows = (await this.db.dataSource.query(
      `SELECT process_instance_id FROM engine.task WHERE id = $1 UNION ALL SELECT process_instance_id FROM engine.hist_task WHERE id = $1 LIMIT 1`,
      [taskId],
    )) as { process_instance_id: string | null }[];
    if (rows.length === 0) throw new NotFoundError(`No task found for task id ${taskId}`);
    return rows[0]!.process_instance_id;
  }

  private dto(row: CommentRow, req: Request) {
    return {
      links: [{ method: 'GET', href: `${restBase(req)}/task/${row.task_id}/comment/${row.id}`, rel: 'self' }],
      id: row.id,
      userId: row.user_id,
      taskId: row.task_id,
      processInstanceId: row.process_instance_id,
      time: date(new Date(row.time)),
      message: row.message,
      removalTime: null,
      rootProcessInstanceId: row.process_instance_id,
    };
  }
}

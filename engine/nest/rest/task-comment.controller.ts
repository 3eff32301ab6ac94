import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import type { OpenedDatabase } from '../../adapters/typeorm/data-source.js';
import { SqlTaskComments, type TaskComment } from '../../adapters/typeorm/sql-task-comments.js';
import { NotFoundError } from '../../core/errors/index.js';
import { DATABASE } from '../tokens.js';
import { AuthenticatedUserId } from './authenticated-user.js';
import { date } from './camunda-dtos.js';
import { parseBody, restBase } from './request-body.js';
import { OnTask, SignedIn } from '../access/index.js';

const commentBody = z.object({ message: z.string({ message: 'is required' }).min(1, { message: 'must not be empty' }).max(10_000, { message: 'must be at most 10000 characters' }) });

/** GET /task/{id}/comment and POST /task/{id}/comment/create, as Camunda's CommentDto. */
@ApiTags('Task')
@SignedIn()
@Controller('engine-rest/task')
export class TaskCommentController {
  private readonly comments: SqlTaskComments;

  constructor(@Inject(DATABASE) db: OpenedDatabase) {
    this.comments = new SqlTaskComments(db.dataSource);
  }

  @OnTask('read')
  @Get(':id/comment')
  async list(@Param('id') taskId: string, @Req() req: Request) {
    await this.requireTask(taskId);
    return (await this.comments.list(taskId)).map((comment) => this.dto(comment, req));
  }

  @OnTask('read')
  @Post(':id/comment/create')
  @HttpCode(200)
  async create(@Param('id') taskId: string, @Body() body: unknown, @AuthenticatedUserId() userId: string | null, @Req() req: Request) {
    const { message } = parseBody(commentBody, body);
    const processInstanceId = await this.requireTask(taskId);
    const comment = await this.comments.add({ taskId, processInstanceId, userId, time: new Date(), message });
    return this.dto(comment, req);
  }

  private async requireTask(taskId: string): Promise<string | null> {
    const processInstanceId = await this.comments.processInstanceOfTask(taskId);
    if (processInstanceId === undefined) throw new NotFoundError(`No task found for task id ${taskId}`);
    return processInstanceId;
  }

  private dto(comment: TaskComment, req: Request) {
    return {
      links: [{ method: 'GET', href: `${restBase(req)}/task/${comment.taskId}/comment/${comment.id}`, rel: 'self' }],
      id: comment.id,
      userId: comment.userId,
      taskId: comment.taskId,
      processInstanceId: comment.processInstanceId,
      time: date(comment.time),
      message: comment.message,
      removalTime: null,
      rootProcessInstanceId: comment.processInstanceId,
    };
  }
}

import { Body, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { taskActorOf } from '../../engine/nest/rest/authenticated-user.js';
import { taskViewerOf } from '../../engine/nest/task-visibility.js';
import { Actor } from '../shared/actor.decorator.js';
import { CrmController } from '../shared/crm-controller.decorator.js';
import { parseInput } from '../shared/validation.js';
import { completeTaskBody, taskListQuery } from './task-schemas.js';
import { TasksService } from './tasks.service.js';
import { Audited, auditedCommand, EngineRequires, OnTask, variablesIn } from '../../engine/nest/access/index.js';

/** The CRM's task list: open user tasks of all processes, each with its record. */
@EngineRequires('engine.task')
@CrmController('tasks', 'CRM tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  /** only the tasks the caller may see: their own, their team's for a head, all for directors and admins */
  @Get()
  list(@Query() query: unknown, @Req() req: unknown) {
    return this.tasks.list(parseInput(taskListQuery, query, 'query'), taskViewerOf(req));
  }

  @OnTask('read')
  @Get(':id')
  get(@Param('id') id: string) {
    return this.tasks.get(id);
  }

  @OnTask('claim')
  @Audited('task.claim', { target: 'task', details: (call) => ({ userId: call.actorId }) })
  @Post(':id/claim')
  @HttpCode(204)
  async claim(@Actor() actor: string, @Param('id') id: string, @Req() req: object) {
    await this.tasks.claim(id, actor, auditedCommand(req));
  }

  @OnTask('work')
  @Audited('task.complete', { target: 'task', details: variablesIn('variables') })
  @Post(':id/complete')
  @HttpCode(204)
  async complete(@Param('id') id: string, @Body() body: unknown, @Req() req: object) {
    await this.tasks.complete(id, parseInput(completeTaskBody, body).variables ?? {}, taskActorOf(req), auditedCommand(req));
  }
}

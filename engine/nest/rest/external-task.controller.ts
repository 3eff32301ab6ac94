import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Engine } from '../../core/engine.js';
import { NotFoundError } from '../../core/errors/index.js';
import type { ExternalTaskRecord } from '../../core/execution/records.js';
import type { EngineQueries } from '../../core/ports/engine-queries.js';
import { toDtoMap } from '../../core/variables/index.js';
import { ENGINE_QUERIES } from '../engine-providers.js';
import { ExternalTaskWaiters } from '../external-task-waiters.js';
import { externalTaskDto } from './camunda-dtos.js';
import { listQuery, parseFilter, type ParamSpec } from './query-params.js';
import { parseBody, variableMap, variablesOf } from './request-body.js';
import { Audited, auditedCommand, EngineRequires, fieldsOf } from '../access/index.js';
import { CallerTopics, ExternalTaskScope } from './external-task-scope.js';
import { INT32_MAX, MAX_DURATION_MS, retriesBody } from './number-limits.js';

export const EXTERNAL_TASK_PARAMS: ParamSpec = {
  externalTaskId: 'string', externalTaskIdIn: 'list', topicName: 'string', workerId: 'string', locked: 'boolean', notLocked: 'boolean',
  withRetriesLeft: 'boolean', noRetriesLeft: 'boolean', activityId: 'string', activityIdIn: 'list', processInstanceId: 'string',
  processInstanceIdIn: 'list', processDefinitionId: 'string', processDefinitionKey: 'string', tenantIdIn: 'list',
  priorityHigherThanOrEquals: 'long', priorityLowerThanOrEquals: 'long',
};

const MAX_LONG_POLL_MS = 30 * 60 * 1000;

const duration = () => z.number().int().positive().max(MAX_DURATION_MS, { message: `must be at most ${MAX_DURATION_MS} (100 years)` });
const retriesCount = () => z.number().int().max(INT32_MAX, { message: `must be at most ${INT32_MAX}` });

const topicSchema = z.object({
  topicName: z.string().min(1),
  lockDuration: duration(),
  variables: z.array(z.string()).nullish(),
  localVariables: z.boolean().nullish(),
  deserializeValues: z.boolean().nullish(),
  businessKey: z.string().nullish(),
  processDefinitionId: z.string().nullish(),
  processDefinitionIdIn: z.array(z.string()).nullish(),
  processDefinitionKey: z.string().nullish(),
  processDefinitionKeyIn: z.array(z.string()).nullish(),
  withoutTenantId: z.boolean().nullish(),
  tenantIdIn: z.array(z.string()).nullish(),
});
const fetchBody = z.object({
  workerId: z.string({ message: 'is required' }).min(1, { message: 'is required' }),
  maxTasks: z.number().int().min(0).nullish(),
  usePriority: z.boolean().nullish(),
  asyncResponseTimeout: z.number().int().min(0).nullish(),
  topics: z.array(topicSchema).nullish(),
});
const completeBody = z.object({ workerId: z.string({ message: 'is required' }), variables: variableMap().nullish(), localVariables: variableMap().nullish() });
const failureBody = z.object({
  workerId: z.string({ message: 'is required' }),
  errorMessage: z.string().nullish(),
  errorDetails: z.string().nullish(),
  retries: retriesCount().nullish(),
  retryTimeout: z.number().int().min(0).max(MAX_DURATION_MS, { message: `must be at most ${MAX_DURATION_MS} (100 years)` }).nullish(),
});
const bpmnErrorBody = z.object({ workerId: z.string({ message: 'is required' }), errorCode: z.string({ message: 'is required' }).min(1), errorMessage: z.string().nullish(), variables: variableMap().nullish() });
const extendLockBody = z.object({ workerId: z.string({ message: 'is required' }), newDuration: duration() });
const priorityBody = z.object({ priority: z.number().int() });

type Topic = z.infer<typeof topicSchema>;

@ApiTags('External Task')
@EngineRequires('engine.external-task')
@Controller('engine-rest/external-task')
export class ExternalTaskController {
  constructor(
    private readonly engine: Engine,
    @Inject(ENGINE_QUERIES) private readonly queries: EngineQueries,
    private readonly waiters: ExternalTaskWaiters,
  ) {}

  @Post('fetchAndLock')
  @HttpCode(200)
  async fetchAndLock(@Body() body: unknown, @Res({ passthrough: true }) res: Response, @CallerTopics() scope: ExternalTaskScope | null) {
    const request = parseBody(fetchBody, body);
    const topics = request.topics ?? [];
    scope?.requireAll(topics.map((t) => t.topicName));
    const deadline = Date.now() + Math.min(request.asyncResponseTimeout ?? 0, MAX_LONG_POLL_MS);
    const aborted = new AbortController();
    // the client went away: stop polling. Not `req.on('close')`: a request emits 'close' as soon
    // as its body has been read, which ended every long poll at once.
    res.on('close', () => {
      if (!res.writableFinished) aborted.abort();
    });
    for (;;) {
      const locked = await this.engine.fetchAndLockExternalTasks({
        workerId: request.workerId,
        maxTasks: request.maxTasks ?? 10,
        usePriority: request.usePriority ?? true,
        topics: topics.map((t) => ({
          topicName: t.topicName,
          lockDurationMs: t.lockDuration,
          ...(t.processDefinitionIdIn || t.processDefinitionId ? { processDefinitionIdIn: [...(t.processDefinitionIdIn ?? []), ...(t.processDefinitionId ? [t.processDefinitionId] : [])] } : {}),
          ...(t.processDefinitionKeyIn || t.processDefinitionKey ? { processDefinitionKeyIn: [...(t.processDefinitionKeyIn ?? []), ...(t.processDefinitionKey ? [t.processDefinitionKey] : [])] } : {}),
          ...(t.businessKey ? { businessKey: t.businessKey } : {}),
          ...(t.tenantIdIn ? { tenantIdIn: t.tenantIdIn } : {}),
          ...(t.withoutTenantId ? { withoutTenantId: true } : {}),
        })),
      });
      const remaining = deadline - Date.now();
      if (locked.length > 0 || remaining <= 0 || aborted.signal.aborted || topics.length === 0) {
        return Promise.all(locked.map((task) => this.withVariables(task, topics.find((t) => t.topicName === task.topic))));
      }
      // woken when tasks of these topics are committed here; re-checked each second for other nodes and expired locks
      await this.waiters.wait(topics.map((t) => t.topicName), Math.min(remaining, 1000), aborted.signal);
    }
  }

  @Get()
  async list(@Query() query: Record<string, unknown>, @CallerTopics() scope: ExternalTaskScope | null) {
    const list = listQuery(query, EXTERNAL_TASK_PARAMS);
    return (await this.queries.externalTasks(scope ? { ...list, filter: scope.narrow(list.filter) } : list)).map(externalTaskDto);
  }

  @Get('count')
  async count(@Query() query: Record<string, unknown>, @CallerTopics() scope: ExternalTaskScope | null) {
    return { count: await this.queries.countExternalTasks(this.filter(query, scope)) };
  }

  @Get('topic-names')
  async topicNames(@Query() query: Record<string, unknown>, @CallerTopics() scope: ExternalTaskScope | null) {
    return this.queries.externalTaskTopics(this.filter(query, scope));
  }

  @Get(':id')
  async get(@Param('id') id: string, @CallerTopics() scope: ExternalTaskScope | null) {
    return externalTaskDto(await this.task(id, scope));
  }

  @Get(':id/errorDetails')
  async errorDetails(@Param('id') id: string, @CallerTopics() scope: ExternalTaskScope | null) {
    return (await this.task(id, scope)).errorDetails ?? '';
  }

  @Post(':id/complete')
  @HttpCode(204)
  async complete(@Param('id') id: string, @Body() body: unknown, @CallerTopics() scope: ExternalTaskScope | null) {
    const request = parseBody(completeBody, body);
    await this.requireInScope(id, scope);
    await this.engine.completeExternalTask({ id, workerId: request.workerId, variables: variablesOf(request.variables), localVariables: variablesOf(request.localVariables, 'localVariables') });
  }

  @Post(':id/failure')
  @HttpCode(204)
  async failure(@Param('id') id: string, @Body() body: unknown, @CallerTopics() scope: ExternalTaskScope | null) {
    const request = parseBody(failureBody, body);
    await this.requireInScope(id, scope);
    await this.engine.failExternalTask({
      id,
      workerId: request.workerId,
      errorMessage: request.errorMessage ?? null,
      errorDetails: request.errorDetails ?? null,
      retries: request.retries ?? 0,
      retryTimeoutMs: request.retryTimeout ?? 0,
    });
  }

  @Post(':id/bpmnError')
  @HttpCode(204)
  async bpmnError(@Param('id') id: string, @Body() body: unknown, @CallerTopics() scope: ExternalTaskScope | null) {
    const request = parseBody(bpmnErrorBody, body);
    await this.requireInScope(id, scope);
    await this.engine.reportExternalTaskBpmnError({ id, workerId: request.workerId, errorCode: request.errorCode, errorMessage: request.errorMessage ?? null, variables: variablesOf(request.variables) });
  }

  @Post(':id/extendLock')
  @HttpCode(204)
  async extendLock(@Param('id') id: string, @Body() body: unknown, @CallerTopics() scope: ExternalTaskScope | null) {
    const request = parseBody(extendLockBody, body);
    await this.requireInScope(id, scope);
    await this.engine.extendExternalTaskLock(id, request.workerId, request.newDuration);
  }

  @Post(':id/unlock')
  @HttpCode(204)
  async unlock(@Param('id') id: string, @CallerTopics() scope: ExternalTaskScope | null) {
    await this.requireInScope(id, scope);
    await this.engine.unlockExternalTask(id);
  }

  @EngineRequires('engine.operate')
  @Audited('external-task.retries.set', { target: 'external-task', details: fieldsOf('body', 'retries') })
  @Put(':id/retries')
  @HttpCode(204)
  async retries(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @CallerTopics() scope: ExternalTaskScope | null) {
    const retries = parseBody(retriesBody, body).retries;
    await this.requireInScope(id, scope);
    await this.engine.setExternalTaskRetries(id, retries, auditedCommand(req));
  }

  @EngineRequires('engine.operate')
  @Audited('external-task.priority.set', { target: 'external-task', details: fieldsOf('body', 'priority') })
  @Put(':id/priority')
  @HttpCode(204)
  async priority(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @CallerTopics() scope: ExternalTaskScope | null) {
    const priority = parseBody(priorityBody, body).priority;
    await this.requireInScope(id, scope);
    await this.engine.setExternalTaskPriority(id, priority, auditedCommand(req));
  }

  /** a task of a topic outside the caller's scope answers as a missing one: its existence is not the caller's to learn */
  private async task(id: string, scope: ExternalTaskScope | null): Promise<ExternalTaskRecord> {
    const [task] = await this.queries.externalTasks({ filter: { externalTaskId: id } });
    if (!task || (scope && !scope.includes(task.topic))) throw new NotFoundError(`External task with id ${id} does not exist`);
    return task;
  }

  /** a task's topic never changes, so checking it before the command cannot race with it */
  private async requireInScope(id: string, scope: ExternalTaskScope | null): Promise<void> {
    if (scope) await this.task(id, scope);
  }

  private filter(query: Record<string, unknown>, scope: ExternalTaskScope | null): Record<string, unknown> {
    const filter = parseFilter(query, EXTERNAL_TASK_PARAMS);
    return scope ? scope.narrow(filter) : filter;
  }

  private async withVariables(task: ExternalTaskRecord, topic: Topic | undefined) {
    const visible = await this.engine.visibleVariables(task.processInstanceId, task.elementInstanceId).catch(() => new Map());
    const wanted = topic?.variables ? new Set(topic.variables) : null;
    const selected = [...visible].filter(([name]) => !wanted || wanted.has(name));
    return {
      ...externalTaskDto(task),
      errorDetails: task.errorDetails,
      variables: toDtoMap(selected, { deserializeValues: topic?.deserializeValues === true }),
      extensionProperties: {},
    };
  }
}


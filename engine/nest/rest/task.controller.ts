import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Engine } from '../../core/engine.js';
import { InvalidRequestError, NotFoundError } from '../../core/errors/index.js';
import type { EngineQueries, Filter } from '../../core/ports/engine-queries.js';
import { parseCamundaDate, toDto, toDtoMap } from '../../core/variables/index.js';
import { ENGINE_QUERIES } from '../engine-providers.js';
import { IdentityDirectory } from '../identity-directory.js';
import { taskViewerOf, TaskVisibility } from '../task-visibility.js';
import { taskActorOf } from './authenticated-user.js';
import { taskDto } from './camunda-dtos.js';
import { listQuery, parseFilter, type ParamSpec } from './query-params.js';
import { parseBody, variableMap, variablesOf } from './request-body.js';
import { allOf, Audited, auditedCommand, EngineRequires, fieldsOf, OnTask, SignedIn, TaskCheckedInCommand, variablesIn } from '../access/index.js';
import { taskFieldsGiven } from './audit-details.js';
import { INT32_MAX, INT32_MIN } from './number-limits.js';

const TASK_PARAMS: ParamSpec = {
  taskId: 'string', taskIdIn: 'list', processInstanceId: 'string', processInstanceIdIn: 'list', processInstanceBusinessKey: 'string',
  processInstanceBusinessKeyIn: 'list', processInstanceBusinessKeyLike: 'string', processDefinitionId: 'string', processDefinitionKey: 'string',
  processDefinitionKeyIn: 'list', taskDefinitionKey: 'string', taskDefinitionKeyIn: 'list', name: 'string', nameLike: 'string',
  assignee: 'string', assigneeIn: 'list', assigneeLike: 'string', owner: 'string', unassigned: 'boolean', assigned: 'boolean',
  delegationState: 'string', priority: 'int', minPriority: 'int', maxPriority: 'int', dueBefore: 'date', dueAfter: 'date', dueDate: 'date',
  withoutDueDate: 'boolean', followUpBefore: 'date', followUpAfter: 'date', createdBefore: 'date', createdAfter: 'date',
  tenantIdIn: 'list', withoutTenantId: 'boolean', withCandidateGroups: 'boolean', withoutCandidateGroups: 'boolean',
  withCandidateUsers: 'boolean', withoutCandidateUsers: 'boolean', processVariables: 'variables', taskVariables: 'variables',
};
const CANDIDATE_PARAMS: ParamSpec = { candidateUser: 'string', candidateGroup: 'string', candidateGroups: 'list', includeAssignedTasks: 'boolean', involvedUser: 'string' };

const userIdBody = z.object({ userId: z.string().nullish() });
const completeBody = z.object({ variables: variableMap().nullish(), withVariablesInReturn: z.boolean().nullish() });
const updateBody = z.object({
  name: z.string().nullish(), description: z.string().nullish(), priority: z.number().int().min(INT32_MIN, { message: `must be at least ${INT32_MIN}` }).max(INT32_MAX, { message: `must be at most ${INT32_MAX}` }).nullish(), due: z.string().nullish(),
  followUp: z.string().nullish(), owner: z.string().nullish(), assignee: z.string().nullish(),
});
const identityLinkBody = z.object({ userId: z.string().nullish(), groupId: z.string().nullish(), type: z.string() });

@ApiTags('Task')
@SignedIn()
@Controller('engine-rest/task')
export class TaskController {
  constructor(
    private readonly engine: Engine,
    @Inject(ENGINE_QUERIES) private readonly queries: EngineQueries,
    private readonly identity: IdentityDirectory,
    private readonly visibility: TaskVisibility,
  ) {}

  /** lists and counts hold only the tasks the caller may see (TaskVisibility) */
  @Get()
  async list(@Query() query: Record<string, unknown>, @Req() req: Request) {
    return (await this.queries.tasks(listQuery(query, TASK_PARAMS, await this.narrowing(query, req)))).map(taskDto);
  }

  @Post()
  @HttpCode(200)
  async query(@Body() body: Record<string, unknown>, @Query() query: Record<string, unknown>, @Req() req: Request) {
    const raw = { ...(body ?? {}), firstResult: query['firstResult'], maxResults: query['maxResults'] };
    return (await this.queries.tasks(listQuery(raw, TASK_PARAMS, await this.narrowing(raw, req)))).map(taskDto);
  }

  @Get('count')
  async count(@Query() query: Record<string, unknown>, @Req() req: Request) {
    return { count: await this.queries.countTasks({ ...parseFilter(query, TASK_PARAMS), ...(await this.narrowing(query, req)) }) };
  }

  @Post('count')
  @HttpCode(200)
  async countByBody(@Body() body: Record<string, unknown>, @Req() req: Request) {
    return { count: await this.queries.countTasks({ ...parseFilter(body ?? {}, TASK_PARAMS), ...(await this.narrowing(body ?? {}, req)) }) };
  }

  @OnTask('read')
  @Get(':id')
  async get(@Param('id') id: string) {
    return taskDto(await this.task(id));
  }

  /** replaces the task's properties: giving it to someone (assignee, owner) is checked as an assignment */
  @EngineRequires('engine.task')
  @OnTask('assign')
  @Audited('task.update', { target: 'task', details: allOf(taskFieldsGiven, fieldsOf('body', 'assignee', 'owner')) })
  @Put(':id')
  @HttpCode(204)
  async update(@Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    const update = parseBody(updateBody, body);
    await this.engine.updateTask(id, {
      name: update.name ?? null,
      description: update.description ?? null,
      ...(update.priority !== undefined && update.priority !== null ? { priority: update.priority } : {}),
      due: dateField(update.due, 'due'),
      followUp: dateField(update.followUp, 'followUp'),
      owner: update.owner ?? null,
      assignee: update.assignee ?? null,
    }, auditedCommand(req));
  }

  @EngineRequires('engine.task')
  @OnTask('claim')
  @Audited('task.claim', { target: 'task', details: fieldsOf('body', 'userId') })
  @Post(':id/claim')
  @HttpCode(204)
  async claim(@Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    const { userId } = parseBody(userIdBody, body);
    if (!userId) throw new InvalidRequestError("Invalid request body: 'userId' is required");
    await this.engine.claimTask(id, userId, auditedCommand(req));
  }

  @EngineRequires('engine.task')
  @OnTask('work')
  @Audited('task.unclaim', { target: 'task' })
  @Post(':id/unclaim')
  @HttpCode(204)
  async unclaim(@Param('id') id: string, @Req() req: Request) {
    await this.engine.setTaskAssignee(id, null, auditedCommand(req));
  }

  @EngineRequires('engine.task')
  @OnTask('assign')
  @Audited('task.assign', { target: 'task', details: fieldsOf('body', 'userId') })
  @Post(':id/assignee')
  @HttpCode(204)
  async assignee(@Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    await this.engine.setTaskAssignee(id, parseBody(userIdBody, body).userId ?? null, auditedCommand(req));
  }

  @EngineRequires('engine.task')
  @OnTask('assign')
  @Audited('task.delegate', { target: 'task', details: fieldsOf('body', 'userId') })
  @Post(':id/delegate')
  @HttpCode(204)
  async delegate(@Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    const { userId } = parseBody(userIdBody, body);
    if (!userId) throw new InvalidRequestError("Invalid request body: 'userId' is required");
    await this.engine.delegateTask(id, userId, auditedCommand(req));
  }

  @EngineRequires('engine.task')
  @OnTask('work')
  @Audited('task.resolve', { target: 'task', details: variablesIn('variables') })
  @Post(':id/resolve')
  @HttpCode(204)
  async resolve(@Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    await this.engine.resolveTask(id, variablesOf(parseBody(completeBody, body).variables), taskActorOf(req), auditedCommand(req));
  }

  @EngineRequires('engine.task')
  @OnTask('work')
  @TaskCheckedInCommand()
  @Audited('task.complete', { target: 'task', details: variablesIn('variables') })
  @Post(':id/complete')
  async complete(@Param('id') id: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const request = parseBody(completeBody, body);
    const status = request.withVariablesInReturn ? 200 : 204;
    const result = await this.engine.completeTask({ taskId: id, variables: variablesOf(request.variables), actor: taskActorOf(res.req) }, auditedCommand(res.req, status));
    res.status(status);
    return request.withVariablesInReturn ? toDtoMap(result.variables) : undefined;
  }

  @EngineRequires('engine.task')
  @OnTask('work')
  @TaskCheckedInCommand()
  @Audited('task.submit-form', { target: 'task', details: variablesIn('variables') })
  @Post(':id/submit-form')
  async submitForm(@Param('id') id: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    return this.complete(id, body, res);
  }

  @OnTask('read')
  @Get(':id/variables')
  async variables(@Param('id') id: string, @Query('deserializeValues') deserialize?: string) {
    const task = await this.task(id);
    const variables = await this.engine.visibleVariables(task.processInstanceId, task.elementInstanceId);
    return toDtoMap(variables, { deserializeValues: deserialize !== 'false' });
  }

  @OnTask('read')
  @Get(':id/form-variables')
  async formVariables(@Param('id') id: string, @Query('variableNames') names?: string) {
    const task = await this.task(id);
    const variables = await this.engine.visibleVariables(task.processInstanceId, task.elementInstanceId);
    const wanted = names ? new Set(names.split(',')) : null;
    return Object.fromEntries([...variables].filter(([name]) => !wanted || wanted.has(name)).map(([name, value]) => [name, toDto(value)]));
  }

  @EngineRequires('engine.task')
  @OnTask('work')
  @Audited('task.variables.update', { target: 'task', details: variablesIn('modifications') })
  @Post(':id/variables')
  @HttpCode(204)
  async modifyVariables(@Param('id') id: string, @Body() body: { modifications?: unknown }, @Req() req: Request) {
    await this.engine.setTaskVariables(id, variablesOf(body?.modifications, 'modifications'), false, taskActorOf(req), auditedCommand(req));
  }

  @OnTask('read')
  @Get(':id/identity-links')
  async identityLinks(@Param('id') id: string) {
    const task = await this.task(id);
    return [
      ...(task.assignee ? [{ userId: task.assignee, groupId: null, type: 'assignee' }] : []),
      ...(task.owner ? [{ userId: task.owner, groupId: null, type: 'owner' }] : []),
      ...task.candidateUsers.map((userId) => ({ userId, groupId: null, type: 'candidate' })),
      ...task.candidateGroups.map((groupId) => ({ userId: null, groupId, type: 'candidate' })),
    ];
  }

  @EngineRequires('engine.task')
  @OnTask('assign')
  @Audited('task.identity-link.add', { target: 'task', details: fieldsOf('body', 'type', 'userId', 'groupId') })
  @Post(':id/identity-links')
  @HttpCode(204)
  async addIdentityLink(@Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    await this.changeLink(id, body, true, req);
  }

  @EngineRequires('engine.task')
  @OnTask('assign')
  @Audited('task.identity-link.delete', { target: 'task', details: fieldsOf('body', 'type', 'userId', 'groupId') })
  @Post(':id/identity-links/delete')
  @HttpCode(204)
  async deleteIdentityLink(@Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    await this.changeLink(id, body, false, req);
  }

  @OnTask('read')
  @Get(':id/rendered-form')
  async renderedForm(@Param('id') id: string): Promise<never> {
    await this.task(id);
    throw new NotFoundError(`No rendered form for task ${id}: forms are rendered by the tasklist`);
  }

  private async changeLink(id: string, body: unknown, add: boolean, req: Request) {
    const link = parseBody(identityLinkBody, body);
    if (link.type === 'assignee') return this.engine.setTaskAssignee(id, add ? (link.userId ?? null) : null, auditedCommand(req));
    if (link.type === 'owner') return this.engine.updateTask(id, { owner: add ? (link.userId ?? null) : null }, auditedCommand(req));
    if (link.type !== 'candidate') throw new InvalidRequestError(`Invalid identity link type '${link.type}': expected candidate, assignee or owner`);
    const candidate = { type: 'candidate' as const, ...(link.userId ? { userId: link.userId } : {}), ...(link.groupId ? { groupId: link.groupId } : {}) };
    return this.engine.changeIdentityLink(id, candidate, add, auditedCommand(req));
  }

  private async task(id: string) {
    const [task] = await this.queries.tasks({ filter: { taskId: id } });
    if (!task) throw new NotFoundError(`No matching task with id ${id}`);
    return task;
  }

  /** the caller's visibility, and the candidate filters of the query */
  private async narrowing(raw: Record<string, unknown>, req: Request): Promise<Filter> {
    return { ...(await this.candidateFilter(raw)), ...(await this.visibility.filterFor(taskViewerOf(req))) };
  }

  /** candidateUser also finds tasks offered to the user's groups, as Camunda's identity service does */
  private async candidateFilter(raw: Record<string, unknown>): Promise<Filter> {
    const c = parseFilter(raw, CANDIDATE_PARAMS) as { candidateUser?: string; candidateGroup?: string; candidateGroups?: string[]; includeAssignedTasks?: boolean; involvedUser?: string };
    const filter: Record<string, unknown> = {};
    if (c.involvedUser) filter['involvedUserOrGroups'] = { user: c.involvedUser, groups: await this.identity.groupsOf(c.involvedUser) };
    if (!c.candidateUser && !c.candidateGroup && !c.candidateGroups) return filter;
    const groups = [...(c.candidateGroup ? [c.candidateGroup] : []), ...(c.candidateGroups ?? []), ...(c.candidateUser ? await this.identity.groupsOf(c.candidateUser) : [])];
    filter['candidates'] = { users: c.candidateUser ? [c.candidateUser] : [], groups, includeAssigned: c.includeAssignedTasks === true };
    return filter;
  }
}

function dateField(value: string | null | undefined, field: string): Date | null {
  if (!value) return null;
  try {
    return parseCamundaDate(value);
  } catch {
    throw new InvalidRequestError(`Invalid request body: '${field}' expected a date such as 2031-06-01T09:30:00.000+0000`);
  }
}

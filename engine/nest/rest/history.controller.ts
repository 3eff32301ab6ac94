import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '../../core/errors/index.js';
import type { EngineQueries, Viewer } from '../../core/ports/engine-queries.js';
import { InstanceViewer } from './authenticated-user.js';
import { ENGINE_QUERIES } from '../engine-providers.js';
import { taskViewerOf, TaskVisibility } from '../task-visibility.js';
import { historicActivityDto, historicIncidentDto, historicInstanceDto, historicTaskDto, historicVariableDto } from './camunda-dtos.js';
import { listQuery, parseFilter, type ParamSpec } from './query-params.js';
import { SignedIn } from '../access/index.js';

export const INSTANCE_PARAMS: ParamSpec = {
  processInstanceId: 'string', processInstanceIds: 'list', processInstanceBusinessKey: 'string', processInstanceBusinessKeyIn: 'list',
  processInstanceBusinessKeyLike: 'string', processDefinitionId: 'string', processDefinitionKey: 'string', processDefinitionKeyIn: 'list',
  processDefinitionName: 'string', superProcessInstanceId: 'string', rootProcessInstances: 'boolean', finished: 'boolean', unfinished: 'boolean',
  active: 'boolean', completed: 'boolean', externallyTerminated: 'boolean', internallyTerminated: 'boolean', state: 'string',
  startedBefore: 'date', startedAfter: 'date', finishedBefore: 'date', finishedAfter: 'date', startedBy: 'string', withIncidents: 'boolean', incidentType: 'string',
  tenantIdIn: 'list', variables: 'variables',
};
const ACTIVITY_PARAMS: ParamSpec = {
  activityInstanceId: 'string', processInstanceId: 'string', processDefinitionId: 'string', processDefinitionKey: 'string', activityId: 'string', activityName: 'string',
  activityType: 'string', taskAssignee: 'string', finished: 'boolean', unfinished: 'boolean', canceled: 'boolean', completeScope: 'boolean',
  startedBefore: 'date', startedAfter: 'date', finishedBefore: 'date', finishedAfter: 'date', tenantIdIn: 'list',
};
const VARIABLE_PARAMS: ParamSpec = {
  processInstanceId: 'string', processInstanceIdIn: 'list', processDefinitionId: 'string', processDefinitionKey: 'string', variableName: 'string',
  variableNameLike: 'string', activityInstanceIdIn: 'list', taskIdIn: 'list', includeDeleted: 'boolean', tenantIdIn: 'list',
};
const TASK_PARAMS: ParamSpec = {
  taskId: 'string', processInstanceId: 'string', processInstanceIdIn: 'list', processDefinitionId: 'string', processDefinitionKey: 'string',
  taskDefinitionKey: 'string', taskAssignee: 'string', taskAssigneeLike: 'string', taskName: 'string', finished: 'boolean', unfinished: 'boolean',
  taskDeleteReason: 'string', finishedBefore: 'date', finishedAfter: 'date', startedBefore: 'date', startedAfter: 'date', tenantIdIn: 'list',
};
const INCIDENT_PARAMS: ParamSpec = {
  incidentId: 'string', incidentType: 'string', processInstanceId: 'string', processDefinitionId: 'string', activityId: 'string',
  configuration: 'string', open: 'boolean', resolved: 'boolean', deleted: 'boolean', tenantIdIn: 'list',
};

/** every query narrows to the process instances the caller may see (see `visibleTo`) */
@ApiTags('History')
@SignedIn()
@Controller('engine-rest/history')
export class HistoryController {
  constructor(
    @Inject(ENGINE_QUERIES) private readonly queries: EngineQueries,
    private readonly visibility: TaskVisibility,
  ) {}

  @Get('process-instance')
  async instances(@Query() query: Record<string, unknown>, @InstanceViewer() viewer?: Viewer) {
    return (await this.queries.historicInstances(listQuery(query, INSTANCE_PARAMS, { visibleTo: viewer }))).map(historicInstanceDto);
  }

  @Get('process-instance/count')
  async countInstances(@Query() query: Record<string, unknown>, @InstanceViewer() viewer?: Viewer) {
    return { count: await this.queries.countHistoricInstances({ ...parseFilter(query, INSTANCE_PARAMS), visibleTo: viewer }) };
  }

  @Get('process-instance/:id')
  async instance(@Param('id') id: string, @InstanceViewer() viewer?: Viewer) {
    const [found] = await this.queries.historicInstances({ filter: { processInstanceId: id, visibleTo: viewer } });
    if (!found) throw new NotFoundError(`Historic process instance with id ${id} does not exist`);
    return historicInstanceDto(found);
  }

  @Get('activity-instance')
  async activities(@Query() query: Record<string, unknown>, @InstanceViewer() viewer?: Viewer) {
    return (await this.queries.historicActivities(listQuery(query, ACTIVITY_PARAMS, { visibleTo: viewer }))).map(historicActivityDto);
  }

  @Get('activity-instance/count')
  async countActivities(@Query() query: Record<string, unknown>, @InstanceViewer() viewer?: Viewer) {
    return { count: await this.queries.countHistoricActivities({ ...parseFilter(query, ACTIVITY_PARAMS), visibleTo: viewer }) };
  }

  @Get('variable-instance')
  async variables(@Query() query: Record<string, unknown>, @InstanceViewer() viewer?: Viewer) {
    const deserialize = query['deserializeValues'] !== 'false';
    return (await this.queries.historicVariables(listQuery(query, VARIABLE_PARAMS, { visibleTo: viewer }))).map((v) => historicVariableDto(v, deserialize));
  }

  @Get('variable-instance/count')
  async countVariables(@Query() query: Record<string, unknown>, @InstanceViewer() viewer?: Viewer) {
    return { count: await this.queries.countHistoricVariables({ ...parseFilter(query, VARIABLE_PARAMS), visibleTo: viewer }) };
  }

  /** only the tasks the caller may see (TaskVisibility) */
  @Get('task')
  async tasks(@Query() query: Record<string, unknown>, @Req() req: unknown) {
    return (await this.queries.historicTasks(listQuery(query, TASK_PARAMS, await this.visibility.filterFor(taskViewerOf(req))))).map(historicTaskDto);
  }

  @Get('task/count')
  async countTasks(@Query() query: Record<string, unknown>, @Req() req: unknown) {
    return { count: await this.queries.countHistoricTasks({ ...parseFilter(query, TASK_PARAMS), ...(await this.visibility.filterFor(taskViewerOf(req))) }) };
  }

  @Get('incident')
  async incidents(@Query() query: Record<string, unknown>, @InstanceViewer() viewer?: Viewer) {
    return (await this.queries.historicIncidents(listQuery(query, INCIDENT_PARAMS, { visibleTo: viewer }))).map(historicIncidentDto);
  }

  @Get('incident/count')
  async countIncidents(@Query() query: Record<string, unknown>, @InstanceViewer() viewer?: Viewer) {
    return { count: await this.queries.countHistoricIncidents({ ...parseFilter(query, INCIDENT_PARAMS), visibleTo: viewer }) };
  }
}

import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { Engine } from '../../core/engine.js';
import { InvalidRequestError, NotFoundError } from '../../core/errors/index.js';
import type { EngineQueries, Viewer } from '../../core/ports/engine-queries.js';
import { fromDto, toDto } from '../../core/variables/index.js';
import { ENGINE_QUERIES } from '../engine-providers.js';
import { activityInstanceTree } from './activity-instance-tree.js';
import { InstanceViewer } from './authenticated-user.js';
import { instanceDto } from './camunda-dtos.js';
import { listQuery, parseFilter, type ParamSpec } from './query-params.js';
import { parseBody, restBase, variableMap, variablesOf } from './request-body.js';
import { Audited, auditedCommand, EngineRequires, fieldsOf, SignedIn } from '../access/index.js';
import { instructionList, toInstruction } from './modification-instructions.js';
import { modificationDetails, variableDeleteDetails, variableEditDetails, variablePutDetails } from './audit-details.js';

/** DELETE /process-instance/{id}: `skipIoMappings` is accepted and changes nothing (output mappings never run on a deletion) */
const DELETE_PARAMS: ParamSpec = { deleteReason: 'string', skipCustomListeners: 'boolean', skipIoMappings: 'boolean' };

export const INSTANCE_PARAMS: ParamSpec = {
  processInstanceIds: 'list', businessKey: 'string', businessKeyLike: 'string', processDefinitionId: 'string', processDefinitionKey: 'string',
  processDefinitionKeyIn: 'list', superProcessInstance: 'string', subProcessInstance: 'string', rootProcessInstances: 'boolean', active: 'boolean',
  suspended: 'boolean', withIncident: 'boolean', incidentType: 'string', activityIdIn: 'list', tenantIdIn: 'list', variables: 'variables',
};

const modificationBody = z.object({
  instructions: instructionList(),
  skipCustomListeners: z.boolean().nullish(),
  skipIoMappings: z.boolean().nullish(),
  annotation: z.string().nullish(),
});

const modificationsBody = z.object({
  modifications: variableMap().nullish(),
  deletions: z.array(z.string()).nullish(),
});

@ApiTags('Process Instance')
@SignedIn()
@Controller('engine-rest/process-instance')
export class ProcessInstanceController {
  constructor(
    private readonly engine: Engine,
    @Inject(ENGINE_QUERIES) private readonly queries: EngineQueries,
  ) {}

  @Get()
  async list(@Query() query: Record<string, unknown>, @Req() req: Request, @InstanceViewer() viewer?: Viewer) {
    return (await this.queries.instances(listQuery(query, INSTANCE_PARAMS, { visibleTo: viewer }))).map((i) => instanceDto(i, restBase(req)));
  }

  @Post()
  @HttpCode(200)
  async query(@Body() body: Record<string, unknown>, @Query() query: Record<string, unknown>, @Req() req: Request, @InstanceViewer() viewer?: Viewer) {
    return (await this.queries.instances(listQuery({ ...body, ...pageOf(query) }, INSTANCE_PARAMS, { visibleTo: viewer }))).map((i) => instanceDto(i, restBase(req)));
  }

  @Get('count')
  async count(@Query() query: Record<string, unknown>, @InstanceViewer() viewer?: Viewer) {
    return { count: await this.queries.countInstances({ ...parseFilter(query, INSTANCE_PARAMS), visibleTo: viewer }) };
  }

  @Post('count')
  @HttpCode(200)
  async countByBody(@Body() body: Record<string, unknown>, @InstanceViewer() viewer?: Viewer) {
    return { count: await this.queries.countInstances({ ...parseFilter(body ?? {}, INSTANCE_PARAMS), visibleTo: viewer }) };
  }

  @Get(':id')
  async get(@Param('id') id: string, @Req() req: Request, @InstanceViewer() viewer?: Viewer) {
    const [instance] = await this.queries.instances({ filter: { processInstanceId: id, visibleTo: viewer } });
    if (!instance) throw new NotFoundError(`Process instance with id ${id} does not exist`);
    return instanceDto(instance, restBase(req));
  }

  @EngineRequires('engine.operate')
  @Audited('process-instance.cancel', { target: 'process-instance', details: fieldsOf('query', 'deleteReason') })
  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') id: string, @Req() req: Request, @Query() query: Record<string, unknown>) {
    const params = parseFilter(query, DELETE_PARAMS);
    const reason = (params['deleteReason'] as string | undefined) ?? null;
    await this.engine.deleteProcessInstance(id, reason, auditedCommand(req), { skipCustomListeners: params['skipCustomListeners'] === true });
  }

  /** token moves: cancel activity instances and start others, in one transaction */
  @EngineRequires('engine.operate')
  @Audited('process-instance.modify', { target: 'process-instance', details: modificationDetails })
  @Post(':id/modification')
  @HttpCode(204)
  async modify(@Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    const request = parseBody(modificationBody, body);
    const instructions = request.instructions.map((instruction, i) => toInstruction(instruction, i));
    await this.engine.modifyProcessInstance(id, instructions, auditedCommand(req), { skipCustomListeners: request.skipCustomListeners === true });
  }

  @Get(':id/activity-instances')
  async activityInstances(@Param('id') id: string, @InstanceViewer() viewer?: Viewer) {
    const [instance] = await this.queries.instances({ filter: { processInstanceId: id, visibleTo: viewer } });
    if (!instance) throw new NotFoundError(`Process instance with id ${id} does not exist`);
    const [elements, incidents, definition] = await Promise.all([
      this.queries.instanceElements(id),
      this.queries.incidents({ filter: { processInstanceId: id } }),
      this.engine.definition(instance.definitionId),
    ]);
    return activityInstanceTree(elements, incidents, definition);
  }

  @Get(':id/variables')
  async variables(@Param('id') id: string, @InstanceViewer() viewer: Viewer | undefined, @Query('deserializeValues') deserialize?: string) {
    await this.requireInstance(id, viewer);
    const variables = await this.queries.variables({ filter: { scopeId: id } });
    return Object.fromEntries(variables.map((v) => [v.name, toDto(v.value, { deserializeValues: deserialize !== 'false' })]));
  }

  @EngineRequires('engine.operate')
  @Audited('process-instance.variables.update', { target: 'process-instance', details: variableEditDetails })
  @Post(':id/variables')
  @HttpCode(204)
  async modifyVariables(@Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    const request = parseBody(modificationsBody, body);
    await this.engine.modifyVariables(id, variablesOf(request.modifications, 'modifications'), request.deletions ?? [], auditedCommand(req));
  }

  @Get(':id/variables/:name')
  async variable(@Param('id') id: string, @Param('name') name: string, @InstanceViewer() viewer: Viewer | undefined, @Query('deserializeValue') deserialize?: string) {
    await this.requireInstance(id, viewer);
    const [variable] = await this.queries.variables({ filter: { scopeId: id, variableName: name } });
    if (!variable) throw new NotFoundError(`process instance variable with name ${name} does not exist`);
    return toDto(variable.value, { deserializeValues: deserialize !== 'false' });
  }

  @EngineRequires('engine.operate')
  @Audited('process-instance.variables.update', { target: 'process-instance', details: variablePutDetails })
  @Put(':id/variables/:name')
  @HttpCode(204)
  async putVariable(@Param('id') id: string, @Param('name') name: string, @Body() body: unknown, @Req() req: Request) {
    await this.engine.modifyVariables(id, new Map([[name, fromDto(name, body)]]), [], auditedCommand(req));
  }

  @EngineRequires('engine.operate')
  @Audited('process-instance.variables.update', { target: 'process-instance', details: variableDeleteDetails })
  @Delete(':id/variables/:name')
  @HttpCode(204)
  async deleteVariable(@Param('id') id: string, @Param('name') name: string, @Req() req: Request) {
    await this.engine.modifyVariables(id, new Map(), [name], auditedCommand(req));
  }

  /** the instance exists and the viewer may see it, else 404 (the same answer either way) */
  private async requireInstance(id: string, viewer: Viewer | undefined): Promise<void> {
    const count = await this.queries.countInstances({ processInstanceId: id, visibleTo: viewer });
    if (count === 0) throw new NotFoundError(`Process instance with id ${id} does not exist`);
  }
}

function pageOf(query: Record<string, unknown>): Record<string, unknown> {
  return { firstResult: query['firstResult'], maxResults: query['maxResults'] };
}

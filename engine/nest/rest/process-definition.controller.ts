import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { Engine } from '../../core/engine.js';
import { ForbiddenError, NotFoundError } from '../../core/errors/index.js';
import type { EngineQueries, Viewer } from '../../core/ports/engine-queries.js';
import type { DefinitionRef } from '../../core/ports/engine-store.js';
import { toDtoMap } from '../../core/variables/index.js';
import { ENGINE_QUERIES } from '../engine-providers.js';
import { authenticatedUserHolds, AuthenticatedUserId, InstanceViewer } from './authenticated-user.js';
import { instructionList, toStartInstruction } from './modification-instructions.js';
import { definitionDto, instanceDto } from './camunda-dtos.js';
import { listQuery, parseFilter, type ParamSpec } from './query-params.js';
import { parseBody, restBase, variableMap, variablesOf } from './request-body.js';
import { Audited, auditedCommand, EngineRequires, SignedIn, type AuditSpec } from '../access/index.js';
import { startInstructionDetails, startsAtInstructions } from './audit-details.js';

const DEFINITION_PARAMS: ParamSpec = {
  processDefinitionId: 'string', processDefinitionIdIn: 'list', key: 'string', keysIn: 'list', keyLike: 'string', name: 'string', nameLike: 'string',
  deploymentId: 'string', version: 'int', versionTag: 'string', resourceName: 'string', suspended: 'boolean', active: 'boolean',
  latestVersion: 'boolean', tenantIdIn: 'list', withoutTenantId: 'boolean',
};

const startBody = z.object({
  businessKey: z.string().nullish(),
  variables: variableMap().nullish(),
  withVariablesInReturn: z.boolean().nullish(),
  caseInstanceId: z.string().nullish(),
  skipCustomListeners: z.boolean().nullish(),
  skipIoMappings: z.boolean().nullish(),
  startInstructions: instructionList().nullish(),
});

/** a start at chosen activities skips the process's first steps: audited as moving tokens is; everyday starts are not */
const AUDIT_START_AT: Omit<AuditSpec, 'action'> = {
  target: 'process-definition',
  // the definition as the route names it, by id or by key: the row is written with the start, before the instance's id is answered
  targetId: (call) => call.params['id'] ?? call.params['key'],
  when: startsAtInstructions,
  details: startInstructionDetails,
};

@ApiTags('Process Definition')
@SignedIn()
@Controller('engine-rest/process-definition')
export class ProcessDefinitionController {
  constructor(
    private readonly engine: Engine,
    @Inject(ENGINE_QUERIES) private readonly queries: EngineQueries,
  ) {}

  @Get()
  async list(@Query() query: Record<string, unknown>) {
    return (await this.queries.definitions(listQuery(query, DEFINITION_PARAMS))).map(definitionDto);
  }

  @Get('count')
  async count(@Query() query: Record<string, unknown>) {
    return { count: await this.queries.countDefinitions(parseFilter(query, DEFINITION_PARAMS)) };
  }

  /** counts over the instances the caller may see */
  @Get('statistics')
  async statistics(@InstanceViewer() viewer?: Viewer) {
    const [definitions, stats] = await Promise.all([this.queries.definitions({ filter: {} }), this.queries.definitionStatistics(viewer)]);
    const byId = new Map(stats.map((s) => [s.definitionId, s]));
    return definitions.map((d) => {
      const s = byId.get(d.id);
      return {
        id: d.id,
        instances: s?.instances ?? 0,
        failedJobs: s?.failedJobs ?? 0,
        incidents: s && s.incidents > 0 ? [{ incidentType: 'any', incidentCount: s.incidents }] : [],
        definition: definitionDto(d),
      };
    });
  }

  /** as in Camunda, a key alone names the latest version deployed without a tenant */
  @Get('key/:key')
  async byKey(@Param('key') key: string) {
    return definitionDto(await this.latest(key, null));
  }

  @Get('key/:key/xml')
  async xmlByKey(@Param('key') key: string) {
    return this.xml((await this.latest(key, null)).id);
  }

  @EngineRequires('engine.start')
  @Audited('process-instance.start-at', AUDIT_START_AT)
  @Post('key/:key/start')
  @HttpCode(200)
  async startByKey(@Param('key') key: string, @Body() body: unknown, @Req() req: Request, @AuthenticatedUserId() userId: string | null, @InstanceViewer() viewer?: Viewer) {
    return this.start({ by: 'latest', key, tenantId: null }, body, req, userId, viewer);
  }

  @Get('key/:key/tenant-id/:tenantId')
  async byKeyAndTenant(@Param('key') key: string, @Param('tenantId') tenantId: string) {
    return definitionDto(await this.latest(key, tenantId));
  }

  @Get('key/:key/tenant-id/:tenantId/xml')
  async xmlByKeyAndTenant(@Param('key') key: string, @Param('tenantId') tenantId: string) {
    return this.xml((await this.latest(key, tenantId)).id);
  }

  @EngineRequires('engine.start')
  @Audited('process-instance.start-at', AUDIT_START_AT)
  @Post('key/:key/tenant-id/:tenantId/start')
  @HttpCode(200)
  async startByKeyAndTenant(
    @Param('key') key: string, @Param('tenantId') tenantId: string, @Body() body: unknown, @Req() req: Request,
    @AuthenticatedUserId() userId: string | null, @InstanceViewer() viewer?: Viewer,
  ) {
    return this.start({ by: 'latest', key, tenantId }, body, req, userId, viewer);
  }

  @Get(':id')
  async byId(@Param('id') id: string) {
    const [definition] = await this.queries.definitions({ filter: { processDefinitionId: id } });
    if (!definition) throw new NotFoundError(`No matching definition with id ${id}`);
    return definitionDto(definition);
  }

  @Get(':id/xml')
  async xmlById(@Param('id') id: string) {
    return this.xml(id);
  }

  /** counts over the instances the caller may see */
  @Get(':id/statistics')
  async activityStatistics(@Param('id') id: string, @InstanceViewer() viewer?: Viewer) {
    const stats = await this.queries.activityStatistics(id, viewer);
    return stats.map((s) => ({
      id: s.activityId,
      instances: s.instances,
      failedJobs: s.failedJobs,
      incidents: s.incidents > 0 ? [{ incidentType: 'any', incidentCount: s.incidents }] : [],
    }));
  }

  @EngineRequires('engine.start')
  @Audited('process-instance.start-at', AUDIT_START_AT)
  @Post(':id/start')
  @HttpCode(200)
  async startById(@Param('id') id: string, @Body() body: unknown, @Req() req: Request, @AuthenticatedUserId() userId: string | null, @InstanceViewer() viewer?: Viewer) {
    return this.start({ by: 'id', id }, body, req, userId, viewer);
  }

  /**
   * The authenticated user, if any, becomes the start user, as in Camunda. A business key naming
   * a record the caller may not see is refused as if there were no such record.
   */
  private async start(definition: DefinitionRef, body: unknown, req: Request, startUserId: string | null, viewer: Viewer | undefined) {
    const request = parseBody(startBody, body);
    const startInstructions = request.startInstructions?.map(toStartInstruction) ?? [];
    // starting past a process's first steps skips them (an approval, four eyes): that is moving tokens
    if (startInstructions.length > 0 && !authenticatedUserHolds(req, 'engine.operate')) {
      throw new ForbiddenError("Starting a process at chosen activities ('startInstructions') skips its first steps, as a process instance modification does: that needs the permission 'engine.operate'");
    }
    if (viewer && request.businessKey && !(await this.queries.businessKeyVisible(request.businessKey, viewer))) {
      throw new NotFoundError(`Business key '${request.businessKey.slice(0, 100)}' names no record you can see`);
    }
    const started = await this.engine.startProcessInstance({
      definition,
      businessKey: request.businessKey ?? null,
      variables: variablesOf(request.variables),
      startUserId,
      ...(startInstructions.length > 0 ? { startInstructions, skipCustomListeners: request.skipCustomListeners === true } : {}),
    }, auditedCommand(req, 200));
    return {
      ...instanceDto(started.instance, restBase(req), started.ended),
      ...(request.withVariablesInReturn ? { variables: toDtoMap(started.variables) } : {}),
    };
  }

  private async latest(key: string, tenantId: string | null) {
    const tenant = tenantId === null ? { withoutTenantId: true } : { tenantIdIn: [tenantId] };
    const [definition] = await this.queries.definitions({ filter: { key, latestVersion: true, ...tenant }, sorting: [{ sortBy: 'version', sortOrder: 'desc' }] });
    if (!definition) {
      throw new NotFoundError(`No matching process definition with key '${key}' and ${tenantId === null ? 'no tenant-id' : `tenant-id '${tenantId}'`}`);
    }
    return definition;
  }

  private async xml(id: string) {
    const xml = await this.queries.definitionXml(id);
    if (xml === null) throw new NotFoundError(`No matching definition with id ${id}`);
    return { id, bpmn20Xml: xml };
  }
}

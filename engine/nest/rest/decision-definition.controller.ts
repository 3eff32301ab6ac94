import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Engine } from '../../core/engine.js';
import { NotFoundError } from '../../core/errors/index.js';
import type { DecisionQueries } from '../../core/ports/decision-queries.js';
import type { DefinitionRef } from '../../core/ports/engine-store.js';
import { toJsValue } from '../../core/variables/index.js';
import { EngineRequires, SignedIn } from '../access/index.js';
import { DECISION_QUERIES } from '../engine-providers.js';
import { AuthenticatedUserId } from './authenticated-user.js';
import { decisionDefinitionDto, decisionResultDto } from './decision-dtos.js';
import { listQuery, parseFilter, type ParamSpec } from './query-params.js';
import { parseBody, variableMap, variablesOf } from './request-body.js';

const DECISION_PARAMS: ParamSpec = {
  decisionDefinitionId: 'string', decisionDefinitionIdIn: 'list', key: 'string', keyLike: 'string', name: 'string', nameLike: 'string',
  category: 'string', categoryLike: 'string', version: 'int', versionTag: 'string', versionTagLike: 'string', latestVersion: 'boolean',
  deploymentId: 'string', resourceName: 'string', resourceNameLike: 'string', decisionRequirementsDefinitionId: 'string',
  decisionRequirementsDefinitionKey: 'string', tenantIdIn: 'list', withoutTenantId: 'boolean',
};

const evaluateBody = z.object({ variables: variableMap().nullish() });

/**
 * Camunda's decision definitions. Reading follows process definitions (any signed-in caller: a
 * model is no record). Evaluating takes `engine.start`: like starting a process it runs a deployed
 * model on the caller's inputs and leaves history behind (Camunda's CREATE_INSTANCE on the decision
 * definition), but changes no instance, so operating rights are not needed.
 */
@ApiTags('Decision Definition')
@SignedIn()
@Controller('engine-rest/decision-definition')
export class DecisionDefinitionController {
  constructor(
    private readonly engine: Engine,
    @Inject(DECISION_QUERIES) private readonly queries: DecisionQueries,
  ) {}

  @Get()
  async list(@Query() query: Record<string, unknown>) {
    return (await this.queries.decisionDefinitions(listQuery(query, DECISION_PARAMS))).map(decisionDefinitionDto);
  }

  @Get('count')
  async count(@Query() query: Record<string, unknown>) {
    return { count: await this.queries.countDecisionDefinitions(parseFilter(query, DECISION_PARAMS)) };
  }

  /** as in Camunda, a key alone names the latest version deployed without a tenant */
  @Get('key/:key')
  async byKey(@Param('key') key: string) {
    return decisionDefinitionDto(await this.latest(key, null));
  }

  @Get('key/:key/xml')
  async xmlByKey(@Param('key') key: string) {
    return this.xml((await this.latest(key, null)).id);
  }

  @EngineRequires('engine.start')
  @Post('key/:key/evaluate')
  @HttpCode(200)
  async evaluateByKey(@Param('key') key: string, @Body() body: unknown, @AuthenticatedUserId() userId: string | null) {
    return this.evaluate({ by: 'latest', key, tenantId: null }, body, userId);
  }

  @Get('key/:key/tenant-id/:tenantId')
  async byKeyAndTenant(@Param('key') key: string, @Param('tenantId') tenantId: string) {
    return decisionDefinitionDto(await this.latest(key, tenantId));
  }

  @Get('key/:key/tenant-id/:tenantId/xml')
  async xmlByKeyAndTenant(@Param('key') key: string, @Param('tenantId') tenantId: string) {
    return this.xml((await this.latest(key, tenantId)).id);
  }

  @EngineRequires('engine.start')
  @Post('key/:key/tenant-id/:tenantId/evaluate')
  @HttpCode(200)
  async evaluateByKeyAndTenant(@Param('key') key: string, @Param('tenantId') tenantId: string, @Body() body: unknown, @AuthenticatedUserId() userId: string | null) {
    return this.evaluate({ by: 'latest', key, tenantId }, body, userId);
  }

  @Get(':id')
  async byId(@Param('id') id: string) {
    const [definition] = await this.queries.decisionDefinitions({ filter: { decisionDefinitionId: id } });
    if (!definition) throw new NotFoundError(`No matching decision definition with id '${id}'`);
    return decisionDefinitionDto(definition);
  }

  @Get(':id/xml')
  async xmlById(@Param('id') id: string) {
    return this.xml(id);
  }

  @EngineRequires('engine.start')
  @Post(':id/evaluate')
  @HttpCode(200)
  async evaluateById(@Param('id') id: string, @Body() body: unknown, @AuthenticatedUserId() userId: string | null) {
    return this.evaluate({ by: 'id', id }, body, userId);
  }

  /** body {variables: {name: {value, type}}} → one map of typed outputs per matched rule */
  private async evaluate(ref: DefinitionRef, body: unknown, userId: string | null) {
    const request = parseBody(evaluateBody, body);
    const inputs: Record<string, unknown> = {};
    for (const [name, value] of variablesOf(request.variables)) {
      Object.defineProperty(inputs, name, { value: toJsValue(value), enumerable: true, writable: true, configurable: true });
    }
    return decisionResultDto(await this.engine.evaluateDecision(ref, inputs, userId));
  }

  private async latest(key: string, tenantId: string | null) {
    const tenant = tenantId === null ? { withoutTenantId: true } : { tenantIdIn: [tenantId] };
    const [definition] = await this.queries.decisionDefinitions({ filter: { key, latestVersion: true, ...tenant }, sorting: [{ sortBy: 'version', sortOrder: 'desc' }] });
    if (!definition) {
      throw new NotFoundError(`No matching decision definition with key '${key}' and ${tenantId === null ? 'no tenant-id' : `tenant-id '${tenantId}'`}`);
    }
    return definition;
  }

  private async xml(id: string) {
    const xml = await this.queries.dmnXml('decision', id);
    if (xml === null) throw new NotFoundError(`No matching decision definition with id '${id}'`);
    return { id, dmnXml: xml };
  }
}

import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '../../core/errors/index.js';
import type { DecisionQueries } from '../../core/ports/decision-queries.js';
import type { Viewer } from '../../core/ports/engine-queries.js';
import { SignedIn } from '../access/index.js';
import { DECISION_QUERIES } from '../engine-providers.js';
import { InstanceViewer } from './authenticated-user.js';
import { historicDecisionInstanceDto } from './decision-dtos.js';
import { listQuery, parseFilter, type ParamSpec } from './query-params.js';

const DECISION_INSTANCE_PARAMS: ParamSpec = {
  decisionInstanceId: 'string', decisionInstanceIdIn: 'list', decisionDefinitionId: 'string', decisionDefinitionIdIn: 'list',
  decisionDefinitionKey: 'string', decisionDefinitionKeyIn: 'list', decisionDefinitionName: 'string', decisionDefinitionNameLike: 'string',
  processDefinitionId: 'string', processDefinitionKey: 'string', processInstanceId: 'string', activityIdIn: 'list', activityInstanceIdIn: 'list',
  evaluatedBefore: 'date', evaluatedAfter: 'date', userId: 'string', rootDecisionInstanceId: 'string', rootDecisionInstancesOnly: 'boolean',
  decisionRequirementsDefinitionId: 'string', decisionRequirementsDefinitionKey: 'string', tenantIdIn: 'list', withoutTenantId: 'boolean',
};

/** answer-shaping parameters, not filters */
const SHAPE_PARAMS: ParamSpec = { includeInputs: 'boolean', includeOutputs: 'boolean', disableBinaryFetching: 'boolean', disableCustomObjectDeserialization: 'boolean' };

/**
 * Camunda's historic decision instances. Like the other history routes, a caller who does not see
 * every instance (`InstanceViewer`) sees the evaluations of the process instances they see;
 * of evaluations outside a process (REST evaluate) their own (the designer's test panel reads the
 * rules its evaluation matched), others' only those who see everything (ops, admins, directors).
 */
@ApiTags('History')
@SignedIn()
@Controller('engine-rest/history/decision-instance')
export class HistoricDecisionInstanceController {
  constructor(@Inject(DECISION_QUERIES) private readonly queries: DecisionQueries) {}

  @Get()
  async list(@Query() query: Record<string, unknown>, @InstanceViewer() viewer?: Viewer) {
    const include = includes(query);
    const found = await this.queries.historicDecisionInstances(listQuery(query, DECISION_INSTANCE_PARAMS, { visibleTo: viewer }));
    return found.map((h) => historicDecisionInstanceDto(h, include));
  }

  @Get('count')
  async count(@Query() query: Record<string, unknown>, @InstanceViewer() viewer?: Viewer) {
    return { count: await this.queries.countHistoricDecisionInstances({ ...parseFilter(query, DECISION_INSTANCE_PARAMS), visibleTo: viewer }) };
  }

  @Get(':id')
  async byId(@Param('id') id: string, @Query() query: Record<string, unknown>, @InstanceViewer() viewer?: Viewer) {
    const [found] = await this.queries.historicDecisionInstances({ filter: { decisionInstanceId: id, visibleTo: viewer } });
    if (!found) throw new NotFoundError(`Historic decision instance with id '${id}' does not exist`);
    return historicDecisionInstanceDto(found, includes(query));
  }
}

function includes(query: Record<string, unknown>): { inputs: boolean; outputs: boolean } {
  const shape = parseFilter(query, SHAPE_PARAMS);
  return { inputs: shape['includeInputs'] === true, outputs: shape['includeOutputs'] === true };
}

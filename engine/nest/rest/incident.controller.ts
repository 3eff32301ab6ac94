import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { EngineQueries } from '../../core/ports/engine-queries.js';
import { ENGINE_QUERIES } from '../engine-providers.js';
import { incidentDto } from './camunda-dtos.js';
import { listQuery, parseFilter, type ParamSpec } from './query-params.js';
import { EngineRequires } from '../access/index.js';

const INCIDENT_PARAMS: ParamSpec = {
  incidentId: 'string', incidentType: 'string', incidentMessage: 'string', incidentMessageLike: 'string', processDefinitionId: 'string',
  processDefinitionIdIn: 'list', processDefinitionKeyIn: 'list', processInstanceId: 'string', executionId: 'string', activityId: 'string', failedActivityId: 'string',
  causeIncidentId: 'string', rootCauseIncidentId: 'string', configuration: 'string', tenantIdIn: 'list',
};

@ApiTags('Incident')
@EngineRequires('engine.operate')
@Controller('engine-rest/incident')
export class IncidentController {
  constructor(@Inject(ENGINE_QUERIES) private readonly queries: EngineQueries) {}

  @Get()
  async list(@Query() query: Record<string, unknown>) {
    return (await this.queries.incidents(listQuery(query, INCIDENT_PARAMS))).map(incidentDto);
  }

  @Get('count')
  async count(@Query() query: Record<string, unknown>) {
    return { count: await this.queries.countIncidents(parseFilter(query, INCIDENT_PARAMS)) };
  }
}

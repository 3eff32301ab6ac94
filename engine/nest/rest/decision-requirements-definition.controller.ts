import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '../../core/errors/index.js';
import type { DecisionQueries } from '../../core/ports/decision-queries.js';
import { SignedIn } from '../access/index.js';
import { DECISION_QUERIES } from '../engine-providers.js';
import { requirementsDefinitionDto } from './decision-dtos.js';
import { listQuery, parseFilter, type ParamSpec } from './query-params.js';

const REQUIREMENTS_PARAMS: ParamSpec = {
  decisionRequirementsDefinitionId: 'string', decisionRequirementsDefinitionIdIn: 'list', key: 'string', keyLike: 'string', name: 'string',
  nameLike: 'string', category: 'string', categoryLike: 'string', version: 'int', latestVersion: 'boolean', deploymentId: 'string',
  resourceName: 'string', resourceNameLike: 'string', tenantIdIn: 'list', withoutTenantId: 'boolean',
};

/** Camunda's decision requirements definitions (one per deployed DMN resource); read like process definitions */
@ApiTags('Decision Requirements Definition')
@SignedIn()
@Controller('engine-rest/decision-requirements-definition')
export class DecisionRequirementsDefinitionController {
  constructor(@Inject(DECISION_QUERIES) private readonly queries: DecisionQueries) {}

  @Get()
  async list(@Query() query: Record<string, unknown>) {
    return (await this.queries.requirementsDefinitions(listQuery(query, REQUIREMENTS_PARAMS))).map(requirementsDefinitionDto);
  }

  @Get('count')
  async count(@Query() query: Record<string, unknown>) {
    return { count: await this.queries.countRequirementsDefinitions(parseFilter(query, REQUIREMENTS_PARAMS)) };
  }

  @Get(':id')
  async byId(@Param('id') id: string) {
    const [definition] = await this.queries.requirementsDefinitions({ filter: { decisionRequirementsDefinitionId: id } });
    if (!definition) throw new NotFoundError(`No matching decision requirements definition with id '${id}'`);
    return requirementsDefinitionDto(definition);
  }

  @Get(':id/xml')
  async xml(@Param('id') id: string) {
    const xml = await this.queries.dmnXml('requirements', id);
    if (xml === null) throw new NotFoundError(`No matching decision requirements definition with id '${id}'`);
    return { id, dmnXml: xml };
  }
}

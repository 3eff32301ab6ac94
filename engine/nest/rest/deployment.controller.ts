import { Body, Controller, Delete, Get, HttpCode, Inject, Logger, Param, Post, Query, Req, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Engine } from '../../core/engine.js';
import { ForbiddenError, InvalidRequestError, NotFoundError, type ParseIssue } from '../../core/errors/index.js';
import type { EngineQueries } from '../../core/ports/engine-queries.js';
import { ENGINE_QUERIES } from '../engine-providers.js';
import { TakesBody } from '../http/body-types.js';
import { sendDownload } from '../http/download.js';
import { definitionDto, deploymentDto } from './camunda-dtos.js';
import { listQuery, parseFilter, type ParamSpec } from './query-params.js';
import { restBase } from './request-body.js';
import { Audited, EngineRequires, fieldsOf, SignedIn } from '../access/index.js';
import { authenticatedUserHolds } from './authenticated-user.js';
import { deploymentDetails } from './audit-details.js';
import { warningsDto } from './parse-problems.js';
import { decisionDefinitionDto, requirementsDefinitionDto } from './decision-dtos.js';

const DEPLOYMENT_PARAMS: ParamSpec = { id: 'string', name: 'string', nameLike: 'string', source: 'string', tenantIdIn: 'list', withoutTenantId: 'boolean', before: 'date', after: 'date' };
/** Camunda's; listeners and I/O mappings are skipped anyway when an instance is deleted here */
const DELETE_PARAMS: ParamSpec = { cascade: 'boolean', skipCustomListeners: 'boolean', skipIoMappings: 'boolean' };
const RESERVED_FIELDS = new Set(['deployment-name', 'deployment-source', 'enable-duplicate-filtering', 'deploy-changed-only', 'tenant-id', 'deployment-activation-time']);

interface UploadedFile {
  readonly fieldname: string;
  readonly originalname: string;
  readonly buffer: Buffer;
}

/** the form fields arrive after the global input check (multer reads them in the route): checked here */
function refuseNulInFields(fields: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(fields ?? {})) {
    if (name.includes('\u0000') || String(value).includes('\u0000')) {
      throw new InvalidRequestError(`Expected no NUL character (\\u0000) in form field '${name.replaceAll('\u0000', '\\u0000')}', but it has one`);
    }
  }
}

const log = new Logger('Deployment');

function logWarnings(deploymentId: string, warnings: Readonly<Record<string, readonly ParseIssue[]>>): void {
  for (const [resource, issues] of Object.entries(warnings)) {
    for (const issue of issues) log.warn(`deployment ${deploymentId}, resource '${resource}'${issue.elementId ? `, element '${issue.elementId}'` : ''}: ${issue.message}`);
  }
}

@ApiTags('Deployment')
@SignedIn()
@Controller('engine-rest/deployment')
export class DeploymentController {
  constructor(
    private readonly engine: Engine,
    @Inject(ENGINE_QUERIES) private readonly queries: EngineQueries,
  ) {}

  @EngineRequires('engine.deploy')
  @Audited('deployment.create', { target: 'deployment', details: deploymentDetails })
  @Post('create')
  @HttpCode(200)
  @TakesBody('multipart')
  @UseInterceptors(AnyFilesInterceptor())
  async create(@UploadedFiles() files: UploadedFile[] | undefined, @Body() fields: Record<string, string>, @Req() req: Request) {
    refuseNulInFields(fields);
    const resources = (files ?? []).filter((f) => !RESERVED_FIELDS.has(f.fieldname)).map((f) => ({ name: f.originalname || f.fieldname, content: f.buffer.toString('utf8') }));
    if (resources.length === 0) throw new InvalidRequestError('No deployment resources contained in the form upload');
    const result = await this.engine.deploy({
      name: fields['deployment-name'] ?? null,
      source: fields['deployment-source'] ?? null,
      tenantId: fields['tenant-id'] || null,
      enableDuplicateFiltering: fields['enable-duplicate-filtering'] === 'true',
      deployChangedOnly: fields['deploy-changed-only'] === 'true',
      resources,
    });
    logWarnings(result.deployment.id, result.warnings);
    const definitions = result.definitions === null ? null : Object.fromEntries(result.definitions.map((d) => [d.id, definitionDto(d)]));
    return {
      ...deploymentDto(result.deployment, restBase(req)),
      deployedProcessDefinitions: definitions && Object.keys(definitions).length > 0 ? definitions : null,
      deployedCaseDefinitions: null,
      deployedDecisionDefinitions: byId(result.decisionDefinitions, decisionDefinitionDto),
      deployedDecisionRequirementsDefinitions: byId(result.decisionRequirementsDefinitions, requirementsDefinitionDto),
      // ours, not Camunda's: what is legal but suspicious, by resource (README, *Deploy-time validation*)
      warnings: warningsDto(result.warnings),
    };
  }

  /**
   * Refused (409) while the deployment's definitions have running instances; `cascade=true` deletes
   * them first, which is operating instances: it needs engine.operate besides engine.deploy.
   */
  @EngineRequires('engine.deploy')
  @Audited('deployment.delete', { target: 'deployment', details: fieldsOf('query', 'cascade') })
  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') id: string, @Query() query: Record<string, unknown>, @Req() req: Request) {
    const params = parseFilter(query, DELETE_PARAMS);
    const cascade = params['cascade'] === true;
    if (cascade && !authenticatedUserHolds(req, 'engine.operate')) {
      throw new ForbiddenError("Deleting a deployment with cascade=true deletes its running process instances: that needs the permission 'engine.operate'");
    }
    await this.engine.deleteDeployment(id, { cascade, skipCustomListeners: params['skipCustomListeners'] === true });
  }

  @Get()
  async list(@Query() query: Record<string, unknown>, @Req() req: Request) {
    const rows = await this.queries.deployments(listQuery(query, DEPLOYMENT_PARAMS));
    return rows.map((d) => deploymentDto(d, restBase(req)));
  }

  @Get('count')
  async count(@Query() query: Record<string, unknown>) {
    return { count: await this.queries.countDeployments(parseFilter(query, DEPLOYMENT_PARAMS)) };
  }

  @Get(':id')
  async get(@Param('id') id: string, @Req() req: Request) {
    const [deployment] = await this.queries.deployments({ filter: { id } });
    if (!deployment) throw new NotFoundError(`Deployment with id '${id}' does not exist`);
    return deploymentDto(deployment, restBase(req));
  }

  @Get(':id/resources')
  async resources(@Param('id') id: string) {
    const resources = await this.queries.deploymentResources(id);
    if (resources.length === 0) throw new NotFoundError(`Deployment resources for deployment id '${id}' do not exist`);
    return resources.map((r) => ({ id: r.id, name: r.name, deploymentId: r.deploymentId }));
  }

  @Get(':id/resources/:resourceId/data')
  async resourceData(@Param('id') id: string, @Param('resourceId') resourceId: string, @Res() res: Response) {
    const resource = (await this.queries.deploymentResources(id)).find((r) => r.id === resourceId);
    if (!resource) throw new NotFoundError(`Deployment resource '${resourceId}' for deployment id '${id}' does not exist`);
    sendDownload(res, resource.name, resource.content);
  }
}

/** Camunda's `deployed...Definitions`: by id, null when there are none */
function byId<R extends { readonly id: string }, D>(records: readonly R[] | null, dto: (record: R) => D): Record<string, D> | null {
  if (!records || records.length === 0) return null;
  return Object.fromEntries(records.map((r) => [r.id, dto(r)]));
}

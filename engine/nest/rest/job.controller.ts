import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Engine } from '../../core/engine.js';
import { JobFailedError, NotFoundError } from '../../core/errors/index.js';
import type { EngineQueries } from '../../core/ports/engine-queries.js';
import { ENGINE_QUERIES } from '../engine-providers.js';
import { jobDto } from './camunda-dtos.js';
import { listQuery, parseFilter, type ParamSpec } from './query-params.js';
import { parseBody } from './request-body.js';
import { Audited, auditedCommand, EngineRequires, fieldsOf } from '../access/index.js';
import { retriesBody } from './number-limits.js';

export const JOB_PARAMS: ParamSpec = {
  jobId: 'string', jobIds: 'list', processInstanceId: 'string', processInstanceIds: 'list', processDefinitionId: 'string',
  processDefinitionKey: 'string', activityId: 'string', timers: 'boolean', messages: 'boolean', executable: 'boolean',
  withRetriesLeft: 'boolean', noRetriesLeft: 'boolean', withException: 'boolean', exceptionMessage: 'string', active: 'boolean',
  suspended: 'boolean', dueBefore: 'date', dueAfter: 'date', tenantIdIn: 'list',
};

@ApiTags('Job')
@EngineRequires('engine.operate')
@Controller('engine-rest/job')
export class JobController {
  constructor(
    private readonly engine: Engine,
    @Inject(ENGINE_QUERIES) private readonly queries: EngineQueries,
  ) {}

  @Get()
  async list(@Query() query: Record<string, unknown>) {
    return (await this.queries.jobs(listQuery(query, JOB_PARAMS))).map(jobDto);
  }

  @Get('count')
  async count(@Query() query: Record<string, unknown>) {
    return { count: await this.queries.countJobs(parseFilter(query, JOB_PARAMS)) };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    const [job] = await this.queries.jobs({ filter: { jobId: id } });
    if (!job) throw new NotFoundError(`Job with id ${id} does not exist`);
    return jobDto(job);
  }

  @Get(':id/stacktrace')
  async stacktrace(@Param('id') id: string) {
    const [job] = await this.queries.jobs({ filter: { jobId: id } });
    if (!job) throw new NotFoundError(`Job with id ${id} does not exist`);
    return job.exceptionDetails ?? '';
  }

  /** runs the job now; a failure is recorded on the job (retries, incident) and answered as Camunda does: 500 RestException */
  @Audited('job.execute', { target: 'job' })
  @Post(':id/execute')
  @HttpCode(204)
  async execute(@Param('id') id: string) {
    const { outcome, error } = await this.engine.jobs.executeNow(id);
    if (outcome === 'failed') throw new JobFailedError(id, error);
  }

  @Audited('job.retries.set', { target: 'job', details: fieldsOf('body', 'retries') })
  @Put(':id/retries')
  @HttpCode(204)
  async retries(@Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    await this.engine.setJobRetries(id, parseBody(retriesBody, body).retries, auditedCommand(req));
  }
}

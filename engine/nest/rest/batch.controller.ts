import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiTags } from '@nestjs/swagger';
import { Engine } from '../../core/engine.js';
import { NotFoundError } from '../../core/errors/index.js';
import type { BatchQueries } from '../../core/ports/batch-queries.js';
import { BATCH_QUERIES } from '../engine-providers.js';
import { batchDto, batchStatisticsDto } from './batch-dtos.js';
import { parseSuspendedRequest } from './batch-requests.js';
import { listQuery, parseFilter, type ParamSpec } from './query-params.js';
import { Audited, auditedCommand, EngineRequires, fieldsOf } from '../access/index.js';

const BATCH_PARAMS: ParamSpec = {
  batchId: 'string', type: 'string', tenantIdIn: 'list', withoutTenantId: 'boolean', suspended: 'boolean', createUserId: 'string',
  startedBefore: 'date', startedAfter: 'date',
};
const STATISTICS_PARAMS: ParamSpec = { ...BATCH_PARAMS, hasFailure: 'boolean' };

/** Running batches (Camunda 7's /batch): a batch leaves this list when it ends; /history/batch keeps it. */
@ApiTags('Batch')
@EngineRequires('engine.operate')
@Controller('engine-rest/batch')
export class BatchController {
  constructor(
    private readonly engine: Engine,
    @Inject(BATCH_QUERIES) private readonly batches: BatchQueries,
  ) {}

  @Get()
  async list(@Query() query: Record<string, unknown>) {
    return (await this.batches.runningBatches(listQuery(query, BATCH_PARAMS))).map((p) => batchDto(p.batch));
  }

  @Get('count')
  async count(@Query() query: Record<string, unknown>) {
    return { count: await this.batches.countRunningBatches(parseFilter(query, BATCH_PARAMS)) };
  }

  @Get('statistics')
  async statistics(@Query() query: Record<string, unknown>) {
    return (await this.batches.runningBatches(listQuery(query, STATISTICS_PARAMS))).map(batchStatisticsDto);
  }

  @Get('statistics/count')
  async countStatistics(@Query() query: Record<string, unknown>) {
    return { count: await this.batches.countRunningBatches(parseFilter(query, STATISTICS_PARAMS)) };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    const [found] = await this.batches.runningBatches({ filter: { batchId: id } });
    if (!found) throw new NotFoundError(`Batch with id '${id}' does not exist`);
    return batchDto(found.batch);
  }

  /** its jobs go; with cascade=true its history too */
  @Audited('batch.delete', { target: 'batch', details: fieldsOf('query', 'cascade') })
  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') id: string, @Query() query: Record<string, unknown>, @Req() req: Request) {
    const { cascade } = parseFilter(query, { cascade: 'boolean' });
    await this.engine.deleteBatch(id, cascade === true, auditedCommand(req));
  }

  @Audited('batch.suspend', { target: 'batch', details: fieldsOf('body', 'suspended') })
  @Put(':id/suspended')
  @HttpCode(204)
  async suspend(@Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    await this.engine.setBatchSuspended(id, parseSuspendedRequest(body), auditedCommand(req));
  }
}

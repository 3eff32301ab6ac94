import { Controller, Delete, Get, HttpCode, Inject, Param, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiTags } from '@nestjs/swagger';
import type { BatchItemStatus } from '../../core/batches/batch-records.js';
import { Engine } from '../../core/engine.js';
import { InvalidRequestError, NotFoundError } from '../../core/errors/index.js';
import type { BatchQueries } from '../../core/ports/batch-queries.js';
import { BATCH_QUERIES } from '../engine-providers.js';
import { batchItemDto, historicBatchDto } from './batch-dtos.js';
import { listQuery, parseFilter, parsePage, type ParamSpec } from './query-params.js';
import { Audited, auditedCommand, EngineRequires } from '../access/index.js';

const HISTORIC_BATCH_PARAMS: ParamSpec = {
  batchId: 'string', type: 'string', completed: 'boolean', tenantIdIn: 'list', withoutTenantId: 'boolean', createUserId: 'string',
};
const ITEM_STATUSES: readonly BatchItemStatus[] = ['pending', 'done', 'skipped', 'failed', 'canceled'];

/** Every batch, running or ended (Camunda 7's /history/batch), with what happened to its items. */
@ApiTags('Historic Batch')
@EngineRequires('engine.operate')
@Controller('engine-rest/history/batch')
export class HistoricBatchController {
  constructor(
    private readonly engine: Engine,
    @Inject(BATCH_QUERIES) private readonly batches: BatchQueries,
  ) {}

  @Get()
  async list(@Query() query: Record<string, unknown>) {
    return (await this.batches.historicBatches(listQuery(query, HISTORIC_BATCH_PARAMS))).map(historicBatchDto);
  }

  @Get('count')
  async count(@Query() query: Record<string, unknown>) {
    return { count: await this.batches.countHistoricBatches(parseFilter(query, HISTORIC_BATCH_PARAMS)) };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    return historicBatchDto(await this.find(id));
  }

  /** our extension: the batch's items in order, `status=failed,skipped` for the ones that did not go through */
  @Get(':id/items')
  async items(@Param('id') id: string, @Query() query: Record<string, unknown>) {
    await this.find(id);
    const { status } = parseFilter(query, { status: 'list' }) as { status?: string[] };
    const unknown = status?.find((s) => !ITEM_STATUSES.includes(s as BatchItemStatus));
    if (unknown) throw new InvalidRequestError(`Cannot set query parameter 'status' to value '${unknown}': expected ${ITEM_STATUSES.join(', ')}`);
    return (await this.batches.batchItems(id, (status as BatchItemStatus[] | undefined) ?? null, parsePage(query))).map(batchItemDto);
  }

  /** an ended batch's history; a running batch is deleted with DELETE /batch/{id} */
  @Audited('batch.history.delete', { target: 'batch' })
  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') id: string, @Req() req: Request) {
    await this.engine.deleteHistoricBatch(id, auditedCommand(req));
  }

  private async find(id: string) {
    const [found] = await this.batches.historicBatches({ filter: { batchId: id } });
    if (!found) throw new NotFoundError(`Historic batch with id '${id}' does not exist`);
    return found;
  }
}

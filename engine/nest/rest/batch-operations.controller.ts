import { Body, Controller, HttpCode, Post, Put, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiTags } from '@nestjs/swagger';
import { Engine } from '../../core/engine.js';
import { BatchSelection } from '../batch-selection.js';
import { AuthenticatedUserId } from './authenticated-user.js';
import { batchDto } from './batch-dtos.js';
import { parseDeleteRequest, parseExternalTaskRetriesRequest, parseJobRetriesRequest } from './batch-requests.js';
import { Audited, auditedCommand, EngineRequires } from '../access/index.js';
import { bulkDetails } from './audit-details.js';
import { CallerTopics, type ExternalTaskScope } from './external-task-scope.js';

/**
 * Camunda 7's operations over many process instances, jobs or external tasks. The selection is
 * resolved now; the work runs as a batch of jobs (GET /batch/statistics shows its progress).
 * The authenticated user, if any, becomes the batch's createUserId.
 */
@ApiTags('Batch')
@EngineRequires('engine.operate')
@Controller('engine-rest')
export class BatchOperationsController {
  constructor(
    private readonly engine: Engine,
    private readonly selection: BatchSelection,
  ) {}

  @Audited('batch.create', { target: 'batch', details: bulkDetails(['processInstanceIds'], ['deleteReason']) })
  @Post('process-instance/delete')
  @HttpCode(200)
  async deleteInstances(@Body() body: unknown, @AuthenticatedUserId() userId: string | null) {
    const request = parseDeleteRequest(body);
    const targetIds = await this.selection.processInstances(request.selection);
    return batchDto(await this.engine.createBatch({ type: 'instance-deletion', targetIds, configuration: request.configuration, createUserId: userId }));
  }

  @Audited('batch.create', { target: 'batch', details: bulkDetails(['jobIds', 'processInstanceIds'], ['retries']) })
  @Post('job/retries')
  @HttpCode(200)
  async jobRetries(@Body() body: unknown, @AuthenticatedUserId() userId: string | null) {
    const request = parseJobRetriesRequest(body);
    const targetIds = await this.selection.jobs(request.selection);
    const configuration = { retries: request.retries, ...(request.dueDate ? { dueDate: request.dueDate } : {}) };
    return batchDto(await this.engine.createBatch({ type: 'set-job-retries', targetIds, configuration, createUserId: userId }));
  }

  @Audited('batch.create', { target: 'batch', details: bulkDetails(['externalTaskIds', 'processInstanceIds'], ['retries']) })
  @Post('external-task/retries-async')
  @HttpCode(200)
  async externalTaskRetriesAsync(@Body() body: unknown, @AuthenticatedUserId() userId: string | null, @CallerTopics() scope: ExternalTaskScope | null) {
    const request = parseExternalTaskRetriesRequest(body);
    const targetIds = await this.selection.externalTasks(request.selection, scope?.topics);
    return batchDto(await this.engine.createBatch({ type: 'set-external-task-retries', targetIds, configuration: { retries: request.retries }, createUserId: userId }));
  }

  /** the synchronous variant: all tasks in one transaction; an unknown id is a 404 and changes nothing */
  @Audited('external-task.retries.set', { target: 'external-task', details: bulkDetails(['externalTaskIds', 'processInstanceIds'], ['retries']) })
  @Put('external-task/retries')
  @HttpCode(204)
  async externalTaskRetries(@Body() body: unknown, @Req() req: Request, @CallerTopics() scope: ExternalTaskScope | null) {
    const request = parseExternalTaskRetriesRequest(body);
    const ids = await this.selection.externalTasks(request.selection, scope?.topics);
    await this.engine.setExternalTasksRetries(ids, request.retries, auditedCommand(req));
  }
}

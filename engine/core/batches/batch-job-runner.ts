import type { CommandProcessor } from '../commands/command-processor.js';
import type { JobRecord } from '../execution/records.js';
import type { EngineStore } from '../ports/engine-store.js';
import { applyBatchItem, completeChunk, recordBatchItemFailure, seedBatch } from './batch-commands.js';
import { BATCH_OPERATIONS } from './batch-operations.js';
import type { BatchType } from './batch-records.js';

/**
 * Runs a claimed batch job. A chunk job works through its pending items one command each, so one
 * item's failure rolls back only that item (and is recorded on it); then it completes the chunk.
 * A crash anywhere leaves the job row locked until its lock expires; the next run picks up the
 * items still pending, and an item's outcome commits with its effect, so none is applied twice.
 */
export class BatchJobRunner {
  constructor(
    private readonly store: EngineStore,
    private readonly processor: CommandProcessor,
  ) {}

  async run(job: JobRecord, owner: string): Promise<void> {
    if (job.type === 'batch-seed') {
      await this.processor.run((scope) => seedBatch(scope, job.id, owner));
      return;
    }
    await this.runChunk(job, owner);
  }

  private async runChunk(job: JobRecord, owner: string): Promise<void> {
    const batchId = job.payload.batchId ?? '';
    const work = await this.store.transaction(async (tx) => {
      const stored = await tx.batches.find(batchId);
      return stored ? { type: stored.batch.type, items: await tx.batches.pendingItems(batchId, job.payload.chunk ?? -1) } : null;
    });
    for (const item of work?.items ?? []) {
      if ((await this.runItem(work!.type, batchId, item.seq)) === 'batch-stopped') break;
    }
    await this.processor.run((scope) => completeChunk(scope, job.id, owner));
  }

  private async runItem(type: BatchType, batchId: string, seq: number): Promise<string> {
    const operation = BATCH_OPERATIONS[type];
    try {
      return await this.processor.run((scope) => applyBatchItem(scope, batchId, seq, operation));
    } catch (error) {
      // the item's transaction rolled back; its failure is recorded in a new one (if that fails too, the job fails and retries)
      await this.processor.run((scope) => recordBatchItemFailure(scope, batchId, seq, error));
      return 'failed';
    }
  }
}

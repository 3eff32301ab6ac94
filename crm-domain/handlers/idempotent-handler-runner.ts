import { Injectable } from '@nestjs/common';
import type { ServiceTaskInput, ServiceTaskResult } from '../../engine/core/ports/service-task-handler.js';
import { CrmDatabase } from '../shared/crm-database.js';
import type { CrmTaskHandler } from './task-handler.decorator.js';

/**
 * Runs a handler exactly once per job id: the run is recorded in `crm.handler_runs` in the same
 * transaction as the handler's own writes. A repeat (the engine retries a job whose completion
 * was lost) finds the record and returns the stored result. On PostgreSQL a concurrent repeat
 * waits on the first one's insert and then reads its result.
 */
@Injectable()
export class IdempotentHandlerRunner {
  constructor(private readonly db: CrmDatabase) {}

  async run(topic: string, handler: CrmTaskHandler, input: ServiceTaskInput): Promise<ServiceTaskResult | void> {
    const outcome = await this.db.transaction(`process:${input.processDefinitionKey}`, async (tx) => {
      const claimed = (await tx.manager.query(
        'INSERT INTO crm.handler_runs (job_id, topic) VALUES ($1, $2) ON CONFLICT (job_id) DO NOTHING RETURNING job_id',
        [input.jobId, topic],
      )) as unknown[];
      if (claimed.length === 0) {
        const [earlier] = (await tx.manager.query('SELECT result FROM crm.handler_runs WHERE job_id = $1', [input.jobId])) as { result: ServiceTaskResult | null }[];
        return { replayed: true, result: earlier?.result ?? undefined };
      }
      const result = await handler.handle(input, tx);
      await tx.manager.query('UPDATE crm.handler_runs SET result = $2 WHERE job_id = $1', [input.jobId, JSON.stringify(result ?? null)]);
      return { replayed: false, result };
    });
    if (!outcome.replayed) await handler.afterCommit?.(outcome.result);
    return outcome.result ?? undefined;
  }
}

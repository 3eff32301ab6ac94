import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Engine } from '../../engine/core/engine.js';
import type { EngineQueries } from '../../engine/core/ports/engine-queries.js';
import { ENGINE_QUERIES } from '../../engine/nest/engine-providers.js';
import { typedVariables } from '../shared/typed-variables.js';
import { DealsService } from '../deals/deals.service.js';
import { SYSTEM_VIEWER } from '../access/record-viewer.js';

const WAIT_MS = 120_000;
const POLL_MS = 250;

/**
 * Something for ops to repair in the demo: a discount request the manager rejected, resubmitted by
 * its requester with 150 % (a typo for 15). "Resubmit revised deal" refuses a discount over 100 %,
 * its retries run out and an incident waits in the cockpit: set `discountPercent` to 15 on the
 * instance page, press Retry, and the request goes back to the manager.
 */
@Injectable()
export class DemoIncident implements OnApplicationShutdown {
  private readonly log = new Logger('CrmDemo');
  private stopped = false;

  constructor(
    private readonly deals: DealsService,
    private readonly engine: Engine,
    @Inject(ENGINE_QUERIES) private readonly queries: EngineQueries,
  ) {}

  onApplicationShutdown(): void {
    this.stopped = true;
  }

  /** runs in the background: it waits for jobs, which start only once the application is up */
  start(): void {
    this.play().catch((error: unknown) => {
      if (!this.stopped) this.log.warn(`The demo incident could not be set up: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  private async play(): Promise<void> {
    const { items } = await this.deals.list({ page: 1, pageSize: 1, sort: '-amount', stage: 'proposal' }, SYSTEM_VIEWER);
    const deal = items[0];
    if (!deal?.ownerId) return;
    await this.deals.requestApproval(deal.ownerId, deal.id, { discountPercent: 15, comment: 'Renewal: the customer asks for 15 % off' }, SYSTEM_VIEWER);
    await this.complete(deal.id, 'LevelApproval', { approved: false, decisionComment: 'Too much for this deal size' });
    await this.complete(deal.id, 'ReviseOrWithdraw', { withdraw: false, discountPercent: 150 });
    this.log.log(`Demo incident: the approval of '${deal.title}' fails at "Resubmit revised deal" (discountPercent 150); repair it in the cockpit`);
  }

  private async complete(businessKey: string, taskDefinitionKey: string, variables: Record<string, unknown>): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    while (!this.stopped && Date.now() < deadline) {
      const [task] = await this.queries.tasks({ filter: { processInstanceBusinessKey: businessKey, taskDefinitionKey } });
      if (task) {
        await this.engine.completeTask({ taskId: task.id, variables: typedVariables(variables) });
        return;
      }
      await sleep(POLL_MS);
    }
    if (!this.stopped) throw new Error(`Expected the task '${taskDefinitionKey}' of deal ${businessKey} within ${WAIT_MS / 1000} s, but it did not come`);
  }
}

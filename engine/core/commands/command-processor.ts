import { OptimisticLockError } from '../errors/index.js';
import type { InstanceSnapshot } from '../execution/instance-aggregate.js';
import type { EngineStore } from '../ports/engine-store.js';
import type { JobDispatcher } from '../ports/job-dispatcher.js';
import { CommandScope, type EngineServices } from './command-scope.js';
import { runEffect } from './effects-runner.js';

export interface CommandListener {
  /** external tasks of these topics were committed: wake long-polling workers */
  externalTasksCreated(topics: ReadonlySet<string>): void;
  /** the jobs are committed but could not be handed over; the reconciler will find them */
  dispatchFailed(error: unknown): void;
}

const MAX_ATTEMPTS = 8;

/**
 * Runs a command in one transaction. When another transaction changed an instance first, the
 * whole command runs again on fresh state (so the loser of a race sees the winner's result).
 * After commit, new jobs go to the dispatcher.
 */
export class CommandProcessor {
  constructor(
    private readonly store: EngineStore,
    private readonly services: EngineServices,
    private readonly dispatcher: JobDispatcher,
    private readonly listener: CommandListener,
  ) {}

  /** `preloaded`: instances read before, used by the first attempt only (a rerun reads afresh) */
  async run<T>(command: (scope: CommandScope) => Promise<T>, preloaded: readonly InstanceSnapshot[] = []): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(command, attempt === 1 ? preloaded : []);
      } catch (error) {
        // the winner has committed by now (the revision guard waited for it): retry at once
        if (!(error instanceof OptimisticLockError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async attempt<T>(command: (scope: CommandScope) => Promise<T>, preloaded: readonly InstanceSnapshot[]): Promise<T> {
    let committed: CommandScope | undefined;
    const result = await this.store.transaction(async (tx) => {
      const scope = new CommandScope(tx, this.services, runEffect);
      scope.preload(preloaded);
      const value = await command(scope);
      await tx.commit(scope.unit.changes());
      committed = scope;
      return value;
    });
    if (committed) await this.afterCommit(committed);
    return result;
  }

  private async afterCommit(scope: CommandScope): Promise<void> {
    const jobs = scope.unit.jobsToDispatch();
    if (jobs.length > 0) {
      try {
        await this.dispatcher.dispatch(jobs);
      } catch (error) {
        this.listener.dispatchFailed(error);
      }
    }
    if (scope.unit.newExternalTaskTopics.size > 0) this.listener.externalTasksCreated(scope.unit.newExternalTaskTopics);
  }
}

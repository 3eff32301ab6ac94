import { OptimisticLockError } from '../errors/index.js';
import type { InstanceSnapshot } from '../execution/instance-aggregate.js';
import type { CommitCompanion, EngineStore, UnitOfWorkChanges } from '../ports/engine-store.js';
import type { JobDispatcher } from '../ports/job-dispatcher.js';
import { CommandScope, type EngineServices } from './command-scope.js';
import { runEffect } from './effects-runner.js';
import { canCommitJointly, jointChanges } from './joint-changes.js';

export interface CommandListener {
  /** external tasks of these topics were committed: wake long-polling workers */
  externalTasksCreated(topics: ReadonlySet<string>): void;
  /** the jobs are committed but could not be handed over; the reconciler will find them */
  dispatchFailed(error: unknown): void;
}

const MAX_ATTEMPTS = 8;

/** what a caller hands a command besides its own arguments */
export interface CommandOptions {
  /** the application's records that commit with the command's changes or not at all (the call's audit row) */
  readonly companions?: readonly CommitCompanion[];
}

/** a command of a group committed jointly, with the instances read for it before */
export interface JointCommand<T> {
  readonly command: (scope: CommandScope) => Promise<T>;
  readonly preloaded: readonly InstanceSnapshot[];
}

/** joined: committed with the group; otherwise not run at all, as far as the store knows (its caller runs it alone) */
export type JointOutcome<T> = { readonly joined: true; readonly value: T } | { readonly joined: false };

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

  /**
   * `preloaded`: instances read before, used by the first attempt only, which may also take the
   * instances this node wrote last (a rerun reads afresh, neither of these);
   * `options.companions` go into the commit of whichever attempt succeeds
   */
  async run<T>(command: (scope: CommandScope) => Promise<T>, preloaded: readonly InstanceSnapshot[] = [], options: CommandOptions = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(command, attempt === 1, attempt === 1 ? preloaded : [], options.companions ?? []);
      } catch (error) {
        // the winner has committed by now (the revision guard waited for it): retry at once
        if (!(error instanceof OptimisticLockError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Runs commands that write only through their unit of work in one transaction, and commits all
   * their changes in one write (group commit: a batch of due timers costs the database about what
   * one does). Each instance keeps its revision guard, so the joint commit fails whole if any lost
   * a race. A command that throws, touches an instance an earlier one of the group touched, or
   * changes more than instance rows is left out; if the joint commit fails, all are. What is left
   * out has written nothing: its caller runs it alone (with its retries and failure handling).
   */
  async runJointly<T>(commands: readonly JointCommand<T>[]): Promise<JointOutcome<T>[]> {
    const outcomes: JointOutcome<T>[] = commands.map(() => ({ joined: false }));
    const members: { index: number; scope: CommandScope; changes: UnitOfWorkChanges; value: T }[] = [];
    if (commands.length === 0) return outcomes;
    try {
      await this.store.transaction(async (tx) => {
        const touched = new Set<string>();
        for (const [index, { command, preloaded }] of commands.entries()) {
          const scope = new CommandScope(tx, this.services, runEffect);
          scope.preload(preloaded);
          let value: T;
          try {
            value = await command(scope);
          } catch {
            continue;
          }
          const ids = scope.loadedInstances().map((loaded) => loaded.aggregate.id);
          const changes = scope.unit.changes();
          if (!canCommitJointly(changes) || ids.some((id) => touched.has(id))) continue;
          for (const id of ids) touched.add(id);
          members.push({ index, scope, changes, value });
        }
        if (members.length > 0) await tx.commit(jointChanges(members.map((m) => m.changes)));
      });
    } catch {
      return commands.map(() => ({ joined: false }));
    }
    for (const { index, scope, value } of members) {
      outcomes[index] = { joined: true, value };
      await this.afterCommit(scope);
    }
    return outcomes;
  }

  private async attempt<T>(
    command: (scope: CommandScope) => Promise<T>,
    first: boolean,
    preloaded: readonly InstanceSnapshot[],
    companions: readonly CommitCompanion[],
  ): Promise<T> {
    let committed: CommandScope | undefined;
    const result = await this.store.transaction(async (tx) => {
      const scope = new CommandScope(tx, this.services, runEffect);
      scope.preload(preloaded);
      const value = await command(scope);
      scope.unit.companions.push(...companions);
      await tx.commit(scope.unit.changes());
      committed = scope;
      return value;
    }, { recentInstances: first });
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

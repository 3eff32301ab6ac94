import { BatchJobRunner } from '../batches/batch-job-runner.js';
import { isBatchJob } from '../batches/batch-records.js';
import type { CommandProcessor } from '../commands/command-processor.js';
import type { CommandScope } from '../commands/command-scope.js';
import { completeHandlerJob, handlerInput, recordJobFailure, runJob } from '../commands/job-commands.js';
import { NotFoundError } from '../errors/index.js';
import type { InstanceSnapshot } from '../execution/instance-aggregate.js';
import type { JobRecord } from '../execution/records.js';
import type { EngineStore } from '../ports/engine-store.js';
import type { ServiceTaskHandlerRegistry } from '../ports/service-task-handler.js';
import { heartbeatIntervalMs, intervalHeartbeat, type Heartbeat } from './lock-heartbeat.js';

export type JobOutcome = 'done' | 'skipped' | 'failed';

export interface ClaimedJob {
  readonly job: JobRecord;
  /** its instance as read after the claim, when there is one */
  readonly instance?: InstanceSnapshot;
}

const JOINABLE_TYPES: ReadonlySet<string> = new Set(['timer', 'async-before', 'async-after']);

/** a job whose command only changes instance rows, with its instance read already */
function joinable(claim: ClaimedJob): boolean {
  return JOINABLE_TYPES.has(claim.job.type) && claim.job.processInstanceId !== null && claim.instance !== undefined;
}

/**
 * Executes one job by id: claims its row (so a second delivery does nothing), runs it in a
 * transaction, and on failure records a retry or an incident. In-process service handlers run
 * between two short transactions, never inside one. While a job runs its lock is renewed (a
 * heartbeat), so the lock can be short: a node that dies leaves its jobs to others within one
 * lock duration, however long a handler or batch chunk takes on a live node.
 */
export class JobExecutor {
  private readonly batches: BatchJobRunner;

  constructor(
    private readonly store: EngineStore,
    private readonly processor: CommandProcessor,
    private readonly handlers: ServiceTaskHandlerRegistry,
    private readonly owner: string,
    private readonly lockMs: number,
    private readonly heartbeat: Heartbeat = intervalHeartbeat,
  ) {
    this.batches = new BatchJobRunner(store, processor);
  }

  async execute(jobId: string): Promise<JobOutcome> {
    const claimed = await this.store.claimJob(jobId, this.owner, this.lockMs);
    if (!claimed) return 'skipped';
    return this.run(claimed);
  }

  /**
   * a job this node claimed already (a poller's batch claim): runs it as `execute` would after its
   * claim; `instance`, its instance as read after the claim, saves the command that read
   */
  async executeClaimed(job: JobRecord, instance?: InstanceSnapshot): Promise<JobOutcome> {
    if (job.lockOwner !== this.owner) return 'skipped';
    return this.run(job, undefined, instance);
  }

  /**
   * jobs this node claimed (a poller's batch), with their instances as read after the claim:
   * timers and async continuations of distinct instances commit together (one write for all,
   * each under its own revision guard); any other job, and any the group leaves out, runs alone
   */
  async executeClaimedGroup(claims: readonly ClaimedJob[]): Promise<JobOutcome[]> {
    const outcomes: (JobOutcome | undefined)[] = claims.map(() => undefined);
    const jointly = claims.flatMap((claim, index) => (claim.job.lockOwner === this.owner && joinable(claim) ? [{ claim, index }] : []));
    if (jointly.length > 1) {
      const stopBeating = this.heartbeat(heartbeatIntervalMs(this.lockMs), async () => {
        for (const { claim } of jointly) await this.store.renewJobLock(claim.job.id, this.owner, this.lockMs).catch(() => false);
      });
      try {
        const joint = await this.processor.runJointly(jointly.map(({ claim }) => ({
          command: (scope: CommandScope) => runJob(scope, claim.job, this.owner),
          preloaded: [claim.instance!],
        })));
        joint.forEach((outcome, i) => {
          if (outcome.joined) outcomes[jointly[i]!.index] = 'done';
        });
      } finally {
        stopBeating();
      }
    }
    // the rest one after another (the runner counts as one of the poller's JOB_POLL_CONCURRENCY),
    // read afresh when a group ran (its read may be stale by now)
    const done: JobOutcome[] = [];
    for (const [index, claim] of claims.entries()) {
      done.push(outcomes[index] ?? await this.executeClaimed(claim.job, jointly.length > 1 ? undefined : claim.instance));
    }
    return done;
  }

  /** POST /job/{id}/execute: runs now, whatever the due date; a failure is reported to the caller */
  async executeNow(jobId: string): Promise<{ outcome: JobOutcome; error?: unknown }> {
    const claimed = await this.store.claimJob(jobId, this.owner, this.lockMs, { ignoreDueDate: true });
    if (!claimed) {
      const exists = await this.store.transaction((tx) => tx.findJob(jobId));
      if (!exists) throw new NotFoundError(`Job with id '${jobId}' does not exist`);
      return { outcome: 'skipped' };
    }
    let failure: unknown;
    const outcome = await this.run(claimed, (error) => (failure = error));
    return outcome === 'failed' ? { outcome, error: failure } : { outcome };
  }

  private async run(job: JobRecord, onError?: (error: unknown) => void, instance?: InstanceSnapshot): Promise<JobOutcome> {
    const jobId = job.id;
    const stopBeating = this.heartbeat(heartbeatIntervalMs(this.lockMs), async () => {
      // a failed renewal is not fatal: the commit checks the lock owner anyway
      await this.store.renewJobLock(jobId, this.owner, this.lockMs).catch(() => false);
    });
    try {
      return await this.runHeld(job, onError, instance);
    } finally {
      stopBeating();
    }
  }

  private async runHeld(job: JobRecord, onError?: (error: unknown) => void, instance?: InstanceSnapshot): Promise<JobOutcome> {
    const jobId = job.id;
    try {
      if (job.type === 'service-handler') await this.runHandler(jobId, job.payload.topic ?? '');
      else if (isBatchJob(job)) await this.batches.run(job, this.owner);
      else await this.processor.run((scope) => runJob(scope, job, this.owner), instance ? [instance] : []);
      return 'done';
    } catch (error) {
      onError?.(error);
      await this.processor.run((scope) => recordJobFailure(scope, jobId, this.owner, error));
      return 'failed';
    }
  }

  private async runHandler(jobId: string, topic: string): Promise<void> {
    const handler = this.handlers.handlerFor(topic);
    if (!handler) throw new Error(`Expected an in-process handler for topic '${topic}', but none is registered any more`);
    const input = await this.processor.run((scope) => handlerInput(scope, jobId, this.owner));
    if (!input) return;
    const result = await handler(input);
    await this.processor.run((scope) => completeHandlerJob(scope, jobId, this.owner, result));
  }
}

export interface DispatchableJob {
  readonly id: string;
  readonly dueAt: Date;
}

/** Runs one job by id; claims its row first, so calling it twice for the same job is harmless. */
export type JobRunner = (jobId: string) => Promise<void>;

/**
 * Hands committed job rows to workers at their due time. The rows in the database are the truth:
 * a dispatcher may lose or repeat deliveries, the reconciler and the row claim make up for both.
 */
export interface JobDispatcher {
  readonly kind: string;
  start(runner: JobRunner): Promise<void>;
  /** called after commit with the jobs that were created or re-scheduled */
  dispatch(jobs: readonly DispatchableJob[]): Promise<void>;
  /**
   * called by the reconciler with due rows nobody holds: hands each over again unless a delivery
   * of it is still pending; whatever a partial loss left of an earlier delivery is cleared first,
   * so the new hand-over cannot be swallowed by it
   */
  redispatch(jobs: readonly DispatchableJob[]): Promise<void>;
  /** stop taking new jobs, wait for running ones, close connections */
  stop(): Promise<void>;
  /** reachability of the backing service, for /health */
  check(): Promise<{ ok: boolean; detail?: string }>;
}

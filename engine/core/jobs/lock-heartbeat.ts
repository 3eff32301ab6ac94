/**
 * A claimed job's lock without a heartbeat: short, so a node that dies leaves its jobs to others
 * within seconds (the reconciler then hands them over again).
 */
export const DEFAULT_JOB_LOCK_MS = 20_000;

/** Calls `beat` every `intervalMs` until the returned function is called; injectable so tests beat by hand. */
export type Heartbeat = (intervalMs: number, beat: () => Promise<void>) => () => void;

export const intervalHeartbeat: Heartbeat = (intervalMs, beat) => {
  let beating = false;
  const timer = setInterval(() => {
    if (beating) return;
    beating = true;
    void beat().finally(() => (beating = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
};

/** how often a running job's lock is renewed: often enough that two missed beats still leave it held */
export function heartbeatIntervalMs(lockMs: number): number {
  return Math.max(50, Math.floor(lockMs / 4));
}

import { ExecutionError } from '../errors/index.js';

/** more steps than this in one run means the model loops without ever reaching a wait state */
export const MAX_STEPS_PER_RUN = 200_000;

/**
 * The steps one instance still has to take in this command, run one after another, so walking a
 * long chain of elements never deepens the call stack. Steps stop once `stopped()` holds
 * (the instance ended). An endless loop (a standard loop whose condition always holds, a cycle of
 * pass-through elements) fails the command instead of hanging it.
 */
export class Agenda {
  private readonly steps: (() => void)[] = [];
  private running = false;

  constructor(
    private readonly stopped: () => boolean,
    private readonly maxSteps = MAX_STEPS_PER_RUN,
  ) {}

  schedule(step: () => void): void {
    this.steps.push(step);
  }

  clear(): void {
    this.steps.length = 0;
  }

  /** drains the agenda; each step may schedule more */
  run(): void {
    if (this.running) return;
    this.running = true;
    let taken = 0;
    try {
      while (this.steps.length > 0) {
        const step = this.steps.shift()!;
        if (this.stopped()) break;
        if (++taken > this.maxSteps) {
          throw new ExecutionError(`Expected the process instance to reach a wait state, but it took more than ${this.maxSteps} steps in one command: the model loops without end`);
        }
        step();
      }
    } finally {
      this.steps.length = 0;
      this.running = false;
    }
  }
}

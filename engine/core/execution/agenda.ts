/**
 * The steps one instance still has to take in this command, run one after another, so walking a
 * long chain of elements never deepens the call stack. Steps stop once `stopped()` holds
 * (the instance ended).
 */
export class Agenda {
  private readonly steps: (() => void)[] = [];
  private running = false;

  constructor(private readonly stopped: () => boolean) {}

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
    try {
      while (this.steps.length > 0) {
        const step = this.steps.shift()!;
        if (this.stopped()) break;
        step();
      }
      this.steps.length = 0;
    } finally {
      this.running = false;
    }
  }
}

import type { CompiledExpression } from '../expressions/index.js';
import type { ListenerSpec } from '../model/graph.js';

interface RunningListener {
  readonly event: string;
  readonly taskId: string | null;
}

/**
 * Runs execution and task listeners in model order and remembers which one is running, so that its
 * expression can read `execution.eventName` and `task`. A listener's change that would fire the same
 * event of the same task again (an assignment listener assigning the task) does not run it again.
 */
export class ListenerCalls {
  private readonly running: RunningListener[] = [];

  get current(): RunningListener | null {
    return this.running.at(-1) ?? null;
  }

  run(listeners: readonly ListenerSpec[] | undefined, event: string, evaluate: (expression: CompiledExpression) => void, taskId: string | null = null): void {
    if (!listeners || listeners.length === 0) return;
    if (this.running.some((r) => r.event === event && r.taskId === taskId)) return;
    for (const listener of listeners) {
      if (listener.event !== event) continue;
      this.running.push({ event, taskId });
      try {
        evaluate(listener.expression);
      } finally {
        this.running.pop();
      }
    }
  }
}

import { ExecutionError } from '../../errors/index.js';
import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord, JobRecord } from '../../execution/records.js';
import type { FlowNode, SingleEventDefinition } from '../../model/graph.js';
import { parseTimer, storableDue, TimerDefinitionError } from '../../timers/index.js';
import { isStorableDate } from '../../variables/index.js';
import { createJob } from './jobs.js';

type TimerDefinition = Extract<SingleEventDefinition, { kind: 'timer' }>;

/** Schedules a timer of `catchNode` (boundary, intermediate or event sub-process start), owned by `owner`. */
export function createTimerJob(ctx: ElementRuntime, owner: ElementInstanceRecord, catchNode: FlowNode, definition: TimerDefinition): JobRecord {
  const text = String(ctx.evaluate(definition.expression, owner.id, catchNode.id) ?? '').trim();
  const dueAt = scheduleOrFail(catchNode.id, () => storableDue(parseTimer(definition.timerKind, text).firstDue(ctx.now()), text));
  return createJob(ctx, {
    type: 'timer',
    element: owner,
    node: catchNode,
    dueAt,
    payload: { elementId: catchNode.id, timerKind: definition.timerKind, timerText: text, firedCount: 0 },
  });
}

/**
 * After a cycle timer fired: the next due time, or null when the cycle is exhausted. A next time
 * after the year 9999 (`R/…/P9000Y`) cannot be stored: the cycle ends there, as if exhausted.
 */
export function nextCycleDue(job: JobRecord): Date | null {
  if (job.payload.timerKind !== 'cycle' || !job.payload.timerText) return null;
  const schedule = parseTimer('cycle', job.payload.timerText);
  const next = schedule.nextDue(job.dueAt, (job.payload.firedCount ?? 0) + 1);
  return next && isStorableDate(next) ? next : null;
}

function scheduleOrFail(elementId: string, schedule: () => Date): Date {
  try {
    return schedule();
  } catch (error) {
    if (error instanceof TimerDefinitionError) {
      throw new ExecutionError(`Could not schedule timer '${elementId}': ${error.message}`, elementId);
    }
    throw error;
  }
}

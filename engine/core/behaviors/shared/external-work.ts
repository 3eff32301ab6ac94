import type { ElementRuntime, Trigger } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import type { FlowNode } from '../../model/graph.js';
import { createJob } from './jobs.js';

/**
 * Hands a task's work to whoever serves its topic: an in-process handler registered for the topic
 * runs in a job; otherwise an external task waits for a worker to fetch and lock it.
 */
export function startExternalWork(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode): void {
  const work = node.external!;
  const topic = String(ctx.evaluate(work.topic, ei.id, node.id));
  if (ctx.hasHandlerFor(topic)) {
    createJob(ctx, { type: 'service-handler', element: ei, node, dueAt: ctx.now(), payload: { topic } });
    return;
  }
  const priority = work.priority ? Number(ctx.evaluate(work.priority, ei.id, node.id)) : 0;
  ctx.aggregate.externalTasks.insert({
    id: ctx.newId(),
    processInstanceId: ctx.aggregate.id,
    elementInstanceId: ei.id,
    definitionId: ctx.definition.record.id,
    definitionKey: ctx.definition.record.key,
    activityId: node.id,
    topic,
    workerId: null,
    lockExpiration: null,
    retries: null,
    errorMessage: null,
    errorDetails: null,
    priority: Number.isFinite(priority) ? priority : 0,
    businessKey: ctx.aggregate.instance.businessKey,
    created: ctx.now(),
    tenantId: ctx.aggregate.instance.tenantId,
  });
  ctx.announceExternalTask(topic);
}

/** the worker (or handler) finished: the external task goes and the element completes */
export function completeExternalWork(ctx: ElementRuntime, ei: ElementInstanceRecord, trigger: Trigger): void {
  if (trigger.kind === 'externalTaskCompleted') ctx.aggregate.externalTasks.delete(trigger.externalTaskId);
  else if (trigger.kind !== 'handlerCompleted') return;
  ctx.complete(ei);
}

import type { ElementInstanceRecord } from '../execution/records.js';
import type { FlowNode } from '../model/graph.js';
import type { ExecutionContext } from '../execution/execution-context.js';

/** Something that happened for a waiting element instance. */
export type Trigger =
  | { readonly kind: 'taskCompleted'; readonly taskId: string }
  | { readonly kind: 'externalTaskCompleted'; readonly externalTaskId: string }
  | { readonly kind: 'handlerCompleted'; readonly jobId: string }
  | { readonly kind: 'event'; readonly eventKind: 'message' | 'signal' | 'timer' | 'conditional'; readonly activityId: string }
  | { readonly kind: 'calledInstanceCompleted' };

/**
 * The behaviour of one element kind. The executor drives the lifecycle
 * (activate → enter → complete → leave, or terminate) and asks the behaviour at each step.
 */
export interface ElementBehavior {
  /** The element instance is entered: do the element's work. Pass-through elements call ctx.complete(ei). */
  onEnter(ctx: ExecutionContext, ei: ElementInstanceRecord, node: FlowNode): void;

  /** Something the waiting element instance waited for happened. */
  onTrigger?(ctx: ExecutionContext, ei: ElementInstanceRecord, node: FlowNode, trigger: Trigger): void;

  /** Leaving: which flows to take. Without it, the outgoing flows are taken as an activity takes them. */
  onLeave?(ctx: ExecutionContext, ei: ElementInstanceRecord, node: FlowNode): void;

  /** A child of this scope element instance ended (completed, not terminated). */
  onChildEnded?(ctx: ExecutionContext, scope: ElementInstanceRecord, child: ElementInstanceRecord): void;

  /** The element instance is terminated: undo what onEnter set up beyond the generic cleanup. */
  onTerminate?(ctx: ExecutionContext, ei: ElementInstanceRecord, node: FlowNode): void;

  /**
   * A token arrives at the element via a sequence flow. Joining gateways collect arrivals and
   * return true when they took care of activation; false means: activate as usual.
   */
  onArrive?(ctx: ExecutionContext, scope: ElementInstanceRecord, node: FlowNode, flowId: string): boolean;

  /** null if the behaviour can execute this node as modelled, else why not (refused at deployment) */
  supports?(node: FlowNode): string | null;
}

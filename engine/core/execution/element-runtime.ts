import type { DeployedDefinition } from '../definitions/definition-record.js';
import type { CompiledExpression, ExpressionContext } from '../expressions/index.js';
import type { FlowNode, ListenerSpec, ProcessGraph } from '../model/graph.js';
import type { CrossInstanceEffect } from './effects.js';
import type { HistoryWriter } from './history-writer.js';
import type { InstanceAggregate } from './instance-aggregate.js';
import type { ElementInstanceData, ElementInstanceRecord, ProcessInstanceState } from './records.js';
import type { VariableChangeLog } from './variable-change-log.js';
import type { VariableScopes } from './variable-scopes.js';

/** Something that happened for a waiting element instance. */
export type Trigger =
  | { readonly kind: 'taskCompleted'; readonly taskId: string }
  | { readonly kind: 'externalTaskCompleted'; readonly externalTaskId: string }
  | { readonly kind: 'handlerCompleted'; readonly jobId: string }
  | { readonly kind: 'event'; readonly eventKind: 'message' | 'signal' | 'timer' | 'conditional'; readonly activityId: string }
  | { readonly kind: 'calledInstanceCompleted' }
  /** a business rule task's decision was evaluated: its result (one output map per matched rule) */
  | { readonly kind: 'decisionEvaluated'; readonly result: readonly Readonly<Record<string, unknown>>[] };

export interface ActivateOptions {
  readonly incomingFlowId?: string;
  /** an inner instance of a multi-instance body */
  readonly inner?: boolean;
  readonly data?: ElementInstanceData;
  /** continue without honouring asyncBefore (the async job is running now) */
  readonly skipAsync?: boolean;
}

/**
 * What a behaviour may do to its token and its scope within one command: read the instance and
 * its model, evaluate expressions, create and move tokens, and ask for effects on other instances.
 */
export interface ElementRuntime {
  readonly graph: ProcessGraph;
  readonly definition: DeployedDefinition;
  /** the instance's tokens and the records they own */
  readonly aggregate: InstanceAggregate;
  readonly variables: VariableScopes;
  readonly history: HistoryWriter;
  /** variables written during this command, for conditional events */
  readonly writtenVariables: VariableChangeLog;
  /** how instances this one called end when their call activity is cancelled */
  readonly calledInstanceTermination: 'EXTERNALLY_TERMINATED' | 'INTERNALLY_TERMINATED';

  now(): Date;
  newId(): string;
  nodeOf(ei: ElementInstanceRecord): FlowNode;
  element(id: string): ElementInstanceRecord | undefined;
  requireElement(id: string): ElementInstanceRecord;
  /** the element instance's enclosing scope instance */
  scopeOf(ei: ElementInstanceRecord): ElementInstanceRecord;
  updateData(ei: ElementInstanceRecord, data: Partial<ElementInstanceData>): ElementInstanceRecord;
  /** the behaviour of an element kind: a scope asks the elements waiting in it through their hooks */
  behaviorOf(kind: string): ElementBehavior;

  /** evaluates an expression in the scope of an element instance; failures name the element */
  evaluate(expression: CompiledExpression, scopeId: string, elementId?: string | null): unknown;
  evaluateString(expression: CompiledExpression | null, scopeId: string, elementId: string): string | null;
  /** variables visible from the scope, plus `execution` */
  expressionContext(scopeId: string): ExpressionContext;
  /**
   * runs the listeners of `event` among `listeners`, in model order, in the scope `scopeId`; a task
   * listener's expression also sees its task (`taskId`) as `task`
   */
  runListeners(listeners: readonly ListenerSpec[] | undefined, event: string, scopeId: string, elementId: string, taskId?: string): void;
  /** whether this command runs no listeners of the instance (Camunda's `skipCustomListeners`); instances it ends inherit it */
  readonly customListenersSkipped: boolean;
  /** whether an in-process handler serves the topic (else an external worker does) */
  hasHandlerFor(topic: string): boolean;
  /** an external task of the topic was created: waiting workers are woken after commit */
  announceExternalTask(topic: string): void;

  /** creates a token in `node` under `scope`; entering happens on the agenda (or in an async job) */
  activate(node: FlowNode, scope: ElementInstanceRecord, options?: ActivateOptions): ElementInstanceRecord;
  /** the element finished its work: output mappings, asyncAfter, then leave */
  complete(ei: ElementInstanceRecord): void;
  /** ends a token without taking its outgoing flows (an uncaught BPMN error ends the path there) */
  endWithoutFlows(ei: ElementInstanceRecord): void;
  /** cancels a token and everything below it; the scope is not told (the caller decides what follows) */
  terminate(ei: ElementInstanceRecord, reason?: string): void;
  /** cancels every token of the scope: its child element instances and the arrivals waiting at its joins */
  terminateChildren(scope: ElementInstanceRecord, reason: string, except?: string): void;
  /** hands what the waiting element instance waited for to its behaviour */
  trigger(ei: ElementInstanceRecord, trigger: Trigger): void;
  /** a token travels along a sequence flow into its target, within `scope` */
  takeFlow(flowId: string, scope: ElementInstanceRecord): void;
  takeFlows(flowIds: readonly string[], scope: ElementInstanceRecord): void;
  /** the process instance ends: everything at run time goes, history stays */
  endProcess(state: ProcessInstanceState, reason: string | null, endActivityId: string | null): void;
  /** something to do to another instance once this instance's steps are done */
  emit(effect: CrossInstanceEffect): void;
  /** a step to run on the agenda after the current one */
  schedule(step: () => void): void;
}

/**
 * The behaviour of one element kind. The runtime drives the lifecycle
 * (activate → enter → complete → leave, or terminate) and asks the behaviour at each step.
 */
export interface ElementBehavior {
  /** The element instance is entered: do the element's work. Pass-through elements call ctx.complete(ei). */
  onEnter(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode): void;

  /** Something the waiting element instance waited for happened. */
  onTrigger?(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode, trigger: Trigger): void;

  /** Leaving: which flows to take. Without it, the outgoing flows are taken as an activity takes them. */
  onLeave?(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode): void;

  /** A child of this scope element instance ended (completed, not terminated). */
  onChildEnded?(ctx: ElementRuntime, scope: ElementInstanceRecord, child: ElementInstanceRecord): void;

  /** The element instance is terminated: undo what onEnter set up beyond the generic cleanup. */
  onTerminate?(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode): void;

  /**
   * A token arrives at the element via a sequence flow. Joining gateways collect arrivals and
   * return true when they took care of activation; false means: activate as usual.
   */
  onArrive?(ctx: ElementRuntime, scope: ElementInstanceRecord, node: FlowNode, flowId: string): boolean;

  /**
   * Tokens wait at this element in `scope` (a join's arrivals) and another token of the scope
   * ended: fire if nothing more can arrive. The scope asks before it completes.
   */
  onTokenEndedInScope?(ctx: ElementRuntime, scope: ElementInstanceRecord, node: FlowNode): void;

  /** null if the behaviour can execute this node as modelled, else why not (refused at deployment) */
  supports?(node: FlowNode): string | null;
}

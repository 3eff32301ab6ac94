import type { FlowNode } from '../model/graph.js';
import type { TypedValue } from '../variables/index.js';
import type { ElementBehavior, ElementRuntime } from './element-runtime.js';
import type { ElementInstanceRecord, ProcessInstanceState } from './records.js';

/** What every element does around its own behaviour, at each step of its lifecycle. */
export interface CommonElementSteps {
  /** asyncBefore / asyncAfter: a job continues the element later */
  continueInJob(ctx: ElementRuntime, type: 'async-before' | 'async-after', ei: ElementInstanceRecord, node: FlowNode): void;
  /** camunda:inputParameter, into the entered element's local variables */
  applyInputMappings(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode): void;
  /** while an activity runs, its boundary events wait on its behalf */
  openBoundaryEvents(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode): void;
  /** camunda:outputParameter, into the enclosing scope */
  applyOutputMappings(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode): void;
  /** a completed element waiting for its async-after job waits for no event any more */
  closeEventWaits(ctx: ElementRuntime, ei: ElementInstanceRecord): void;
  /** a completed activity stays compensable */
  retainCompensation(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode): void;
  /** tasks, jobs, subscriptions and incidents go with the element instance that owns them */
  releaseOwnedRecords(ctx: ElementRuntime, ei: ElementInstanceRecord, reason: string): void;
  /** startQuantity: a token arriving at an activity that needs more waits for the others; true = it waits */
  holdForStartQuantity(ctx: ElementRuntime, scope: ElementInstanceRecord, node: FlowNode, flowId: string): boolean;
  /** leaving as an activity leaves: every outgoing flow whose condition holds, else the default */
  takeActivityFlows(ctx: ElementRuntime, ei: ElementInstanceRecord, node: FlowNode): void;
  /** a scope without tokens left completes */
  completeScopeIfDone(ctx: ElementRuntime, scope: ElementInstanceRecord, endedChild?: ElementInstanceRecord): void;
  /** tokens waiting at the scope's joins are cancelled */
  discardArrivals(ctx: ElementRuntime, scope: ElementInstanceRecord): void;
  /** records owned by nobody once the instance ends */
  releaseInstanceLeftovers(ctx: ElementRuntime): void;
  /** a called instance that completed hands its variables back to its call activity */
  notifySuperInstance(ctx: ElementRuntime, state: ProcessInstanceState, variables: ReadonlyMap<string, TypedValue>): void;
}

/** The behaviours the runtime drives: one per element kind, and the steps all elements share. */
export interface ElementBehaviors {
  behaviorFor(kind: string): ElementBehavior;
  readonly common: CommonElementSteps;
}

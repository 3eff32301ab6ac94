import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { ElementInstanceRecord } from '../../execution/records.js';
import { isLoopBody } from '../../execution/loop-bodies.js';
import type { FlowNode, SingleEventDefinition } from '../../model/graph.js';
import { definitionsOf, nodeOf } from '../../model/graph.js';
import { inferTypedValue, type TypedValue } from '../../variables/index.js';
import { triggerBoundaryEvent } from './boundary-events.js';
import { triggerEventSubProcess } from './event-sub-processes.js';

export interface ThrownError {
  readonly code: string;
  readonly message: string | null;
}

export type Catcher = { readonly kind: 'boundary'; readonly attached: ElementInstanceRecord; readonly node: FlowNode } | { readonly kind: 'eventSubProcess'; readonly scope: ElementInstanceRecord; readonly node: FlowNode };

/**
 * What an uncaught error does to its thrower: an error end event ends like a none end event
 * ('complete'); a task whose worker or handler reported the error ends without taking its
 * outgoing flows ('end'). Both are Camunda 7's defaults.
 */
export type UncaughtError = 'complete' | 'end';

/**
 * Throws a BPMN error from `thrower`: the nearest catcher wins, walking outwards: the thrower's own
 * boundary events, then the event sub-processes of each enclosing scope and that scope's boundary
 * events (an event sub-process first even as a catch-all, as Camunda 7's precedence has it). A
 * specific error code beats a catch-all at the same level. Not caught in this instance,
 * it goes to the calling process (the thrower waits for the verdict: see error-propagation); with
 * no caller the thrower ends as `uncaught` says.
 */
export function throwBpmnError(ctx: ElementRuntime, thrower: ElementInstanceRecord, error: ThrownError, uncaught: UncaughtError): void {
  const catcher = findErrorCatcher(ctx, thrower, error);
  if (catcher) {
    catchError(ctx, catcher, error);
    return;
  }
  const instance = ctx.aggregate.instance;
  if (instance.superInstanceId && instance.superElementInstanceId) {
    ctx.emit({
      kind: 'propagateError',
      superInstanceId: instance.superInstanceId,
      superElementInstanceId: instance.superElementInstanceId,
      errorCode: error.code,
      errorMessage: error.message,
      variables: ctx.variables.visible(ctx.aggregate.id),
      thrower: { instanceId: ctx.aggregate.id, elementInstanceId: thrower.id, uncaught },
    });
    return;
  }
  endUncaught(ctx, thrower, uncaught);
}

/** no process in the call hierarchy catches the error: the thrower ends on its own */
export function endUncaught(ctx: ElementRuntime, thrower: ElementInstanceRecord, uncaught: UncaughtError): void {
  if (uncaught === 'complete') ctx.complete(thrower);
  else ctx.endWithoutFlows(thrower);
}

/** the catcher of an error thrown at `from` within this instance, if any */
export function findErrorCatcher(ctx: ElementRuntime, from: ElementInstanceRecord, error: ThrownError): Catcher | null {
  return findCatcher(ctx, from, (node) => errorCodeMatch(node, error.code));
}

export function catchError(ctx: ElementRuntime, catcher: Catcher, error: ThrownError): void {
  const definition = errorDefinitionOf(catcher.node, error.code);
  const payload = { errorCode: error.code, errorMessage: error.message };
  const caught = catcher.kind === 'boundary'
    ? triggerBoundaryEvent(ctx, catcher.attached, catcher.node, payload)
    : triggerEventSubProcess(ctx, catcher.scope, catcher.node.id, payload);
  if (!definition) return;
  const target = caught.parentId ?? ctx.aggregate.id;
  if (definition.errorCodeVariable) ctx.variables.setLocal(catcher.kind === 'boundary' ? target : caught.id, definition.errorCodeVariable, typed(error.code));
  if (definition.errorMessageVariable) ctx.variables.setLocal(catcher.kind === 'boundary' ? target : caught.id, definition.errorMessageVariable, typed(error.message));
}

function typed(value: string | null): TypedValue {
  return inferTypedValue(value);
}

type ErrorDefinition = Extract<SingleEventDefinition, { kind: 'error' }>;

/** the catcher's error definition that caught `code`: its own, or the best among a multiple event's */
function errorDefinitionOf(node: FlowNode, code: string): ErrorDefinition | undefined {
  const errors = definitionsOf(node).filter((d): d is ErrorDefinition => d.kind === 'error');
  return errors.find((d) => d.errorCode === code) ?? errors.find((d) => d.errorCode === null);
}

/** 2 = exact code, 1 = catch-all, 0 = no match; a multiple event matches by its best error definition */
function errorCodeMatch(node: FlowNode, code: string): number {
  return Math.max(0, ...definitionsOf(node).map((definition) => {
    if (definition.kind !== 'error') return 0;
    if (definition.errorCode === null) return 1;
    return definition.errorCode === code ? 2 : 0;
  }));
}

/**
 * Walks outwards from `from` for the best-matching catcher by `match` (error or escalation).
 * Used for errors and escalations alike.
 */
export function findCatcher(ctx: ElementRuntime, from: ElementInstanceRecord, match: (node: FlowNode) => number): Catcher | null {
  let current: ElementInstanceRecord | undefined = from;
  while (current) {
    const node = current.kind === 'process' ? null : nodeOf(ctx.graph, current.elementId);
    if (node) {
      const boundary = best(node.boundaryEvents.map((id) => nodeOf(ctx.graph, id)), match);
      if (boundary && current.data.loopIndex === undefined) return { kind: 'boundary', attached: current, node: boundary };
    }
    const scope: ElementInstanceRecord | undefined = current.parentId ? ctx.element(current.parentId) : undefined;
    if (!scope) return null;
    const scopeSpec = scope.kind === 'process' ? ctx.graph.scope : isLoopBody(scope.kind) ? null : nodeOf(ctx.graph, scope.elementId).scope;
    if (scopeSpec) {
      // an event sub-process does not catch what was thrown inside it; its siblings may
      const throwingEventSubProcess = current.kind === 'eventSubProcess' ? current.elementId : null;
      const starts = scopeSpec.eventSubProcesses
        .filter((id) => id !== throwingEventSubProcess)
        .flatMap((id) => nodeOf(ctx.graph, id).scope?.startEvents ?? [])
        .map((id) => nodeOf(ctx.graph, id));
      const start = best(starts, match);
      if (start) return { kind: 'eventSubProcess', scope, node: start };
    }
    current = scope;
  }
  return null;
}

function best(candidates: readonly FlowNode[], match: (node: FlowNode) => number): FlowNode | null {
  let chosen: FlowNode | null = null;
  let score = 0;
  for (const candidate of candidates) {
    const s = match(candidate);
    if (s > score) {
      chosen = candidate;
      score = s;
    }
  }
  return chosen;
}

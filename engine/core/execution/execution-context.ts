import type { DeployedDefinition } from '../definitions/definition-record.js';
import { EngineInvariantError, ExecutionError } from '../errors/index.js';
import { ExpressionEvaluationError, type CompiledExpression, type ExpressionContext } from '../expressions/index.js';
import type { FlowNode, ListenerSpec, ProcessGraph } from '../model/graph.js';
import { flowOf, nodeOf } from '../model/graph.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { ServiceTaskHandlerRegistry } from '../ports/service-task-handler.js';
import type { ExpressionGlobals } from '../expressions/expression-globals.js';
import type { CrossInstanceEffect } from './effects.js';
import { Agenda } from './agenda.js';
import type { ActivateOptions, ElementBehavior, ElementRuntime, Trigger } from './element-runtime.js';
import type { CommonElementSteps, ElementBehaviors } from './element-steps.js';
import { ExecutionHostObject } from './execution-host-object.js';
import { HistoryWriter } from './history-writer.js';
import type { InstanceAggregate } from './instance-aggregate.js';
import { assertTransition } from './lifecycle.js';
import { ListenerCalls } from './listener-calls.js';
import { isLoopBody, loopBodyKindOf } from './loop-bodies.js';
import type { ElementInstanceData, ElementInstanceRecord, ProcessInstanceState } from './records.js';
import { TaskHostObject } from './task-host-object.js';
import type { UnitOfWork } from './unit-of-work.js';
import type { TypedValue } from '../variables/index.js';
import { VariableChangeLog } from './variable-change-log.js';
import { VariableScopes } from './variable-scopes.js';

export interface ExecutionServices {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly handlers: ServiceTaskHandlerRegistry;
  readonly behaviors: ElementBehaviors;
  readonly expressionGlobals?: ExpressionGlobals | undefined;
}

/**
 * Runs one process instance's elements for one command: the element lifecycle
 * (activate → enter → complete → leave, or terminate) and an agenda that keeps the walk iterative.
 * Behaviours see it as their ElementRuntime; the steps all elements share come from the behaviours.
 */
export class ExecutionContext implements ElementRuntime {
  readonly graph: ProcessGraph;
  readonly variables: VariableScopes;
  readonly history: HistoryWriter;
  /** variables written during this command, for conditional events */
  readonly writtenVariables = new VariableChangeLog();
  private readonly agenda = new Agenda(() => this.aggregate.hasEnded);
  private readonly common: CommonElementSteps;
  private readonly listenerCalls = new ListenerCalls();
  private listenersSkipped = false;
  private endingExternally = false;
  private endedWith: ReadonlyMap<string, TypedValue> | null = null;

  constructor(
    readonly aggregate: InstanceAggregate,
    readonly definition: DeployedDefinition,
    readonly unit: UnitOfWork,
    readonly services: ExecutionServices,
    readonly effects: CrossInstanceEffect[],
  ) {
    this.graph = definition.graph;
    this.common = services.behaviors.common;
    this.history = new HistoryWriter(definition.record, (r) => unit.record(r), () => this.now());
    this.variables = new VariableScopes(aggregate, () => this.newId(), () => this.now(), {
      variableWritten: (record, change) => {
        this.history.variable(record, change === 'delete');
        this.writtenVariables.record({ record, kind: change });
      },
    });
  }

  now(): Date {
    return this.services.clock.now();
  }

  newId(): string {
    return this.services.ids.next();
  }

  nodeOf(ei: ElementInstanceRecord): FlowNode {
    return nodeOf(this.graph, ei.elementId);
  }

  element(id: string): ElementInstanceRecord | undefined {
    return this.aggregate.elements.get(id);
  }

  requireElement(id: string): ElementInstanceRecord {
    const ei = this.element(id);
    if (!ei) throw new EngineInvariantError(`Expected element instance '${id}' to exist, but it does not`);
    return ei;
  }

  /** the element instance's enclosing scope instance */
  scopeOf(ei: ElementInstanceRecord): ElementInstanceRecord {
    if (!ei.parentId) throw new EngineInvariantError(`Expected '${ei.id}' to have a scope, but it is the root`);
    return this.requireElement(ei.parentId);
  }

  get root(): ElementInstanceRecord {
    return this.requireElement(this.aggregate.id);
  }

  behaviorOf(kind: string): ElementBehavior {
    return this.services.behaviors.behaviorFor(kind);
  }

  updateData(ei: ElementInstanceRecord, data: Partial<ElementInstanceData>): ElementInstanceRecord {
    return this.aggregate.elements.update(ei.id, { data: { ...ei.data, ...data } });
  }

  /** evaluates an expression in the scope of an element instance; failures name the element */
  evaluate(expression: CompiledExpression, scopeId: string, elementId: string | null = null): unknown {
    try {
      return expression.evaluate(this.expressionContext(scopeId));
    } catch (error) {
      if (error instanceof ExpressionEvaluationError) {
        throw new ExecutionError(`Could not evaluate ${elementId ? `'${elementId}': ` : ''}${error.message}`, elementId);
      }
      throw error;
    }
  }

  evaluateString(expression: CompiledExpression | null, scopeId: string, elementId: string): string | null {
    if (!expression) return null;
    const value = this.evaluate(expression, scopeId, elementId);
    return value === null || value === undefined ? null : String(value);
  }

  /** variables visible from the scope, plus `execution` */
  expressionContext(scopeId: string): ExpressionContext {
    return this.variables.expressionContext(scopeId, (name) => this.builtin(name, scopeId));
  }

  hasHandlerFor(topic: string): boolean {
    return Boolean(this.services.handlers.handlerFor(topic));
  }

  announceExternalTask(topic: string): void {
    this.unit.newExternalTaskTopics.add(topic);
  }

  runListeners(listeners: readonly ListenerSpec[] | undefined, event: string, scopeId: string, elementId: string, taskId?: string): void {
    if (this.listenersSkipped) return;
    this.listenerCalls.run(listeners, event, (expression) => this.evaluate(expression, scopeId, elementId), taskId ?? null);
  }

  /** Camunda's `skipCustomListeners`: no execution or task listener of this instance runs in this command */
  skipCustomListeners(): void {
    this.listenersSkipped = true;
  }

  get customListenersSkipped(): boolean {
    return this.listenersSkipped;
  }

  private builtin(name: string, scopeId: string): { found: true; value: unknown } | undefined {
    // only asked for names no variable has (VariableScopes.expressionContext)
    const listener = this.listenerCalls.current;
    if (name === 'execution') return { found: true, value: new ExecutionHostObject(this, scopeId, listener?.event ?? null) };
    if (name === 'task' && listener?.taskId) return { found: true, value: new TaskHostObject(this, listener.taskId, listener.event) };
    const global = this.services.expressionGlobals?.resolve(name, () => this.now());
    return global ? { found: true, value: global } : undefined;
  }

  // ---- lifecycle --------------------------------------------------------------------------

  /** creates a token in `node` under `scope`; entering happens on the agenda (or in an async job) */
  activate(node: FlowNode, scope: ElementInstanceRecord, options: ActivateOptions = {}): ElementInstanceRecord {
    const body = options.inner ? null : loopBodyKindOf(node);
    const ei: ElementInstanceRecord = {
      id: `${node.id}:${this.newId()}`,
      processInstanceId: this.aggregate.id,
      parentId: scope.id,
      elementId: node.id,
      kind: body ?? node.kind,
      state: 'ACTIVATING',
      startTime: this.now(),
      data: { ...(options.incomingFlowId ? { incomingFlowId: options.incomingFlowId } : {}), ...options.data },
    };
    this.aggregate.elements.insert(ei);
    this.history.activityStarted(ei, node);
    if (node.asyncBefore && !options.inner && !options.skipAsync) {
      this.common.continueInJob(this, 'async-before', ei, node);
      return ei;
    }
    this.schedule(() => this.enter(ei.id));
    return ei;
  }

  /** runs the element's entry: boundary events, input mappings, then the behaviour */
  enter(elementInstanceId: string): void {
    const ei = this.element(elementInstanceId);
    if (!ei) return;
    assertTransition(ei, 'ACTIVE');
    const entered = this.aggregate.elements.update(ei.id, { state: 'ACTIVE' });
    const node = this.nodeOf(entered);
    const innerInstance = entered.data.loopIndex !== undefined;
    if (!isLoopBody(entered.kind) && node.inputs.length > 0) this.common.applyInputMappings(this, entered, node);
    if (!isLoopBody(entered.kind)) this.runListeners(node.listeners, 'start', entered.id, node.id);
    if (!innerInstance && node.boundaryEvents.length > 0) this.common.openBoundaryEvents(this, entered, node);
    this.behaviorOf(entered.kind).onEnter(this, entered, node);
  }

  /** the element finished its work: end listeners, output mappings, asyncAfter, then leave */
  complete(ei: ElementInstanceRecord): void {
    const current = this.requireElement(ei.id);
    const node = this.nodeOf(current);
    if (!isLoopBody(current.kind)) this.runListeners(node.listeners, 'end', current.id, node.id);
    if (!isLoopBody(current.kind) && node.outputs.length > 0) this.common.applyOutputMappings(this, current, node);
    const innerInstance = current.data.loopIndex !== undefined;
    if (node.asyncAfter && !innerInstance && current.kind !== 'process') {
      assertTransition(current, 'COMPLETING');
      const completing = this.aggregate.elements.update(current.id, { state: 'COMPLETING' });
      this.common.closeEventWaits(this, completing);
      this.common.continueInJob(this, 'async-after', completing, node);
      return;
    }
    this.schedule(() => this.leave(current.id));
  }

  /** removes the token and continues: take outgoing flows, then tell the scope */
  leave(elementInstanceId: string, takeFlows = true): void {
    const ei = this.element(elementInstanceId);
    if (!ei) return;
    const node = this.nodeOf(ei);
    if (takeFlows) this.common.retainCompensation(this, ei, node);
    this.common.releaseOwnedRecords(this, ei, 'completed');
    this.history.activityEnded(ei, node, false);
    this.aggregate.elements.delete(ei.id);
    const innerInstance = ei.data.loopIndex !== undefined;
    if (!innerInstance && takeFlows) {
      const behavior = this.behaviorOf(ei.kind);
      if (behavior.onLeave) behavior.onLeave(this, ei, node);
      else this.common.takeActivityFlows(this, ei, node);
    }
    const scope = ei.parentId ? this.element(ei.parentId) : undefined;
    // the scope may still read the ended child's local variables (a multi-instance completion condition)
    if (scope) this.childEnded(scope, ei);
    this.variables.dropScope(ei.id);
  }

  /** ends a token without taking its outgoing flows (an uncaught BPMN error ends the path there) */
  endWithoutFlows(ei: ElementInstanceRecord): void {
    this.schedule(() => this.leave(ei.id, false));
  }

  childEnded(scope: ElementInstanceRecord, child: ElementInstanceRecord): void {
    const behavior = this.behaviorOf(scope.kind);
    if (behavior.onChildEnded) behavior.onChildEnded(this, scope, child);
    else this.common.completeScopeIfDone(this, scope, child);
  }

  /** cancels a token and everything below it (each runs its `end` listeners); the scope is not told (the caller decides what follows) */
  terminate(ei: ElementInstanceRecord, reason = 'terminated'): void {
    for (const child of this.aggregate.childrenOf(ei.id)) this.terminate(child, reason);
    const current = this.element(ei.id);
    if (!current) return;
    const node = this.nodeOf(current);
    this.behaviorOf(current.kind).onTerminate?.(this, current, node);
    if (!isLoopBody(current.kind) && current.kind !== 'process') this.runListeners(node.listeners, 'end', current.id, node.id);
    this.common.releaseOwnedRecords(this, current, reason);
    if (current.kind !== 'process') this.history.activityEnded(current, node, true);
    this.variables.dropScope(current.id);
    this.aggregate.elements.delete(current.id);
  }

  /** cancels every token of the scope: its child element instances and the arrivals waiting at its joins */
  terminateChildren(scope: ElementInstanceRecord, reason: string, except?: string): void {
    for (const child of this.aggregate.childrenOf(scope.id)) {
      if (child.id !== except) this.terminate(child, reason);
    }
    this.common.discardArrivals(this, scope);
  }

  trigger(ei: ElementInstanceRecord, trigger: Trigger): void {
    const behavior = this.behaviorOf(ei.kind);
    if (!behavior.onTrigger) {
      throw new EngineInvariantError(`Expected '${ei.elementId}' (${ei.kind}) to wait for a trigger, but it does not`);
    }
    behavior.onTrigger(this, ei, this.nodeOf(ei), trigger);
  }

  /** a token travels along a sequence flow into its target, within `scope` */
  takeFlow(flowId: string, scope: ElementInstanceRecord): void {
    const flow = flowOf(this.graph, flowId);
    this.runListeners(flow.listeners, 'take', scope.id, flow.id);
    const target = nodeOf(this.graph, flow.targetId);
    if (this.common.holdForStartQuantity(this, scope, target, flowId)) return;
    const behavior = this.behaviorOf(loopBodyKindOf(target) ?? target.kind);
    if (behavior.onArrive?.(this, scope, target, flowId)) return;
    this.activate(target, scope, { incomingFlowId: flowId });
  }

  takeFlows(flowIds: readonly string[], scope: ElementInstanceRecord): void {
    for (const flowId of flowIds) this.takeFlow(flowId, scope);
  }

  /**
   * How instances this one called end when their call activity is cancelled: externally when this
   * instance is being deleted from outside, internally when the process itself cancelled it
   * (a boundary event, a terminate end event), as Camunda 7's history reports them.
   */
  get calledInstanceTermination(): 'EXTERNALLY_TERMINATED' | 'INTERNALLY_TERMINATED' {
    return this.endingExternally ? 'EXTERNALLY_TERMINATED' : 'INTERNALLY_TERMINATED';
  }

  /**
   * The process variables as they were when the instance ended (null while it runs): what
   * `withVariablesInReturn` answers for an instance that ended in the command, as Camunda's
   * variable snapshot observer does.
   */
  get variablesAtEnd(): ReadonlyMap<string, TypedValue> | null {
    return this.endedWith;
  }

  /** the process instance ends: everything at run time goes, history stays */
  endProcess(state: ProcessInstanceState, reason: string | null, endActivityId: string | null): void {
    if (this.aggregate.hasEnded) return;
    this.endingExternally = state === 'EXTERNALLY_TERMINATED';
    const root = this.element(this.aggregate.id);
    if (root) {
      for (const child of this.aggregate.childrenOf(root.id)) this.terminate(child, reason ?? 'process ended');
      this.runListeners(this.graph.processNode.listeners, 'end', root.id, this.graph.id);
      this.common.releaseOwnedRecords(this, root, reason ?? 'process ended');
      this.aggregate.elements.delete(root.id);
    }
    const finalVariables = this.variables.visible(this.aggregate.id);
    this.endedWith = finalVariables;
    for (const variable of this.aggregate.variables.all()) this.aggregate.variables.delete(variable.id);
    this.common.releaseInstanceLeftovers(this);
    this.aggregate.updateInstance({ state });
    this.history.processEnded(this.aggregate.instance, state, endActivityId, reason);
    this.common.notifySuperInstance(this, state, finalVariables);
    this.agenda.clear();
  }

  emit(effect: CrossInstanceEffect): void {
    this.effects.push(effect);
  }

  // ---- agenda -----------------------------------------------------------------------------

  schedule(step: () => void): void {
    this.agenda.schedule(step);
  }

  /** drains the agenda; each step may schedule more */
  run(): void {
    this.agenda.run();
  }
}

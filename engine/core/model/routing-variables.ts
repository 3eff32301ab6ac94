import type { CompiledExpression } from '../expressions/index.js';
import { definitionsOf, type FlowNode, type MultiInstanceSpec, type RoutingVariables, type SequenceFlow } from './graph.js';

interface GraphParts {
  readonly nodes: ReadonlyMap<string, FlowNode>;
  readonly flows: ReadonlyMap<string, SequenceFlow>;
}

const DECIDING_GATEWAYS: ReadonlySet<FlowNode['kind']> = new Set(['exclusiveGateway', 'inclusiveGateway', 'complexGateway']);

/** What the model routes on and which of it user tasks decide (see RoutingVariables); once per deployment. */
export function computeRoutingVariables(graph: GraphParts): RoutingVariables {
  const read = new Reader();
  for (const flow of graph.flows.values()) read.add(flow.condition);
  for (const node of graph.nodes.values()) readNode(node, read);
  const decided = new Reader();
  for (const node of graph.nodes.values()) {
    for (const event of definitionsOf(node)) if (event.kind === 'conditional') decided.add(event.condition);
    if (node.kind !== 'userTask') continue;
    for (const condition of conditionsAfter(node, graph)) decided.add(condition);
  }
  return { read: read.names, decided: decided.names, dynamic: read.dynamic };
}

function readNode(node: FlowNode, read: Reader): void {
  for (const event of definitionsOf(node)) {
    if (event.kind === 'message') read.add(event.messageName);
    if (event.kind === 'timer') read.add(event.expression);
    if (event.kind === 'signal') read.add(event.signalName);
    if (event.kind === 'conditional') read.add(event.condition);
  }
  read.add(node.messageName);
  read.add(node.activationCondition);
  if (node.kind === 'userTask' && node.userTask) {
    const task = node.userTask;
    [task.assignee, task.candidateUsers, task.candidateGroups, task.dueDate, task.followUpDate, task.priority, task.formKey, task.formRef?.key, task.formRef?.version]
      .forEach((expression) => read.add(expression));
    for (const party of task.fourEyes) if (party.kind === 'variable') read.names.add(party.name);
  }
  const loop = node.loop;
  if (loop?.kind === 'multiInstance') {
    [loop.loopCardinality, loop.collection, ...loopConditions(loop)].forEach((expression) => read.add(expression));
    const thrown = [loop.eventBehavior.event, ...loop.eventBehavior.complex.map((c) => c.event)];
    for (const definition of thrown) if (definition?.kind === 'signal') read.add(definition.signalName);
  }
  if (loop?.kind === 'standardLoop') read.add(loop.loopCondition);
  const call = node.callActivity;
  if (call) [call.calledElement, call.version, call.versionTag].forEach((expression) => read.add(expression));
  if (node.external) [node.external.topic, node.external.priority].forEach((expression) => read.add(expression));
  read.add(node.adHoc?.completionCondition);
}

/**
 * the conditions evaluated right after the task: its own flows', the deciding gateway's it leads
 * into, the loop conditions of the task and of the sub-processes around it, and the completion
 * conditions of the ad-hoc sub-processes around it
 */
function conditionsAfter(task: FlowNode, graph: GraphParts): (CompiledExpression | null)[] {
  const conditions: (CompiledExpression | null)[] = [];
  for (const flowId of task.outgoing) {
    const flow = graph.flows.get(flowId);
    if (!flow) continue;
    conditions.push(flow.condition);
    const target = graph.nodes.get(flow.targetId);
    if (target && DECIDING_GATEWAYS.has(target.kind)) conditions.push(...target.outgoing.map((id) => graph.flows.get(id)?.condition ?? null));
  }
  for (let node: FlowNode | undefined = task; node; node = graph.nodes.get(node.scopeId)) {
    if (node.loop?.kind === 'multiInstance') conditions.push(...loopConditions(node.loop));
    if (node.loop?.kind === 'standardLoop') conditions.push(node.loop.loopCondition);
    if (node.adHoc) conditions.push(node.adHoc.completionCondition);
  }
  return conditions;
}

/** the conditions a multi-instance body evaluates as an inner instance completes */
function loopConditions(loop: MultiInstanceSpec): (CompiledExpression | null)[] {
  return [loop.completionCondition, ...loop.eventBehavior.complex.map((c) => c.condition)];
}

class Reader {
  readonly names = new Set<string>();
  dynamic = false;

  add(expression: CompiledExpression | null | undefined): void {
    if (!expression) return;
    expression.variablesRead.names.forEach((name) => this.names.add(name));
    this.dynamic ||= expression.variablesRead.dynamic;
  }
}

import type { ElementKind, FlowNode, ListenerSpec, ProcessGraph, ScopeSpec, ScriptSpec, SequenceFlow, UserTaskSpec } from './graph.js';
import type { ModdleElement } from './moddle-reader.js';
import type { ParseIssues } from './parse-issues.js';
import { readExecutionListeners, readTakeListeners, readTaskListeners, refuseTaskListeners } from './readers/listeners.js';
import { readCallActivity, readDecisionTask, readExternalWork, readFormFields, readLoop, readRetry, readUserTask } from './readers/activities.js';
import { eventDefinitionsOf, readEventDefinition } from './readers/event-definitions.js';
import { bodyOf, documentationOf, stringProperty } from './readers/extensions.js';
import { readFormRef } from './readers/forms.js';
import { calledGlobalTask, readGlobalUserTask } from './readers/global-tasks.js';
import { readScriptTask } from './readers/scripts.js';
import { readInputOutput } from './readers/variable-mappings.js';
import { enabledActivitiesOf, readAdHoc } from './readers/ad-hoc.js';
import { refuseTaskRules } from './readers/task-rules.js';
import { readActivityQuantities } from './readers/activity-quantities.js';
import { computeInclusiveJoinSources } from './reachability.js';
import { computeRoutingVariables } from './routing-variables.js';
import { CompensationLinks } from './compensation-links.js';
import { readInstantiatingEntries } from './instantiating-elements.js';
import { ownEntry } from '../shared/own-entry.js';

const KIND_BY_TYPE: Readonly<Record<string, ElementKind>> = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:IntermediateCatchEvent': 'intermediateCatchEvent',
  'bpmn:IntermediateThrowEvent': 'intermediateThrowEvent',
  'bpmn:BoundaryEvent': 'boundaryEvent',
  'bpmn:Task': 'task',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:UserTask': 'userTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:SendTask': 'sendTask',
  'bpmn:BusinessRuleTask': 'businessRuleTask',
  'bpmn:ScriptTask': 'scriptTask',
  'bpmn:ReceiveTask': 'receiveTask',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:ComplexGateway': 'complexGateway',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
  'bpmn:SubProcess': 'subProcess',
  'bpmn:AdHocSubProcess': 'adHocSubProcess',
  'bpmn:Transaction': 'transaction',
  'bpmn:CallActivity': 'callActivity',
};

/** Flow elements that carry no behaviour: data and artifacts are kept in the XML, not executed. */
const IGNORED_TYPES: ReadonlySet<string> = new Set([
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
]);

type MutableNode = { -readonly [K in keyof FlowNode]: FlowNode[K] } & { incoming: string[]; outgoing: string[]; boundaryEvents: string[] };

/** Transforms one bpmn:Process into the immutable executable graph. */
export function buildProcessGraph(process: ModdleElement, issues: ParseIssues): ProcessGraph {
  const processId = process.id ?? '';
  const nodes = new Map<string, MutableNode>();
  const flows = new Map<string, SequenceFlow>();
  const compensation = new CompensationLinks();
  const scope = readScope(process, processId, nodes, flows, issues, compensation);
  connect(nodes, flows, issues);
  enableAdHocActivities(nodes);
  compensation.resolve(nodes, issues);
  const startEvent = scope.noneStartEvent ? nodes.get(scope.noneStartEvent) : undefined;
  const startFormKey = startEvent?.userTask?.formKey?.source ?? null;
  const graph: ProcessGraph = {
    id: processId,
    name: stringProperty(process, 'name'),
    versionTag: stringProperty(process, 'versionTag'),
    historyTimeToLive: toNumber(process['historyTimeToLive']),
    isExecutable: process['isExecutable'] !== false,
    candidateStarterGroups: splitList(stringProperty(process, 'candidateStarterGroups')),
    candidateStarterUsers: splitList(stringProperty(process, 'candidateStarterUsers')),
    scope,
    processNode: { ...processNodeOf(processId, stringProperty(process, 'name'), scope), ...optionalListeners(readExecutionListeners(process, issues)) },
    nodes,
    flows,
    inclusiveJoinSources: new Map(),
    linkTargets: collectLinkTargets(nodes),
    instantiating: readInstantiatingEntries(process, nodes, flows, issues),
    hasStartForm: startEvent?.userTask != null,
    startFormKey,
    routing: computeRoutingVariables({ nodes, flows }),
  };
  return { ...graph, inclusiveJoinSources: computeInclusiveJoinSources(graph) };
}

function readScope(
  container: ModdleElement,
  scopeId: string,
  nodes: Map<string, MutableNode>,
  flows: Map<string, SequenceFlow>,
  issues: ParseIssues,
  compensation: CompensationLinks,
): ScopeSpec {
  const children: string[] = [];
  const startEvents: string[] = [];
  const eventSubProcesses: string[] = [];
  const compensationHandlers = compensation.handlersOf(scopeId);
  for (const element of (container['flowElements'] as ModdleElement[] | undefined) ?? []) {
    const id = element.id;
    if (!id) {
      issues.add(scopeId, `Expected every flow element to have an id, but a '${element.$type}' has none`);
      continue;
    }
    if (element.$type === 'bpmn:SequenceFlow') {
      flows.set(id, readFlow(element, issues));
      continue;
    }
    if (IGNORED_TYPES.has(element.$type)) continue;
    const node = readNode(element, scopeId, nodes, flows, issues, compensation);
    if (!node) continue;
    if (nodes.has(id)) issues.add(id, 'Expected element ids to be unique, but this id is used twice');
    nodes.set(id, node);
    children.push(id);
    if (node.kind === 'startEvent') startEvents.push(id);
    if (node.kind === 'eventSubProcess') eventSubProcesses.push(id);
  }
  compensation.collect(container);
  const noneStarts = startEvents.filter((id) => nodes.get(id)!.eventDefinition === null);
  if (noneStarts.length > 1) issues.add(scopeId, `Expected at most one none start event in the scope, but found ${noneStarts.length}`);
  return { id: scopeId, children, noneStartEvent: noneStarts[0] ?? null, startEvents, eventSubProcesses, compensationHandlers };
}

function readFlow(element: ModdleElement, issues: ParseIssues): SequenceFlow {
  const id = element.id!;
  const source = (element['sourceRef'] as ModdleElement | undefined)?.id;
  const target = (element['targetRef'] as ModdleElement | undefined)?.id;
  if (!source) issues.add(id, 'Expected the sequence flow to have a sourceRef, but it has none or it names a missing element');
  if (!target) issues.add(id, 'Expected the sequence flow to have a targetRef, but it has none or it names a missing element');
  const conditionText = bodyOf(element, 'conditionExpression');
  return {
    id,
    name: stringProperty(element, 'name'),
    sourceId: source ?? '',
    targetId: target ?? '',
    condition: conditionText ? issues.expression(id, 'conditionExpression', conditionText) : null,
    ...optionalListeners(readTakeListeners(element, issues)),
  };
}

function readNode(
  element: ModdleElement,
  scopeId: string,
  nodes: Map<string, MutableNode>,
  flows: Map<string, SequenceFlow>,
  issues: ParseIssues,
  compensation: CompensationLinks,
): MutableNode | null {
  const id = element.id!;
  let kind = ownEntry(KIND_BY_TYPE, element.$type);
  if (!kind) {
    issues.add(id, `Expected a supported BPMN element, but '${element.$type.replace('bpmn:', '')}' is not supported`);
    return null;
  }
  if (kind === 'subProcess' && element['triggeredByEvent'] === true) kind = 'eventSubProcess';
  const global = kind === 'callActivity' ? calledGlobalTask(element, issues) : null;
  if (global) kind = global.kind;
  if (kind !== 'userTask') refuseTaskRules(element, issues);
  const listeners = [...(global ? readExecutionListeners(global.element, issues) : []), ...readExecutionListeners(element, issues)];
  const taskListeners = kind === 'userTask'
    ? [...(global ? readTaskListeners(global.element, issues) : []), ...readTaskListeners(element, issues)]
    : [];
  if (kind !== 'userTask') refuseTaskListeners(element, issues);
  const io = readInputOutput(element, issues);
  const eventDefinition = kind.endsWith('Event') ? readEventDefinition(element, issues) : null;
  const isServiceLike = kind === 'serviceTask' || kind === 'sendTask' || kind === 'businessRuleTask';
  const messageDefinition = messageEventDefinitionOf(element);
  const isMessageThrow = (kind === 'intermediateThrowEvent' || kind === 'endEvent') && messageDefinition !== undefined;
  const node: MutableNode = {
    id,
    name: stringProperty(element, 'name') ?? stringProperty(global?.element, 'name'),
    kind,
    scopeId,
    incoming: [],
    outgoing: [],
    defaultFlow: (element['default'] as ModdleElement | undefined)?.id ?? null,
    asyncBefore: element['asyncBefore'] === true || element['async'] === true,
    asyncAfter: element['asyncAfter'] === true,
    retry: readRetry(element, issues),
    inputs: io.inputs,
    outputs: io.outputs,
    eventDefinition,
    attachedTo: (element['attachedToRef'] as ModdleElement | undefined)?.id ?? null,
    interrupting: kind === 'boundaryEvent' ? element['cancelActivity'] !== false : element['isInterrupting'] !== false,
    boundaryEvents: [],
    loop: readLoop(element, issues),
    // some modelers mark compensation event sub-processes isForCompensation; they stay event sub-processes, not handlers
    isForCompensation: element['isForCompensation'] === true && kind !== 'eventSubProcess',
    userTask: kind === 'userTask'
      ? (global ? readGlobalUserTask(element, global.element, issues) : readUserTask(element, issues))
      : kind === 'startEvent' ? startForm(element, issues) : null,
    external: isServiceLike
      ? readExternalWork(element, element, issues, true)
      : isMessageThrow
        ? readExternalWork(element, messageDefinition!, issues, false)
        : null,
    script: kind === 'scriptTask'
      ? (global ? readScriptTask(global.element, issues, 'scriptLanguage') : readScriptTask(element, issues))
      : isServiceLike ? readExpressionTask(element, issues) : null,
    callActivity: kind === 'callActivity' ? readCallActivity(element, issues) : null,
    decision: kind === 'businessRuleTask' ? readDecisionTask(element, issues) : null,
    scope: null,
    adHoc: kind === 'adHocSubProcess' ? readAdHoc(element, issues) : null,
    messageName: kind === 'receiveTask' ? receiveMessage(element, issues) : null,
    activationCondition: kind === 'complexGateway' ? activationConditionOf(element, issues) : null,
    ...readActivityQuantities(element, kind),
    documentation: documentationOf(element) ?? (global ? documentationOf(global.element) : null),
    ...optionalListeners(listeners),
    ...(taskListeners.length > 0 ? { taskListeners } : {}),
  };
  if (kind === 'subProcess' || kind === 'eventSubProcess' || kind === 'transaction' || kind === 'adHocSubProcess') {
    node.scope = readScope(element, id, nodes, flows, issues, compensation);
  }
  return node;
}

/** `camunda:expression` service tasks evaluate their expression like a JUEL script task */
function readExpressionTask(element: ModdleElement, issues: ParseIssues): ScriptSpec | null {
  const expression = stringProperty(element, 'expression');
  if (!expression) return null;
  return {
    format: 'juel',
    script: issues.expression(element.id ?? '', 'camunda:expression', expression),
    resultVariable: stringProperty(element, 'resultVariable'),
  };
}

function startForm(element: ModdleElement, issues: ParseIssues): UserTaskSpec | null {
  const formFields = readFormFields(element, issues);
  const formKey = issues.optionalExpression(element.id ?? '', 'camunda:formKey', element['formKey']);
  const formRef = readFormRef(element, issues);
  if (formFields.length === 0 && !formKey && !formRef) return null;
  return {
    name: null, description: null, assignee: null, candidateUsers: null, candidateGroups: null, dueDate: null, followUpDate: null,
    priority: null, formKey, formRef, formFields, documentation: null, writableVariables: null, fourEyes: [],
  };
}

function messageEventDefinitionOf(element: ModdleElement): ModdleElement | undefined {
  return eventDefinitionsOf(element).find((d) => d.$type === 'bpmn:MessageEventDefinition');
}

function activationConditionOf(element: ModdleElement, issues: ParseIssues) {
  const text = bodyOf(element, 'activationCondition')?.trim();
  return text ? issues.expression(element.id ?? '', 'activationCondition', text) : null;
}

function receiveMessage(element: ModdleElement, issues: ParseIssues) {
  const message = element['messageRef'] as ModdleElement | undefined;
  const name = stringProperty(message, 'name');
  if (!name) return null;
  return issues.expression(element.id ?? '', 'message name', name);
}

function connect(nodes: Map<string, MutableNode>, flows: Map<string, SequenceFlow>, issues: ParseIssues): void {
  for (const flow of flows.values()) {
    const source = nodes.get(flow.sourceId);
    const target = nodes.get(flow.targetId);
    if (flow.sourceId && !source) issues.add(flow.id, `Expected sourceRef to name a flow node, but '${flow.sourceId}' is not one`);
    if (flow.targetId && !target) issues.add(flow.id, `Expected targetRef to name a flow node, but '${flow.targetId}' is not one`);
    if (!source || !target) continue;
    if (source.scopeId !== target.scopeId) {
      issues.add(flow.id, `Expected the sequence flow to stay inside one scope, but it connects '${source.id}' in '${source.scopeId}' to '${target.id}' in '${target.scopeId}'`);
    }
    source.outgoing.push(flow.id);
    target.incoming.push(flow.id);
  }
  for (const node of nodes.values()) {
    if (node.kind !== 'boundaryEvent' || !node.attachedTo) continue;
    const host = nodes.get(node.attachedTo);
    if (host) host.boundaryEvents.push(node.id);
  }
}

function enableAdHocActivities(nodes: Map<string, MutableNode>): void {
  for (const node of nodes.values()) {
    if (node.adHoc && node.scope) node.adHoc = { ...node.adHoc, enabledActivities: enabledActivitiesOf(node.scope.children, nodes) };
  }
}

function collectLinkTargets(nodes: Map<string, MutableNode>): Map<string, string> {
  const targets = new Map<string, string>();
  for (const node of nodes.values()) {
    if (node.kind === 'intermediateCatchEvent' && node.eventDefinition?.kind === 'link') {
      targets.set(`${node.scopeId}/${node.eventDefinition.linkName}`, node.id);
    }
  }
  return targets;
}

function processNodeOf(id: string, name: string | null, scope: ScopeSpec): FlowNode {
  return {
    id, name, kind: 'process', scopeId: id, incoming: [], outgoing: [], defaultFlow: null, asyncBefore: false, asyncAfter: false,
    retry: null, inputs: [], outputs: [], eventDefinition: null, attachedTo: null, interrupting: true, boundaryEvents: [],
    loop: null, isForCompensation: false, userTask: null, external: null, script: null, callActivity: null, scope, adHoc: null,
    messageName: null, activationCondition: null, startQuantity: 1, completionQuantity: 1, documentation: null,
  };
}

function optionalListeners(listeners: readonly ListenerSpec[]): { listeners?: readonly ListenerSpec[] } {
  return listeners.length > 0 ? { listeners } : {};
}

function splitList(text: string | null): string[] {
  return text ? text.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

import type { FormRefBinding } from '../forms/form-definition.js';
import type { CompiledExpression } from '../expressions/index.js';
import type { TimerKind } from '../timers/index.js';

/** Element kinds the engine executes; the behaviour registry is keyed by these. */
export type ElementKind =
  | 'process'
  | 'startEvent'
  | 'endEvent'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent'
  | 'task'
  | 'manualTask'
  | 'userTask'
  | 'serviceTask'
  | 'sendTask'
  | 'businessRuleTask'
  | 'scriptTask'
  | 'receiveTask'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'complexGateway'
  | 'eventBasedGateway'
  | 'subProcess'
  | 'adHocSubProcess'
  | 'eventSubProcess'
  | 'transaction'
  | 'callActivity'
  | 'multiInstanceBody'
  | 'standardLoopBody';

/** one trigger or result of an event: what a single event definition in the XML says */
export type SingleEventDefinition =
  | { readonly kind: 'none' }
  | { readonly kind: 'message'; readonly messageName: CompiledExpression }
  | { readonly kind: 'timer'; readonly timerKind: TimerKind; readonly expression: CompiledExpression }
  | { readonly kind: 'signal'; readonly signalName: CompiledExpression }
  | {
      readonly kind: 'error';
      /** null = catch-all (on catch events) or an error without code (on throw events) */
      readonly errorCode: string | null;
      readonly errorMessage: string | null;
      readonly errorCodeVariable: string | null;
      readonly errorMessageVariable: string | null;
    }
  | {
      readonly kind: 'escalation';
      readonly escalationCode: string | null;
      readonly escalationCodeVariable: string | null;
    }
  | { readonly kind: 'terminate' }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'compensate'; readonly activityRef: string | null; readonly waitForCompletion: boolean }
  | {
      readonly kind: 'conditional';
      readonly condition: CompiledExpression;
      readonly variableName: string | null;
      readonly variableEvents: readonly string[];
    }
  | { readonly kind: 'link'; readonly linkName: string };

/**
 * An event with several definitions (BPMN 2.0 section 10.5.1): a catching one happens on any one
 * of them, or with `parallel` (parallelMultiple) once all of them happened; a throwing one throws
 * them all. See behaviors/shared/multiple-events.ts.
 */
export interface MultipleEventDefinition {
  readonly kind: 'multiple';
  readonly parallel: boolean;
  readonly definitions: readonly SingleEventDefinition[];
}

export type EventDefinition = SingleEventDefinition | MultipleEventDefinition;

export type EventDefinitionKind = EventDefinition['kind'];

/** the definitions an event reacts to or throws: each of a multiple event's, else its only one (none for a none event) */
export function definitionsOf(node: FlowNode): readonly SingleEventDefinition[] {
  const definition = node.eventDefinition;
  if (!definition) return [];
  return definition.kind === 'multiple' ? definition.definitions : [definition];
}

/** a catch event that happens only once every one of its definitions has been triggered */
export function isParallelMultiple(node: FlowNode): boolean {
  return node.eventDefinition?.kind === 'multiple' && node.eventDefinition.parallel;
}

export interface VariableMapping {
  readonly target: string;
  /** null means: set the target to null (an empty camunda:inputParameter) */
  readonly value: MappingValue;
}

export type MappingValue =
  | { readonly kind: 'expression'; readonly expression: CompiledExpression }
  | { readonly kind: 'list'; readonly items: readonly MappingValue[] }
  | { readonly kind: 'map'; readonly entries: readonly { key: string; value: MappingValue }[] }
  | { readonly kind: 'script'; readonly format: string; readonly script: CompiledExpression }
  | { readonly kind: 'null' };

/** camunda:in / camunda:out of call activities */
export interface CallMapping {
  readonly all: boolean;
  readonly local: boolean;
  readonly source: string | null;
  readonly sourceExpression: CompiledExpression | null;
  readonly target: string | null;
  readonly businessKey: CompiledExpression | null;
}

export interface FormField {
  readonly id: string;
  readonly label: string | null;
  readonly type: string;
  readonly defaultValue: CompiledExpression | null;
  readonly values: readonly { id: string; name: string }[];
  readonly validation: readonly { name: string; config: string | null }[];
  readonly properties: Readonly<Record<string, string>>;
}

export interface UserTaskSpec {
  /** the task's name: an expression, as in Camunda 7 (`Review ${dealName}`) */
  readonly name: CompiledExpression | null;
  /** the task's description: the element's documentation, also an expression */
  readonly description: CompiledExpression | null;
  readonly assignee: CompiledExpression | null;
  readonly candidateUsers: CompiledExpression | null;
  readonly candidateGroups: CompiledExpression | null;
  readonly dueDate: CompiledExpression | null;
  readonly followUpDate: CompiledExpression | null;
  readonly priority: CompiledExpression | null;
  readonly formKey: CompiledExpression | null;
  readonly formRef: FormRefSpec | null;
  readonly formFields: readonly FormField[];
  readonly documentation: string | null;
  /** `camunda:property writableVariables`: what a completion may set besides its form's fields; null when not declared */
  readonly writableVariables: readonly string[] | null;
  /** `camunda:property fourEyes`: whose own request this task decides, so they may not claim or complete it */
  readonly fourEyes: readonly FourEyesParty[];
}

/** someone who may not work on a four-eyes task: the instance's starter, or the user a variable names */
export type FourEyesParty = { readonly kind: 'initiator' } | { readonly kind: 'variable'; readonly name: string };

/** `camunda:formRef` (a deployed form-js schema by its id) with its binding; key and version may be expressions */
export interface FormRefSpec {
  readonly key: CompiledExpression;
  readonly binding: FormRefBinding;
  readonly version: CompiledExpression | null;
}

/** how a service-like task is carried out */
export interface ExternalWorkSpec {
  readonly topic: CompiledExpression;
  readonly priority: CompiledExpression | null;
}

export interface ScriptSpec {
  readonly format: 'juel' | 'feel';
  readonly script: CompiledExpression;
  readonly resultVariable: string | null;
}

export interface CallActivitySpec {
  readonly calledElement: CompiledExpression;
  readonly binding: 'latest' | 'deployment' | 'version' | 'versionTag';
  readonly version: CompiledExpression | null;
  readonly versionTag: CompiledExpression | null;
  readonly inputs: readonly CallMapping[];
  readonly outputs: readonly CallMapping[];
}

/** a business rule task's camunda:decisionRef and how its result becomes a variable */
export interface DecisionTaskSpec {
  readonly decisionRef: CompiledExpression;
  readonly binding: 'latest' | 'deployment' | 'version' | 'versionTag';
  readonly version: CompiledExpression | null;
  readonly versionTag: CompiledExpression | null;
  readonly tenantId: CompiledExpression | null;
  readonly mapDecisionResult: 'singleEntry' | 'singleResult' | 'collectEntries' | 'resultList';
  readonly resultVariable: string | null;
}

export interface MultiInstanceSpec {
  readonly kind: 'multiInstance';
  readonly sequential: boolean;
  readonly loopCardinality: CompiledExpression | null;
  readonly collection: CompiledExpression | null;
  readonly elementVariable: string | null;
  readonly completionCondition: CompiledExpression | null;
  /** the events thrown as inner instances complete (`behavior`, BPMN 2.0 section 10.2.8) */
  readonly eventBehavior: MultiInstanceBehaviorSpec;
}

export type MultiInstanceEventBehavior = 'None' | 'One' | 'All' | 'Complex';

export interface MultiInstanceBehaviorSpec {
  readonly behavior: MultiInstanceEventBehavior;
  /** `None`: thrown after every inner instance; `One`: after the first */
  readonly event: EventDefinition | null;
  /** `Complex`: each event is thrown after an inner instance when its condition holds */
  readonly complex: readonly { readonly condition: CompiledExpression; readonly event: EventDefinition | null }[];
}

export interface StandardLoopSpec {
  readonly kind: 'standardLoop';
  readonly loopCondition: CompiledExpression | null;
  readonly loopMaximum: number | null;
  readonly testBefore: boolean;
}

export type LoopSpec = MultiInstanceSpec | StandardLoopSpec;

/**
 * An ad-hoc sub-process (BPMN 2.0, 10.3.6 and 13.3.5): its activities without incoming flows are
 * enabled, and none starts by itself; someone starts them, and flows among them run as usual.
 */
export interface AdHocSpec {
  /** Sequential: one inner activity (with the flow it leads into) at a time */
  readonly ordering: 'parallel' | 'sequential';
  /** evaluated each time an inner element completes; true ends the sub-process. null: ended by an explicit call */
  readonly completionCondition: CompiledExpression | null;
  /** when it ends: cancel inner activities still running (true), or wait for them (false) */
  readonly cancelRemainingInstances: boolean;
  /** the elements someone may start: inner activities and intermediate events without incoming flows */
  readonly enabledActivities: readonly string[];
}

export interface RetrySpec {
  readonly retries: number;
  /** milliseconds to wait before each retry, in order; the last repeats */
  readonly intervalsMs: readonly number[];
  readonly source: string;
}

export interface FlowNode {
  readonly id: string;
  readonly name: string | null;
  readonly kind: ElementKind;
  /** the id of the enclosing scope: the process id or a sub-process id */
  readonly scopeId: string;
  readonly incoming: readonly string[];
  readonly outgoing: readonly string[];
  readonly defaultFlow: string | null;
  readonly asyncBefore: boolean;
  readonly asyncAfter: boolean;
  readonly retry: RetrySpec | null;
  readonly inputs: readonly VariableMapping[];
  readonly outputs: readonly VariableMapping[];
  readonly eventDefinition: EventDefinition | null;
  /** boundary events: the activity they are attached to */
  readonly attachedTo: string | null;
  /** boundary events and event sub-process start events */
  readonly interrupting: boolean;
  /** activities: ids of attached boundary events */
  readonly boundaryEvents: readonly string[];
  readonly loop: LoopSpec | null;
  readonly isForCompensation: boolean;
  readonly userTask: UserTaskSpec | null;
  readonly external: ExternalWorkSpec | null;
  readonly script: ScriptSpec | null;
  readonly callActivity: CallActivitySpec | null;
  /** business rule tasks with camunda:decisionRef: the DMN decision they evaluate */
  readonly decision?: DecisionTaskSpec | null;
  /** sub-processes (embedded, event, transaction, ad-hoc): their own scope */
  readonly scope: ScopeSpec | null;
  /** complex gateways: when a join fires (reads the variables and `activationCount`); null = as an inclusive join */
  readonly activationCondition: CompiledExpression | null;
  /** activities: tokens that must arrive before one activation (BPMN startQuantity; 1 for other nodes) */
  readonly startQuantity: number;
  /** activities: tokens put on each taken outgoing flow on completion (BPMN completionQuantity; 1 for other nodes) */
  readonly completionQuantity: number;
  /** ad-hoc sub-processes: how their enabled activities run and when they end */
  readonly adHoc: AdHocSpec | null;
  /** receive tasks: the message they wait for */
  readonly messageName: CompiledExpression | null;
  readonly documentation: string | null;
  /** camunda:executionListener (events `start`, `end`) in model order; absent: none */
  readonly listeners?: readonly ListenerSpec[];
  /** user tasks: camunda:taskListener (events `create`, `assignment`, `complete`, `delete`) in model order; absent: none */
  readonly taskListeners?: readonly ListenerSpec[];
}

/** a listener the engine runs: an expression (`camunda:expression`, or a juel `camunda:script`) at an event */
export interface ListenerSpec {
  readonly event: string;
  readonly expression: CompiledExpression;
}

/** an event that starts the process at an instantiating element: `catchId` waits for it, the instance enters at `entryId` */
export interface InstantiatingEntry {
  readonly catchId: string;
  readonly entryId: string;
}

export interface SequenceFlow {
  readonly id: string;
  readonly name: string | null;
  readonly sourceId: string;
  readonly targetId: string;
  readonly condition: CompiledExpression | null;
  /** camunda:executionListener with event `take` (or none) in model order; absent: none */
  readonly listeners?: readonly ListenerSpec[];
}

export interface ScopeSpec {
  readonly id: string;
  /** flow nodes directly inside this scope (not nested deeper) */
  readonly children: readonly string[];
  /** the none start event a plain activation enters through */
  readonly noneStartEvent: string | null;
  /** all start events directly in the scope */
  readonly startEvents: readonly string[];
  /** event sub-processes directly in the scope */
  readonly eventSubProcesses: readonly string[];
  /** compensation handlers directly in the scope, keyed by the activity they compensate */
  readonly compensationHandlers: Readonly<Record<string, string>>;
}

export interface ProcessGraph {
  /** the process id in the XML: the definition key */
  readonly id: string;
  readonly name: string | null;
  readonly versionTag: string | null;
  readonly historyTimeToLive: number | null;
  readonly isExecutable: boolean;
  readonly candidateStarterGroups: readonly string[];
  readonly candidateStarterUsers: readonly string[];
  readonly scope: ScopeSpec;
  /** the process itself as the root scope's node (not in `nodes`) */
  readonly processNode: FlowNode;
  readonly nodes: ReadonlyMap<string, FlowNode>;
  readonly flows: ReadonlyMap<string, SequenceFlow>;
  /** joining inclusive (and complex) gateway id -> the ids of nodes from which it can still be reached */
  readonly inclusiveJoinSources: ReadonlyMap<string, ReadonlySet<string>>;
  /** link catch events by scope and link name */
  readonly linkTargets: ReadonlyMap<string, string>;
  /** the events of instantiating receive tasks and event-based gateways, which start the process like start events */
  readonly instantiating: readonly InstantiatingEntry[];
  readonly hasStartForm: boolean;
  readonly startFormKey: string | null;
  /** what the model routes on, computed once per deployment (see routing-variables.ts) */
  readonly routing: RoutingVariables;
}

/**
 * The variables the model's routing reads: conditions, timers, messages and signals, who gets a
 * task and when, loops, called processes, topics, four-eyes parties. `decided` are those user
 * tasks decide: read by the conditions right after a user task (its outgoing flows, the gateway it
 * leads into, the loops of the task and of the sub-processes around it) and by conditional events,
 * which wait for variables to change. `dynamic`: some routing expression reads variables by a name
 * known only at run time.
 */
export interface RoutingVariables {
  readonly read: ReadonlySet<string>;
  readonly decided: ReadonlySet<string>;
  readonly dynamic: boolean;
}

export function nodeOf(graph: ProcessGraph, id: string): FlowNode {
  if (id === graph.id) return graph.processNode;
  const node = graph.nodes.get(id);
  if (!node) throw new Error(`Expected element '${id}' in process '${graph.id}', but it does not exist`);
  return node;
}

export function flowOf(graph: ProcessGraph, id: string): SequenceFlow {
  const flow = graph.flows.get(id);
  if (!flow) throw new Error(`Expected sequence flow '${id}' in process '${graph.id}', but it does not exist`);
  return flow;
}

export function scopeOf(graph: ProcessGraph, scopeId: string): ScopeSpec {
  if (scopeId === graph.id) return graph.scope;
  const scope = nodeOf(graph, scopeId).scope;
  if (!scope) throw new Error(`Expected '${scopeId}' to be a scope, but it is not`);
  return scope;
}

export const ACTIVITY_KINDS: ReadonlySet<ElementKind> = new Set<ElementKind>([
  'task', 'manualTask', 'userTask', 'serviceTask', 'sendTask', 'businessRuleTask', 'scriptTask', 'receiveTask',
  'subProcess', 'adHocSubProcess', 'transaction', 'callActivity',
]);

export function isActivity(node: FlowNode): boolean {
  return ACTIVITY_KINDS.has(node.kind);
}

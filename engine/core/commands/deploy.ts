import { createHash } from 'node:crypto';
import type { DeployedDefinition, ProcessDefinitionRecord } from '../definitions/definition-record.js';
import { CodedError, ParseError, type ParseIssue } from '../errors/index.js';
import { ExpressionEvaluationError, type CompiledExpression } from '../expressions/index.js';
import type { JobRecord, SubscriptionRecord } from '../execution/records.js';
import { changedWithItsForms, checkFormLinks, newFormDefinitions, readDeploymentForms } from '../forms/deploy-forms.js';
import { definitionsOf, type FlowNode, type ProcessGraph, type SingleEventDefinition } from '../model/graph.js';
import { isBpmnResource, readBpmnResource, type ParseOptions } from '../model/parse-bpmn.js';
import { guardXml } from '../model/xml-guard.js';
import type { DeploymentRecord, ResourceRecord } from '../ports/engine-store.js';
import { parseTimer, storableDue, TimerDefinitionError } from '../timers/index.js';
import { CONDITIONAL_START } from './conditional-starts.js';
import type { DecisionDefinitionRecord, DecisionRequirementsDefinitionRecord } from '../dmn/decision-records.js';
import type { DeployedDecisions } from '../dmn/deployed-decisions.js';
import type { DmnDefinitions } from '../dmn/dmn-api.js';
import type { CommandScope } from './command-scope.js';
import { isDmnResource, literalDecisionRefs, newDecisionDefinitions, refuseDuplicateDecisions, unresolvedDecisionRef } from './deploy-decisions.js';

export interface DeployRequest {
  readonly name: string | null;
  readonly source: string | null;
  readonly tenantId: string | null;
  readonly enableDuplicateFiltering: boolean;
  readonly deployChangedOnly: boolean;
  readonly resources: readonly { readonly name: string; readonly content: string }[];
}

export interface DeployResult {
  readonly deployment: DeploymentRecord;
  /** null when duplicate filtering found nothing new */
  readonly definitions: readonly ProcessDefinitionRecord[] | null;
  readonly resources: readonly ResourceRecord[];
  /** the decisions of the deployment's DMN resources; null when duplicate filtering found nothing new */
  readonly decisionDefinitions: readonly DecisionDefinitionRecord[] | null;
  readonly decisionRequirementsDefinitions: readonly DecisionRequirementsDefinitionRecord[] | null;
  /** what is legal but suspicious, by resource name (README, *Deploy-time validation*); only resources that have some */
  readonly warnings: Readonly<Record<string, readonly ParseIssue[]>>;
}

export interface ParsedResource {
  readonly name: string;
  readonly content: string;
  readonly hash: string;
  readonly graphs: readonly ProcessGraph[];
  /** the form id of a `.form` resource (a form-js schema) */
  readonly formId: string | null;
  /** what a `.dmn` resource declares */
  readonly decisions: DmnDefinitions | null;
  readonly warnings: readonly ParseIssue[];
}

/** Parsing happens before the transaction: a refused model never holds a database connection. */
export async function parseDeployment(request: DeployRequest, options: ParseOptions, decisions: DeployedDecisions): Promise<ParsedResource[]> {
  const parsed: ParsedResource[] = [];
  const keys = new Map<string, string>();
  for (const resource of request.resources) {
    refuseNulCharacters(resource);
    refuseModelsNotRun(resource.name);
  }
  const formIds = readDeploymentForms(request.resources, options.limits);
  const formIdOf = new Map([...formIds].map(([id, resourceName]) => [resourceName, id]));
  for (const resource of request.resources) {
    const { graphs, warnings } = isBpmnResource(resource.name) ? await readBpmnResource(resource.name, resource.content, options) : { graphs: [], warnings: [] };
    for (const graph of graphs) {
      const other = keys.get(graph.id);
      if (other) {
        throw new ParseError(resource.name, [{ elementId: graph.id, message: `Expected process keys to be unique in a deployment, but '${graph.id}' is also in '${other}'` }]);
      }
      keys.set(graph.id, resource.name);
    }
    const dmn = isDmnResource(resource.name) ? await readDmnResource(resource, options, decisions) : null;
    parsed.push({ ...resource, hash: createHash('sha256').update(resource.content).digest('hex'), graphs, formId: formIdOf.get(resource.name) ?? null, decisions: dmn, warnings });
  }
  refuseDuplicateDecisions(parsed);
  checkFormLinks(parsed, formIds);
  return parsed;
}

/** a DMN resource passes the XML guard of BPMN models (size, no DTD, structure) before the evaluator parses it */
async function readDmnResource(resource: DeployRequest['resources'][number], options: ParseOptions, decisions: DeployedDecisions): Promise<DmnDefinitions> {
  guardXml(resource.name, resource.content, options.limits);
  try {
    return (await decisions.parse(resource.content, resource.name)).definitions;
  } catch (error) {
    // the evaluator names decision and rule in a ParseError; anything else it throws on a resource is still about the resource
    if (error instanceof CodedError || !(error instanceof Error)) throw error;
    throw new ParseError(resource.name, [{ elementId: null, message: `Expected a valid DMN resource, but ${error.message}` }], 'DMN resource');
  }
}

const MODELS_NOT_RUN: readonly [RegExp, string][] = [
  [/\.cmmn(1[01]\.xml)?$/i, 'a CMMN case model'],
];

/** Camunda would deploy these as cases: stored unseen here, a deployment would look done and decide nothing */
function refuseModelsNotRun(name: string): void {
  const kind = MODELS_NOT_RUN.find(([suffix]) => suffix.test(name))?.[1];
  if (!kind) return;
  throw new ParseError(name, [{ elementId: null, message: `Expected BPMN models, forms or plain files, but '${name}' is ${kind}, which this engine does not run` }], 'resource');
}

/** resources are stored as text, and PostgreSQL text cannot hold a NUL character */
function refuseNulCharacters(resource: DeployRequest['resources'][number]): void {
  if (!resource.content.includes('\u0000') && !resource.name.includes('\u0000')) return;
  const where = resource.content.includes('\u0000') ? 'its content has one' : 'its name has one';
  throw new ParseError(resource.name.replaceAll('\u0000', '\\u0000'), [{ elementId: null, message: `Expected a resource without NUL characters (\\u0000), but ${where}` }], 'resource');
}

/** Stores a parsed deployment: new definition versions, their start-event timers and subscriptions. */
export async function storeDeployment(scope: CommandScope, request: DeployRequest, parsed: readonly ParsedResource[]): Promise<{ result: DeployResult; deployed: DeployedDefinition[] }> {
  // as in Camunda, deploy-changed-only filters duplicates too (earlier Camunda Modelers send only it)
  const filtering = request.enableDuplicateFiltering || request.deployChangedOnly;
  const previous = filtering && request.name
    ? await scope.tx.findLatestDeploymentByName(request.name, request.source, request.tenantId)
    : null;
  const unchanged = (resource: ParsedResource) => previous?.resources.some((r) => r.name === resource.name && r.hash === resource.hash) ?? false;
  const nothingNew = request.deployChangedOnly || parsed.length === previous?.resources.length;
  if (previous && nothingNew && parsed.every(unchanged)) {
    return {
      result: { deployment: previous.deployment, definitions: null, decisionDefinitions: null, decisionRequirementsDefinitions: null, resources: previous.resources, warnings: await warningsOf(scope, request, parsed) },
      deployed: [],
    };
  }
  const deployment: DeploymentRecord = {
    id: scope.newId(),
    name: request.name,
    source: request.source,
    tenantId: request.tenantId,
    deploymentTime: scope.now(),
  };
  const resources: ResourceRecord[] = parsed.map((r) => ({ id: scope.newId(), deploymentId: deployment.id, name: r.name, content: r.content, hash: r.hash }));
  const changed = parsed.filter((r) => !request.deployChangedOnly || !unchanged(r));
  const changedNames = new Set(changed.map((r) => r.name));
  const changedFormIds = new Set(changed.flatMap((r) => (r.formId ? [r.formId] : [])));
  const toDeploy = parsed.flatMap((r) => r.graphs
    .filter((graph) => changedNames.has(r.name) || changedWithItsForms(graph, changedNames, changedFormIds))
    .map((graph) => ({ resource: r, graph })));
  const formsToDeploy = changed.flatMap((r) => (r.formId ? [{ resourceName: r.name, formId: r.formId }] : []));
  const forms = newFormDefinitions(formsToDeploy, await scope.tx.latestFormVersions([...changedFormIds], request.tenantId), deployment, () => scope.newId());
  const keys = toDeploy.map((d) => d.graph.id);
  const latestVersions = await scope.tx.latestVersions(keys, request.tenantId);
  const previousIds = await scope.tx.latestDefinitionIds(keys, request.tenantId);
  const deployed: DeployedDefinition[] = toDeploy.map(({ resource, graph }) => {
    const version = (latestVersions.get(graph.id) ?? 0) + 1;
    return {
      graph,
      record: {
        id: `${graph.id}:${version}:${scope.newId()}`,
        key: graph.id,
        version,
        name: graph.name,
        versionTag: graph.versionTag,
        deploymentId: deployment.id,
        resourceName: resource.name,
        tenantId: request.tenantId,
        suspended: false,
        historyTimeToLive: graph.historyTimeToLive,
        hasStartForm: graph.hasStartForm,
        startFormKey: graph.startFormKey,
        category: null,
        description: null,
      },
    };
  });
  const dmnToDeploy = changed.flatMap((r) => (r.decisions ? [{ name: r.name, definitions: r.decisions }] : []));
  const decisions = newDecisionDefinitions(dmnToDeploy, {
    decisions: await scope.tx.latestDecisionVersions(dmnToDeploy.flatMap((r) => r.definitions.decisions.map((d) => d.id)), request.tenantId),
    requirements: await scope.tx.latestDecisionRequirementsVersions(dmnToDeploy.map((r) => r.definitions.id), request.tenantId),
  }, deployment, () => scope.newId());
  scope.unit.deployments.push({
    deployment,
    resources,
    definitions: deployed.map((d) => d.record),
    decisionDefinitions: decisions.decisions,
    decisionRequirementsDefinitions: decisions.requirements,
    forms,
    graphs: new Map(deployed.map((d) => [d.record.id, d.graph])),
  });
  await replaceStartEvents(scope, [...previousIds.values()], deployed);
  const result: DeployResult = {
    deployment,
    definitions: deployed.map((d) => d.record),
    decisionDefinitions: decisions.decisions,
    decisionRequirementsDefinitions: decisions.requirements,
    resources,
    warnings: await warningsOf(scope, request, parsed),
  };
  return { result, deployed };
}

/** the parse warnings, and business rule tasks whose literal decisionRef names no decision of the deployment nor a deployed one */
async function warningsOf(scope: CommandScope, request: DeployRequest, parsed: readonly ParsedResource[]): Promise<Record<string, readonly ParseIssue[]>> {
  const own = new Set(parsed.flatMap((r) => r.decisions?.decisions.map((d) => d.id) ?? []));
  const refs = parsed.map((r) => ({ resource: r, refs: literalDecisionRefs(r.graphs).filter((ref) => !own.has(ref.key)) }));
  const elsewhere = refs.flatMap((r) => r.refs.filter((ref) => !ref.ownDeploymentOnly).map((ref) => ref.key));
  const deployed = elsewhere.length > 0 ? await scope.tx.latestDecisionVersions([...new Set(elsewhere)], request.tenantId) : new Map<string, number>();
  const all = refs.map(({ resource, refs: unresolved }) => ({
    name: resource.name,
    warnings: [
      ...resource.warnings,
      ...unresolved.filter((ref) => ref.ownDeploymentOnly || !deployed.has(ref.key)).map((ref) => unresolvedDecisionRef(ref.elementId, ref.key, ref.ownDeploymentOnly)),
    ],
  }));
  return Object.fromEntries(all.filter((r) => r.warnings.length > 0).map((r) => [r.name, r.warnings]));
}

/** the previous versions' timer, message, signal and conditional start events give way to the new versions' */
export async function replaceStartEvents(scope: CommandScope, previousDefinitionIds: string[], deployed: readonly DeployedDefinition[]): Promise<void> {
  const unit = scope.unit;
  unit.loadDefinitionLevel(
    await scope.tx.definitionLevelJobs(previousDefinitionIds),
    await scope.tx.definitionLevelSubscriptions(previousDefinitionIds),
  );
  for (const job of unit.definitionJobs.all()) unit.definitionJobs.delete(job.id);
  for (const sub of unit.definitionSubscriptions.all()) unit.definitionSubscriptions.delete(sub.id);
  for (const { record, graph } of deployed) {
    for (const startId of [...graph.scope.startEvents, ...graph.instantiating.map((entry) => entry.catchId)]) {
      // a multiple start event waits for each of its triggers: any one starts an instance
      for (const definition of startTriggersOf(graph.nodes.get(startId)!)) {
        const evaluate = (expression: CompiledExpression) => String(expression.evaluate({ resolve: () => ({ found: false }), now: () => scope.now() }));
        refuseModelOnFailure(record.resourceName, startId, () => {
          if (definition.kind === 'timer') unit.definitionJobs.insert(timerStartJob(scope, record, startId, definition.timerKind, evaluate(definition.expression)));
          if (definition.kind === 'message' || definition.kind === 'signal') {
            const name = definition.kind === 'message' ? definition.messageName : definition.signalName;
            unit.definitionSubscriptions.insert(startSubscription(scope, record, startId, definition.kind, evaluate(name)));
          }
          // evaluated on request (POST /condition), with the variables the request brings
          if (definition.kind === 'conditional') unit.definitionSubscriptions.insert(startSubscription(scope, record, startId, 'conditional', CONDITIONAL_START));
        });
      }
    }
  }
}

/** a start event's definitions; an instantiating receive task waits for its message like a message start event */
function startTriggersOf(node: FlowNode): readonly SingleEventDefinition[] {
  if (node.kind === 'receiveTask' && node.messageName) return [{ kind: 'message', messageName: node.messageName }];
  return definitionsOf(node);
}

/** start events evaluate their expressions at deployment: one that fails there refuses the model, naming the event */
function refuseModelOnFailure(resourceName: string, elementId: string, work: () => void): void {
  try {
    work();
  } catch (error) {
    if (!(error instanceof ExpressionEvaluationError) && !(error instanceof TimerDefinitionError)) throw error;
    throw new ParseError(resourceName, [{ elementId, message: `Could not set up the start event at deployment: ${error.message}` }]);
  }
}

function timerStartJob(scope: CommandScope, definition: ProcessDefinitionRecord, startId: string, timerKind: 'date' | 'duration' | 'cycle', text: string): JobRecord {
  return {
    id: scope.newId(),
    type: 'timer-start',
    processInstanceId: null,
    elementInstanceId: null,
    definitionId: definition.id,
    definitionKey: definition.key,
    activityId: startId,
    dueAt: storableDue(parseTimer(timerKind, text).firstDue(scope.now()), text),
    retries: 3,
    retryIntervalsMs: [0],
    exceptionMessage: null,
    exceptionDetails: null,
    lockOwner: null,
    lockExpiration: null,
    payload: { elementId: startId, timerKind, timerText: text, firedCount: 0 },
    created: scope.now(),
    suspended: false,
    priority: 0,
    tenantId: definition.tenantId,
  };
}

function startSubscription(scope: CommandScope, definition: ProcessDefinitionRecord, startId: string, type: 'message' | 'signal' | 'conditional', eventName: string): SubscriptionRecord {
  return {
    id: scope.newId(),
    type,
    eventName,
    processInstanceId: null,
    elementInstanceId: null,
    activityId: startId,
    definitionId: definition.id,
    created: scope.now(),
    tenantId: definition.tenantId,
  };
}

import { addDuration, parseRetryTimeCycle } from '../../timers/index.js';
import type { CallActivitySpec, DecisionTaskSpec, ExternalWorkSpec, FormField, LoopSpec, RetrySpec, UserTaskSpec } from '../graph.js';
import type { ModdleElement } from '../moddle-reader.js';
import type { ParseIssues } from '../parse-issues.js';
import { bodyOf, documentationOf, firstExtension, stringProperty } from './extensions.js';
import { readFormRef } from './forms.js';
import { readMultiInstanceBehavior } from './multi-instance-behavior.js';
import { readTaskRules } from './task-rules.js';
import { readCallMappings } from './variable-mappings.js';
import { TASK_IMPLEMENTATION_MISSING } from '../rules/catalogue.js';

export function readUserTask(element: ModdleElement, issues: ParseIssues): UserTaskSpec {
  const id = element.id ?? '';
  const expr = (attribute: string) => issues.optionalExpression(id, `camunda:${attribute}`, element[attribute]);
  return {
    name: issues.optionalExpression(id, 'name', element['name']),
    description: issues.optionalExpression(id, 'documentation', documentationOf(element)),
    assignee: expr('assignee'),
    candidateUsers: expr('candidateUsers'),
    candidateGroups: expr('candidateGroups'),
    dueDate: expr('dueDate'),
    followUpDate: expr('followUpDate'),
    priority: expr('priority'),
    formKey: expr('formKey'),
    formRef: readFormRef(element, issues),
    formFields: readFormFields(element, issues),
    documentation: documentationOf(element),
    ...readTaskRules(element, issues),
  };
}

export function readFormFields(element: ModdleElement, issues: ParseIssues): FormField[] {
  const formData = firstExtension(element, 'camunda:FormData');
  const fields = (formData?.['fields'] as ModdleElement[] | undefined) ?? [];
  const id = element.id ?? '';
  return fields.map((field) => {
    const fieldId = stringProperty(field, 'id');
    if (!fieldId) issues.add(id, 'Expected every camunda:formField to have an id, but one has none');
    const validation = field['validation'] as ModdleElement | undefined;
    const properties = field['properties'] as ModdleElement | undefined;
    return {
      id: fieldId ?? '',
      label: stringProperty(field, 'label'),
      type: stringProperty(field, 'type') ?? 'string',
      defaultValue: issues.optionalExpression(id, `formField ${fieldId} defaultValue`, field['defaultValue']),
      values: ((field['values'] as ModdleElement[] | undefined) ?? []).map((v) => ({
        id: stringProperty(v, 'id') ?? '',
        name: stringProperty(v, 'name') ?? stringProperty(v, 'id') ?? '',
      })),
      validation: ((validation?.['constraints'] as ModdleElement[] | undefined) ?? []).map((c) => ({
        name: stringProperty(c, 'name') ?? '',
        config: stringProperty(c, 'config'),
      })),
      properties: Object.fromEntries(
        ((properties?.['values'] as ModdleElement[] | undefined) ?? []).map((p) => [stringProperty(p, 'id') ?? '', stringProperty(p, 'value') ?? '']),
      ),
    };
  });
}

/**
 * Service, send and business rule tasks (and message throw events) hand their work to a worker:
 * `camunda:type="external"` with a topic. In-process handlers registered for the topic take it
 * at run time; otherwise it waits for an external worker.
 */
export function readExternalWork(element: ModdleElement, holder: ModdleElement, issues: ParseIssues, required: boolean): ExternalWorkSpec | null {
  const id = element.id ?? '';
  if (stringProperty(holder, 'class') || stringProperty(holder, 'delegateExpression')) {
    issues.add(id, 'Expected camunda:type="external" with a camunda:topic, but Java delegates (camunda:class, camunda:delegateExpression) cannot run here');
    return null;
  }
  if (firstExtension(holder, 'camunda:Connector')) {
    issues.add(id, 'Expected camunda:type="external" with a camunda:topic, but connectors are not supported');
    return null;
  }
  if (stringProperty(holder, 'decisionRef')) {
    if (holder.$type === 'bpmn:BusinessRuleTask') return null;
    issues.add(id, 'Expected camunda:type="external" with a camunda:topic, but DMN decisions (camunda:decisionRef) are not supported');
    return null;
  }
  const type = stringProperty(holder, 'type');
  const topic = stringProperty(holder, 'topic');
  if (type === 'external') {
    if (!topic) {
      issues.add(id, 'Expected camunda:topic on an external task, but it is missing');
      return null;
    }
    return { topic: issues.expression(id, 'camunda:topic', topic), priority: issues.optionalExpression(id, 'camunda:taskPriority', holder['taskPriority']) };
  }
  if (type !== null) {
    issues.add(id, `Expected camunda:type="external", but got '${type}'`);
    return null;
  }
  if (topic) return { topic: issues.expression(id, 'camunda:topic', topic), priority: null };
  if (required && !stringProperty(holder, 'expression')) {
    // BPMN leaves a task's implementation open (MIWG C.1.0): it runs like an abstract task, completing at once
    issues.warn(id, 'Expected camunda:type="external" with a camunda:topic (or camunda:expression), but the task has neither: it completes at once, like a task without a type', TASK_IMPLEMENTATION_MISSING);
  }
  return null;
}

const DECISION_BINDINGS: readonly string[] = ['latest', 'deployment', 'version', 'versionTag'];
const DECISION_RESULT_MAPPINGS: readonly string[] = ['singleEntry', 'singleResult', 'collectEntries', 'resultList'];

/** a business rule task's camunda:decisionRef (Camunda 7's attributes); null without one */
export function readDecisionTask(element: ModdleElement, issues: ParseIssues): DecisionTaskSpec | null {
  const id = element.id ?? '';
  const decisionRef = stringProperty(element, 'decisionRef');
  if (!decisionRef) return null;
  const binding = stringProperty(element, 'decisionRefBinding') ?? 'latest';
  if (!DECISION_BINDINGS.includes(binding)) issues.add(id, `Expected camunda:decisionRefBinding latest, deployment, version or versionTag, but got '${binding}'`);
  const mapping = stringProperty(element, 'mapDecisionResult') ?? 'resultList';
  if (!DECISION_RESULT_MAPPINGS.includes(mapping)) issues.add(id, `Expected camunda:mapDecisionResult singleEntry, singleResult, collectEntries or resultList, but got '${mapping}'`);
  const version = issues.optionalExpression(id, 'camunda:decisionRefVersion', element['decisionRefVersion']);
  const versionTag = issues.optionalExpression(id, 'camunda:decisionRefVersionTag', element['decisionRefVersionTag']);
  if (binding === 'version' && !version) issues.add(id, 'Expected camunda:decisionRefVersion with binding "version", but it is missing');
  if (binding === 'versionTag' && !versionTag) issues.add(id, 'Expected camunda:decisionRefVersionTag with binding "versionTag", but it is missing');
  return {
    decisionRef: issues.expression(id, 'camunda:decisionRef', decisionRef),
    binding: binding as DecisionTaskSpec['binding'],
    version,
    versionTag,
    tenantId: issues.optionalExpression(id, 'camunda:decisionRefTenantId', element['decisionRefTenantId']),
    mapDecisionResult: mapping as DecisionTaskSpec['mapDecisionResult'],
    resultVariable: stringProperty(element, 'resultVariable'),
  };
}

export function readCallActivity(element: ModdleElement, issues: ParseIssues): CallActivitySpec {
  const id = element.id ?? '';
  if (stringProperty(element, 'caseRef')) issues.add(id, 'Expected calledElement, but CMMN cases (camunda:caseRef) are not supported');
  if (stringProperty(element, 'variableMappingClass') || stringProperty(element, 'variableMappingDelegateExpression')) {
    issues.add(id, 'Expected camunda:in/camunda:out mappings, but variable mapping delegates are not supported');
  }
  const calledElement = stringProperty(element, 'calledElement');
  if (!calledElement) issues.add(id, 'Expected the call activity to name a calledElement, but it has none');
  const binding = (stringProperty(element, 'calledElementBinding') ?? 'latest') as CallActivitySpec['binding'];
  if (!['latest', 'deployment', 'version', 'versionTag'].includes(binding)) {
    issues.add(id, `Expected calledElementBinding latest, deployment, version or versionTag, but got '${binding}'`);
  }
  const version = issues.optionalExpression(id, 'camunda:calledElementVersion', element['calledElementVersion']);
  const versionTag = issues.optionalExpression(id, 'camunda:calledElementVersionTag', element['calledElementVersionTag']);
  if (binding === 'version' && !version) issues.add(id, 'Expected camunda:calledElementVersion with binding "version", but it is missing');
  if (binding === 'versionTag' && !versionTag) issues.add(id, 'Expected camunda:calledElementVersionTag with binding "versionTag", but it is missing');
  return {
    calledElement: issues.expression(id, 'calledElement', calledElement ?? ''),
    binding,
    version,
    versionTag,
    inputs: readCallMappings(element, 'camunda:In', issues),
    outputs: readCallMappings(element, 'camunda:Out', issues),
  };
}

export function readLoop(element: ModdleElement, issues: ParseIssues): LoopSpec | null {
  const id = element.id ?? '';
  const loop = element['loopCharacteristics'] as ModdleElement | undefined;
  if (!loop) return null;
  if (loop.$type === 'bpmn:StandardLoopCharacteristics') return readStandardLoop(id, loop, issues);
  if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    issues.add(id, `Expected multi-instance or standard loop characteristics, but got '${loop.$type}'`);
    return null;
  }
  const cardinality = issues.optionalExpression(id, 'loopCardinality', bodyOf(loop, 'loopCardinality'));
  const collection = issues.optionalExpression(id, 'camunda:collection', loop['collection']);
  if (!cardinality && !collection) {
    issues.add(id, 'Expected loopCardinality or camunda:collection on the multi-instance activity, but it has neither');
  }
  if (loop['loopDataInputRef'] || loop['inputDataItem']) {
    issues.add(id, 'Expected camunda:collection and camunda:elementVariable, but loopDataInputRef/inputDataItem are not supported');
  }
  return {
    kind: 'multiInstance',
    sequential: loop['isSequential'] === true,
    loopCardinality: cardinality,
    collection,
    elementVariable: stringProperty(loop, 'elementVariable'),
    completionCondition: issues.optionalExpression(id, 'completionCondition', bodyOf(loop, 'completionCondition')),
    eventBehavior: readMultiInstanceBehavior(id, loop, issues),
  };
}

/** a loop with neither a condition nor a maximum would never end: refused */
function readStandardLoop(id: string, loop: ModdleElement, issues: ParseIssues): LoopSpec {
  const maximum = loop['loopMaximum'];
  const loopMaximum = typeof maximum === 'number' ? maximum : typeof maximum === 'string' && maximum !== '' ? Number(maximum) : null;
  if (loopMaximum !== null && (!Number.isInteger(loopMaximum) || loopMaximum < 0)) {
    issues.add(id, `Expected loopMaximum of the standard loop to be a non-negative integer, but got '${String(maximum)}'`);
  }
  const loopCondition = issues.optionalExpression(id, 'loopCondition', bodyOf(loop, 'loopCondition'));
  if (!loopCondition && loopMaximum === null) {
    issues.add(id, 'Expected a loopCondition or a loopMaximum on the standard loop, but it has neither, so it would never end');
  }
  return { kind: 'standardLoop', loopCondition, loopMaximum, testBefore: loop['testBefore'] === true };
}

const DEFAULT_RETRIES = 3;

export function readRetry(element: ModdleElement, issues: ParseIssues): RetrySpec | null {
  const cycle = firstExtension(element, 'camunda:FailedJobRetryTimeCycle');
  const text = stringProperty(cycle, 'body');
  if (!text) return null;
  try {
    const parsed = parseRetryTimeCycle(text);
    const epoch = new Date(0);
    return {
      retries: parsed.retries,
      intervalsMs: parsed.intervals.map((d) => addDuration(epoch, d).getTime()),
      source: text,
    };
  } catch (error) {
    issues.add(element.id ?? null, `Expected a valid camunda:failedJobRetryTimeCycle, but ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

export const defaultRetry: RetrySpec = { retries: DEFAULT_RETRIES, intervalsMs: [0], source: 'default' };

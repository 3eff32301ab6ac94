import type { ElementKind, UserTaskSpec } from '../graph.js';
import type { ModdleElement } from '../moddle-reader.js';
import type { ParseIssues } from '../parse-issues.js';
import { ownEntry } from '../../shared/own-entry.js';
import { extensionsOf, stringProperty } from './extensions.js';
import { readUserTask } from './activities.js';

/** the global tasks a call activity can run in place, and the task each one becomes */
const KIND_BY_GLOBAL_TYPE: Readonly<Record<string, ElementKind>> = {
  'bpmn:GlobalTask': 'task',
  'bpmn:GlobalUserTask': 'userTask',
  'bpmn:GlobalScriptTask': 'scriptTask',
  'bpmn:GlobalManualTask': 'manualTask',
};

export interface CalledGlobalTask {
  readonly kind: ElementKind;
  readonly element: ModdleElement;
}

/**
 * A call activity whose calledElement is the id of a global task at the root of the same
 * definitions (BPMN 2.0 section 10.2.5) runs that task in place: the graph builder reads the call
 * activity as the task, keeping its id, name, boundary events, loop, mappings and async flags, with
 * the task's own properties from the global task. Any other calledElement names a process to call.
 */
export function calledGlobalTask(callActivity: ModdleElement, issues: ParseIssues): CalledGlobalTask | null {
  const calledElement = stringProperty(callActivity, 'calledElement');
  const called = calledElement ? rootElementById(callActivity, calledElement) : undefined;
  if (!called || !called.$type.startsWith('bpmn:Global')) return null;
  const id = callActivity.id ?? '';
  const kind = ownEntry(KIND_BY_GLOBAL_TYPE, called.$type);
  if (!kind) {
    issues.add(id, `Expected the called global task '${calledElement}' to be a globalTask, globalUserTask, globalScriptTask or globalManualTask, but it is a ${lowerFirst(called.$type.replace('bpmn:', ''))}, which cannot run here`);
    return null;
  }
  if (extensionsOf(callActivity, 'camunda:In').length + extensionsOf(callActivity, 'camunda:Out').length > 0) {
    issues.add(id, `Expected no camunda:in / camunda:out on a call activity that runs the global task '${calledElement}', but it has some: the task runs in place and sees the process variables`);
  }
  return { kind, element: called };
}

/** a global user task's task properties; the call activity's name stands in for a task without one */
export function readGlobalUserTask(callActivity: ModdleElement, global: ModdleElement, issues: ParseIssues): UserTaskSpec {
  const spec = readUserTask(global, issues);
  if (spec.name) return spec;
  return { ...spec, name: issues.optionalExpression(callActivity.id ?? '', 'name', callActivity['name']) };
}

function rootElementById(element: ModdleElement, id: string): ModdleElement | undefined {
  let definitions: ModdleElement | undefined = element;
  while (definitions && definitions.$type !== 'bpmn:Definitions') definitions = definitions.$parent;
  return ((definitions?.['rootElements'] as ModdleElement[] | undefined) ?? []).find((root) => root.id === id);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

import type { FourEyesParty } from '../graph.js';
import type { ModdleElement } from '../moddle-reader.js';
import type { ParseIssues } from '../parse-issues.js';
import { extensionsOf, stringProperty } from './extensions.js';

/** `camunda:property` names this engine reads on a user task; any other property is kept as data */
export const WRITABLE_VARIABLES = 'writableVariables';
export const FOUR_EYES = 'fourEyes';
/** in `fourEyes`: the user who started the process instance */
export const INITIATOR = 'initiator';

const VARIABLE_NAME = /^[\p{L}_$][\p{L}\p{N}_$-]{0,254}$/u;

export interface TaskRules {
  /** variables a completion may write besides its form's fields; null when the model names none */
  readonly writableVariables: readonly string[] | null;
  /** who may not claim or complete the task: the starter and/or the users named by variables */
  readonly fourEyes: readonly FourEyesParty[];
}

/**
 * Reads the task rules a user task declares in `<camunda:properties>`:
 * `writableVariables` ("a, b": what a completion may set besides its form's fields, "" for nothing)
 * and `fourEyes` ("initiator, requesterId": the starter and the user a variable names may not work on it).
 */
export function readTaskRules(element: ModdleElement, issues: ParseIssues): TaskRules {
  const id = element.id ?? '';
  const properties = taskProperties(element);
  const writable = single(properties, WRITABLE_VARIABLES, id, issues);
  const fourEyes = single(properties, FOUR_EYES, id, issues);
  return {
    writableVariables: writable === undefined ? null : names(writable, WRITABLE_VARIABLES, id, issues, true),
    fourEyes: fourEyes === undefined ? [] : names(fourEyes, FOUR_EYES, id, issues, false).map(toParty),
  };
}

/** task rules belong on user tasks: elsewhere they would be silently ignored, so they are refused */
export function refuseTaskRules(element: ModdleElement, issues: ParseIssues): void {
  for (const property of taskProperties(element)) {
    const name = stringProperty(property, 'name');
    if (name === WRITABLE_VARIABLES || name === FOUR_EYES) {
      issues.add(element.id ?? null, `Expected the camunda:property '${name}' only on user tasks, but it is on a ${element.$type.replace('bpmn:', '')}`);
    }
  }
}

function taskProperties(element: ModdleElement): ModdleElement[] {
  return extensionsOf(element, 'camunda:Properties').flatMap((p) => (p['values'] as ModdleElement[] | undefined) ?? []);
}

function single(properties: readonly ModdleElement[], name: string, id: string, issues: ParseIssues): string | undefined {
  const found = properties.filter((p) => stringProperty(p, 'name') === name);
  if (found.length > 1) issues.add(id, `Expected at most one camunda:property '${name}', but found ${found.length}`);
  if (found.length === 0) return undefined;
  const value = found[0]!['value'];
  return typeof value === 'string' ? value : '';
}

function names(value: string, property: string, id: string, issues: ParseIssues, emptyAllowed: boolean): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.length === 1 && items[0] === '') {
    if (!emptyAllowed) issues.add(id, `Expected camunda:property '${property}' to name '${INITIATOR}' or variables, but it is empty`);
    return [];
  }
  const invalid = items.filter((item) => !VARIABLE_NAME.test(item));
  if (invalid.length > 0) {
    issues.add(id, `Expected camunda:property '${property}' to be a comma-separated list of variable names, but ${invalid.map((i) => `'${i}'`).join(', ')} ${invalid.length === 1 ? 'is not one' : 'are not'}`);
  }
  return [...new Set(items.filter((item) => VARIABLE_NAME.test(item)))];
}

function toParty(name: string): FourEyesParty {
  return name === INITIATOR ? { kind: 'initiator' } : { kind: 'variable', name };
}

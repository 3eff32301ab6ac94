import type { ListenerSpec } from '../graph.js';
import type { ModdleElement } from '../moddle-reader.js';
import type { ParseIssues } from '../parse-issues.js';
import { extensionsOf, stringProperty } from './extensions.js';
import { scriptSource } from './scripts.js';

/** the events a flow node's or the process's execution listeners may name */
export const NODE_LISTENER_EVENTS = ['start', 'end'] as const;
/** the task listener events the engine runs; `update` and `timeout` are refused at deploy */
export const TASK_LISTENER_EVENTS = ['create', 'assignment', 'complete', 'delete'] as const;

/** camunda:executionListener of a flow node or the process: `start` and `end` */
export function readExecutionListeners(element: ModdleElement, issues: ParseIssues): ListenerSpec[] {
  return readListeners(element, 'camunda:ExecutionListener', 'execution listener', NODE_LISTENER_EVENTS, null, issues);
}

/** camunda:executionListener of a sequence flow: `take`, which is also what one without an event means there */
export function readTakeListeners(element: ModdleElement, issues: ParseIssues): ListenerSpec[] {
  return readListeners(element, 'camunda:ExecutionListener', 'execution listener', ['take'], 'take', issues);
}

/** camunda:taskListener of a user task */
export function readTaskListeners(element: ModdleElement, issues: ParseIssues): ListenerSpec[] {
  return readListeners(element, 'camunda:TaskListener', 'task listener', TASK_LISTENER_EVENTS, null, issues);
}

/** any camunda:taskListener on an element that is not a user task is refused */
export function refuseTaskListeners(element: ModdleElement, issues: ParseIssues): void {
  if (extensionsOf(element, 'camunda:TaskListener').length > 0) {
    issues.add(element.id ?? null, 'Expected task listeners only on a user task, but this element is not one');
  }
}

function readListeners(
  element: ModdleElement,
  type: string,
  label: string,
  events: readonly string[],
  defaultEvent: string | null,
  issues: ParseIssues,
): ListenerSpec[] {
  const id = element.id ?? '';
  const listeners: ListenerSpec[] = [];
  for (const listener of extensionsOf(element, type)) {
    const event = stringProperty(listener, 'event') ?? defaultEvent;
    const expected = events.map((e) => `'${e}'`).join(', ');
    if (!event || !events.includes(event)) {
      issues.add(id, `Expected the ${label}'s event to be one of ${expected}, but got '${event ?? '(none)'}'`);
      continue;
    }
    const expression = listenerExpression(listener, `${label} (${event})`, id, issues);
    if (expression) listeners.push({ event, expression });
  }
  return listeners;
}

/** what the listener runs: `expression`, or an inline juel script; Java classes, beans and other scripts are refused */
function listenerExpression(listener: ModdleElement, label: string, id: string, issues: ParseIssues) {
  if (stringProperty(listener, 'class') || stringProperty(listener, 'delegateExpression')) {
    issues.add(id, `Expected the ${label} to be a camunda:expression or a juel or feel camunda:script, but it names a Java class or delegate expression, which this engine cannot run`);
    return null;
  }
  if (((listener['fields'] as unknown[] | undefined) ?? []).length > 0) {
    issues.add(id, `Expected the ${label} to have no camunda:field, but it has some: fields are injected into Java classes only`);
    return null;
  }
  const expression = stringProperty(listener, 'expression');
  const script = listener['script'] as ModdleElement | undefined;
  if (expression && script) {
    issues.add(id, `Expected the ${label} to have a camunda:expression or a camunda:script, but it has both`);
    return null;
  }
  if (expression) return issues.expression(id, `${label} expression`, expression);
  if (!script) {
    issues.add(id, `Expected the ${label} to have a camunda:expression or a camunda:script, but it has neither`);
    return null;
  }
  const format = (stringProperty(script, 'scriptFormat') ?? '').toLowerCase();
  if (format === 'feel') {
    issues.add(id, `Expected the ${label}'s scriptFormat to be 'juel', but got 'feel': a FEEL expression cannot set variables or change the task, so as a listener it would do nothing`);
    return null;
  }
  if (format !== 'juel') {
    issues.add(id, `Expected the ${label}'s scriptFormat to be 'juel', but got '${format || '(none)'}': other script languages are not executed for safety`);
    return null;
  }
  if (stringProperty(script, 'resource')) {
    issues.add(id, `Expected the ${label}'s script inline, but camunda:resource scripts are not supported`);
    return null;
  }
  const body = stringProperty(script, 'value');
  if (!body) {
    issues.add(id, `Expected a script body in the ${label}, but it has none`);
    return null;
  }
  return issues.expression(id, `${label} script`, scriptSource(format, body));
}

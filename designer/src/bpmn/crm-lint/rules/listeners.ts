import { extensionValues, is, type LintNode, type Reporter } from './moddle';

const NODE_EVENTS = ['start', 'end'];
const TAKE_EVENTS = ['take'];
const TASK_EVENTS = ['create', 'assignment', 'complete', 'delete'];

/** what the engine refuses of one listener, or null (engine/core/model/readers/listeners.ts decides the same) */
function problemOf(listener: LintNode, events: readonly string[], defaultEvent: string | null): string | null {
  const event = String(listener.get('event') ?? '').trim() || defaultEvent;
  if (!event || !events.includes(event)) return `Listener event '${event ?? '(none)'}' is not run here: use ${events.join(', ')}`;
  if (listener.get('class') || listener.get('delegateExpression')) return 'Listeners with a Java class or delegate expression are not supported: use an expression or a juel script';
  if (((listener.get('fields') as unknown[] | undefined) ?? []).length > 0) return 'Listener fields are injected into Java classes only: remove them';
  const script = listener.get('script') as LintNode | undefined;
  const expression = String(listener.get('expression') ?? '').trim();
  if (expression && script) return 'A listener has an expression or a script, not both';
  if (!expression && !script) return 'A listener needs an expression or a juel script';
  if (script) {
    const format = String(script.get('scriptFormat') ?? '').toLowerCase();
    if (format !== 'juel') return `Listener script format '${format || '(none)'}' is refused: use juel`;
    if (script.get('resource')) return 'Listener scripts must be inline, not a resource';
    if (!String(script.get('value') ?? '').trim()) return 'The listener script is empty';
  }
  return null;
}

/** Execution listeners (start, end; take on flows) and task listeners (create, assignment, complete, delete) the engine runs. */
export default function listeners() {
  function check(node: LintNode, reporter: Reporter) {
    if (!is(node, 'bpmn:BaseElement')) return;
    const isFlow = is(node, 'bpmn:SequenceFlow');
    for (const extension of extensionValues(node)) {
      let problem: string | null = null;
      if (is(extension, 'camunda:ExecutionListener')) problem = problemOf(extension, isFlow ? TAKE_EVENTS : NODE_EVENTS, isFlow ? 'take' : null);
      else if (is(extension, 'camunda:TaskListener')) {
        problem = is(node, 'bpmn:UserTask') ? problemOf(extension, TASK_EVENTS, null) : 'Task listeners belong on user tasks only';
      }
      if (problem) reporter.report(node.id, problem);
    }
  }
  return { check };
}

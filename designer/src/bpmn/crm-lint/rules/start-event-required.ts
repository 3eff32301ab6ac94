import { is, type LintNode, type Reporter } from './moddle';

/** a receive task or event-based gateway with instantiate="true": it starts the process like a start event */
const isInstantiating = (node: LintNode): boolean => (is(node, 'bpmn:ReceiveTask') || is(node, 'bpmn:EventBasedGateway')) && node.get('instantiate') === true;

/**
 * A process needs a start event, or an instantiating receive task or event-based gateway; a
 * sub-process (not an ad-hoc one, whose activities are started by hand) needs a start event.
 */
export default function startEventRequired() {
  function check(node: LintNode, reporter: Reporter) {
    const process = is(node, 'bpmn:Process');
    if (!process && !(is(node, 'bpmn:SubProcess') && !is(node, 'bpmn:AdHocSubProcess'))) return;
    const elements = (node.get('flowElements') as LintNode[] | undefined) ?? [];
    if (elements.some((element) => is(element, 'bpmn:StartEvent'))) return;
    if (!process) return reporter.report(node.id, 'Sub process is missing a start event');
    if (!elements.some(isInstantiating)) reporter.report(node.id, 'Process is missing a start event (or an instantiating receive task or event-based gateway)');
  }
  return { check };
}

import { knownForms } from '../known-forms';
import { is, type LintNode, type Reporter } from './moddle';

const DEPLOYMENT_KEY = 'camunda-forms:deployment:';

/** A linked Camunda Form must come with the diagram (binding deployment) or already be deployed. */
export default function linkedForm() {
  function check(node: LintNode, reporter: Reporter) {
    if (!is(node, 'bpmn:UserTask') && !is(node, 'bpmn:StartEvent')) return;
    const { attachedIds, attachedFiles, deployedIds } = knownForms();
    const formKey = String(node.get('camunda:formKey') ?? '');
    if (formKey.startsWith(DEPLOYMENT_KEY) && !attachedFiles.has(formKey.slice(DEPLOYMENT_KEY.length))) {
      reporter.report(node.id, `Form file '${formKey.slice(DEPLOYMENT_KEY.length)}' is not attached to this diagram: the engine will refuse the deployment`);
    }
    const formRef = node.get('camunda:formRef') as string | undefined;
    if (!formRef || formRef.includes('${') || attachedIds.has(formRef)) return;
    if ((node.get('camunda:formRefBinding') ?? 'latest') === 'deployment') {
      reporter.report(node.id, `Form '${formRef}' is not attached to this diagram: with binding "deployment" the engine will refuse the deployment`);
    } else if (deployedIds && !deployedIds.has(formRef)) {
      reporter.report(node.id, `Form '${formRef}' is neither attached to this diagram nor deployed: attach it (Forms › New form or Import .form)`);
    }
  }
  return { check };
}

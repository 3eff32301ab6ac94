import { FORM_REF_BINDINGS, type FormRefBinding } from '../../forms/form-definition.js';
import type { FormRefSpec } from '../graph.js';
import type { ModdleElement } from '../moddle-reader.js';
import type { ParseIssues } from '../parse-issues.js';
import { stringProperty } from './extensions.js';

/**
 * `camunda:formRef`, `camunda:formRefBinding` (default latest) and `camunda:formRefVersion` of a
 * user task or start event, as Camunda 7.16 reads them.
 */
export function readFormRef(element: ModdleElement, issues: ParseIssues): FormRefSpec | null {
  const id = element.id ?? '';
  const key = stringProperty(element, 'formRef');
  if (!key) return null;
  if (stringProperty(element, 'formKey')) issues.add(id, 'Expected either camunda:formKey or camunda:formRef, but both are set');
  const bindingText = stringProperty(element, 'formRefBinding') ?? 'latest';
  const binding = FORM_REF_BINDINGS.includes(bindingText as FormRefBinding) ? (bindingText as FormRefBinding) : null;
  if (!binding) issues.add(id, `Expected camunda:formRefBinding to be one of ${FORM_REF_BINDINGS.join(', ')}, but it is '${bindingText}'`);
  const versionText = stringProperty(element, 'formRefVersion');
  if (binding === 'version' && !versionText) issues.add(id, 'Expected camunda:formRefVersion with camunda:formRefBinding="version", but it is missing');
  const version = binding === 'version' ? issues.optionalExpression(id, 'camunda:formRefVersion', versionText) : null;
  if (version?.isLiteral && !/^[1-9]\d*$/.test(version.source)) {
    issues.add(id, `Expected camunda:formRefVersion to be a positive whole number, but it is '${version.source}'`);
  }
  return { key: issues.expression(id, 'camunda:formRef', key), binding: binding ?? 'latest', version };
}

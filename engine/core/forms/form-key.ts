const DEPLOYMENT_PREFIX = 'deployment:';

/**
 * The resource a form key names in its definition's deployment: Camunda's
 * `[embedded:|camunda-forms:]deployment:<resource name>`; null for any other key
 * (`camunda-forms:app:...`, `embedded:app:...`, a plain key), which names no deployed form.
 */
export function deployedResourceOf(formKey: string): string | null {
  const rest = formKey.replace(/^(embedded:|camunda-forms:)/, '');
  if (!rest.startsWith(DEPLOYMENT_PREFIX)) return null;
  const name = rest.slice(DEPLOYMENT_PREFIX.length).trim();
  return name === '' ? null : name;
}

export function isCamundaFormsKey(formKey: string): boolean {
  return formKey.startsWith('camunda-forms:');
}

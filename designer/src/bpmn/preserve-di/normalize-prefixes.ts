const CAMUNDA_URI = 'http://camunda.org/schema/1.0/bpmn';

/**
 * A file may bind the `camunda` prefix to another namespace (Activiti exports do); moddle then
 * cannot write it back. Such a prefix is renamed before import; the namespace stays the same.
 */
export function normalizeForeignPrefixes(xml: string): string {
  const binding = /xmlns:camunda="([^"]*)"/.exec(xml);
  if (!binding || binding[1] === CAMUNDA_URI) return xml;
  const prefix = 'camunda_foreign';
  return xml.replace(/xmlns:camunda=/g, `xmlns:${prefix}=`).replace(/(<\/?|\s)camunda:/g, `$1${prefix}:`);
}

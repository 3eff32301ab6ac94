import { ParseError } from '../errors/index.js';
import type { ProcessGraph } from '../model/graph.js';
import type { XmlLimits } from '../model/xml-guard.js';
import type { FormDefinitionRecord } from './form-definition.js';
import { checkDeploymentFormLinks, deploymentFormLinks } from './form-links.js';
import { isFormResource, readFormSchema } from './form-resource.js';

interface Resource {
  readonly name: string;
  readonly content: string;
}

interface ParsedModel extends Resource {
  readonly graphs: readonly ProcessGraph[];
  readonly formId: string | null;
}

/** the id of every `.form` resource of a deployment, checked; one id per deployment, as process keys */
export function readDeploymentForms(resources: readonly Resource[], limits: Pick<XmlLimits, 'maxBytes' | 'maxDepth'>): Map<string, string> {
  const ids = new Map<string, string>();
  for (const resource of resources) {
    if (!isFormResource(resource.name)) continue;
    const { id } = readFormSchema(resource.name, resource.content, limits);
    const other = ids.get(id);
    if (other) throw new ParseError(resource.name, [{ elementId: null, message: `Expected form ids to be unique in a deployment, but '${id}' is also the id of '${other}'` }], 'form');
    ids.set(id, resource.name);
  }
  return ids;
}

/** every model's deployment-bound forms must be in the deployment (a ParseError names the element) */
export function checkFormLinks(parsed: readonly ParsedModel[], formIds: ReadonlyMap<string, string>): void {
  const resourceNames = new Set(parsed.map((r) => r.name));
  for (const resource of parsed) checkDeploymentFormLinks(resource.name, resource.graphs, { formIds, resourceNames });
}

/**
 * With deploy-changed-only, a model counts as changed when a form it takes from its own
 * deployment changed: its new version must bind the new form.
 */
export function changedWithItsForms(graph: ProcessGraph, changedResources: ReadonlySet<string>, changedFormIds: ReadonlySet<string>): boolean {
  return deploymentFormLinks(graph).some((link) => ('formId' in link ? changedFormIds.has(link.formId) : changedResources.has(link.resourceName)));
}

export function newFormDefinitions(
  forms: readonly { readonly resourceName: string; readonly formId: string }[],
  latestVersions: ReadonlyMap<string, number>,
  deployment: { readonly id: string; readonly tenantId: string | null },
  newId: () => string,
): FormDefinitionRecord[] {
  return forms.map(({ resourceName, formId }) => {
    const version = (latestVersions.get(formId) ?? 0) + 1;
    return { id: `${formId}:${version}:${newId()}`, key: formId, version, deploymentId: deployment.id, resourceName, tenantId: deployment.tenantId };
  });
}

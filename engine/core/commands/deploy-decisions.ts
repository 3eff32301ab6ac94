import type { DecisionDefinitionRecord, DecisionRequirementsDefinitionRecord } from '../dmn/decision-records.js';
import type { DmnDefinitions } from '../dmn/dmn-api.js';
import { ParseError, type ParseIssue } from '../errors/index.js';
import type { ProcessGraph } from '../model/graph.js';
import { citationOf } from '../model/rules/model-rule.js';
import { UNRESOLVED_DECISION_REFERENCE } from '../model/rules/catalogue.js';
import type { DeploymentRecord } from '../ports/engine-store.js';

/** Camunda deploys these as decisions: `.dmn` and the older `.dmn11.xml` */
export function isDmnResource(name: string): boolean {
  return /\.dmn(11\.xml)?$/i.test(name);
}

/** decision keys (and decision requirements keys) are unique within a deployment, as process keys are */
export function refuseDuplicateDecisions(resources: readonly { readonly name: string; readonly decisions: DmnDefinitions | null }[]): void {
  const seen = new Map<string, string>();
  const definitions = new Map<string, string>();
  for (const resource of resources) {
    if (!resource.decisions) continue;
    const other = definitions.get(resource.decisions.id);
    if (other) {
      throw new ParseError(resource.name, [{ elementId: resource.decisions.id, message: `Expected DMN definitions ids to be unique in a deployment, but '${resource.decisions.id}' is also in '${other}'` }], 'DMN resource');
    }
    definitions.set(resource.decisions.id, resource.name);
  }
  for (const resource of resources) {
    for (const decision of resource.decisions?.decisions ?? []) {
      const other = seen.get(decision.id);
      if (other) {
        throw new ParseError(resource.name, [{ elementId: decision.id, message: `Expected decision keys to be unique in a deployment, but '${decision.id}' is also in '${other}'` }], 'DMN resource');
      }
      seen.set(decision.id, resource.name);
    }
  }
}

export interface NewDecisions {
  readonly requirements: DecisionRequirementsDefinitionRecord[];
  readonly decisions: DecisionDefinitionRecord[];
}

/** a decision requirements definition per DMN resource and a decision definition per decision, each the next version of its key */
export function newDecisionDefinitions(
  resources: readonly { readonly name: string; readonly definitions: DmnDefinitions }[],
  latest: { readonly decisions: ReadonlyMap<string, number>; readonly requirements: ReadonlyMap<string, number> },
  deployment: DeploymentRecord,
  newId: () => string,
): NewDecisions {
  const out: NewDecisions = { requirements: [], decisions: [] };
  for (const { name, definitions } of resources) {
    const drdVersion = (latest.requirements.get(definitions.id) ?? 0) + 1;
    const requirements: DecisionRequirementsDefinitionRecord = {
      id: `${definitions.id}:${drdVersion}:${newId()}`,
      key: definitions.id,
      version: drdVersion,
      name: definitions.name,
      category: definitions.namespace,
      deploymentId: deployment.id,
      resourceName: name,
      tenantId: deployment.tenantId,
    };
    out.requirements.push(requirements);
    for (const decision of definitions.decisions) {
      const version = (latest.decisions.get(decision.id) ?? 0) + 1;
      out.decisions.push({
        id: `${decision.id}:${version}:${newId()}`,
        key: decision.id,
        version,
        name: decision.name,
        versionTag: decision.versionTag,
        category: definitions.namespace,
        deploymentId: deployment.id,
        resourceName: name,
        tenantId: deployment.tenantId,
        historyTimeToLive: decision.historyTimeToLive,
        decisionRequirementsDefinitionId: requirements.id,
        decisionRequirementsDefinitionKey: requirements.key,
      });
    }
  }
  return out;
}

/** the literal decision keys business rule tasks name; `deployment` binding: only this deployment's decisions count */
export function literalDecisionRefs(graphs: readonly ProcessGraph[]): { readonly elementId: string; readonly key: string; readonly ownDeploymentOnly: boolean }[] {
  return graphs.flatMap((graph) => [...graph.nodes.values()].flatMap((node) => {
    const decision = node.decision;
    if (!decision || !decision.decisionRef.isLiteral) return [];
    return [{ elementId: node.id, key: decision.decisionRef.source, ownDeploymentOnly: decision.binding === 'deployment' }];
  }));
}

/** a deploy warning for a business rule task whose literal decisionRef names no decision of the deployment nor a deployed one */
export function unresolvedDecisionRef(elementId: string, key: string, ownDeploymentOnly: boolean): ParseIssue {
  const where = ownDeploymentOnly ? 'in this deployment (camunda:decisionRefBinding="deployment")' : 'in this deployment nor deployed before';
  return {
    elementId,
    message: `Expected camunda:decisionRef '${key}' to name a decision, but there is none ${where}: the task fails until one is deployed ${citationOf(UNRESOLVED_DECISION_REFERENCE)}`,
    rule: UNRESOLVED_DECISION_REFERENCE.id,
    section: UNRESOLVED_DECISION_REFERENCE.section,
  };
}

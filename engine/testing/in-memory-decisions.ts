import type { DecisionDefinitionRecord, DecisionRequirementsDefinitionRecord } from '../core/dmn/decision-records.js';
import type { DefinitionRef } from '../core/ports/engine-store.js';

/** decision and decision requirements definitions in memory, found as the SQL store finds them */
export class InMemoryDecisions {
  readonly definitions = new Map<string, DecisionDefinitionRecord>();
  readonly requirements = new Map<string, DecisionRequirementsDefinitionRecord>();

  add(decisions: readonly DecisionDefinitionRecord[], requirements: readonly DecisionRequirementsDefinitionRecord[]): void {
    for (const r of requirements) this.requirements.set(r.id, r);
    for (const d of decisions) this.definitions.set(d.id, d);
  }

  removeDeployment(deploymentId: string): void {
    for (const table of [this.definitions, this.requirements] as Map<string, { deploymentId: string }>[]) {
      for (const [id, row] of table) if (row.deploymentId === deploymentId) table.delete(id);
    }
  }

  latestVersions(table: 'definitions' | 'requirements', keys: readonly string[], tenantId: string | null): Map<string, number> {
    const out = new Map<string, number>();
    for (const d of this[table].values()) {
      if (keys.includes(d.key) && d.tenantId === tenantId) out.set(d.key, Math.max(out.get(d.key) ?? 0, d.version));
    }
    return out;
  }

  find(ref: DefinitionRef): DecisionDefinitionRecord | null {
    if (ref.by === 'id') return this.definitions.get(ref.id) ?? null;
    const tenant = (d: DecisionDefinitionRecord) => ('tenantId' in ref && ref.tenantId !== undefined ? d.tenantId === ref.tenantId : true);
    const matching = [...this.definitions.values()].filter((d) => {
      if (d.key !== ref.key) return false;
      switch (ref.by) {
        case 'latest':
          return tenant(d);
        case 'version':
          return d.version === ref.version && tenant(d);
        case 'deployment':
          return d.deploymentId === ref.deploymentId;
        case 'versionTag':
          return d.versionTag === ref.versionTag && tenant(d);
      }
    });
    return matching.sort((a, b) => b.version - a.version)[0] ?? null;
  }

  ofRequirements(requirementsId: string): DecisionDefinitionRecord[] {
    return [...this.definitions.values()].filter((d) => d.decisionRequirementsDefinitionId === requirementsId);
  }
}

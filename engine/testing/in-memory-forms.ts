import type { FormDefinitionRecord, FormDefinitionRef } from '../core/forms/form-definition.js';
import { isFormResource } from '../core/forms/form-resource.js';
import type { ResourceRecord } from '../core/ports/engine-store.js';

/** The form lookups of the in-memory store's transactions, over its tables. */
export class InMemoryForms {
  constructor(
    private readonly definitions: ReadonlyMap<string, FormDefinitionRecord>,
    private readonly resources: ReadonlyMap<string, ResourceRecord>,
  ) {}

  async latestVersions(keys: readonly string[], tenantId: string | null): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const f of this.definitions.values()) if (keys.includes(f.key) && f.tenantId === tenantId) out.set(f.key, Math.max(out.get(f.key) ?? 0, f.version));
    return out;
  }

  async find(ref: FormDefinitionRef): Promise<FormDefinitionRecord | null> {
    const matching = [...this.definitions.values()]
      .filter((f) => f.key === ref.key && f.tenantId === ref.tenantId && (ref.by === 'latest' || f.version === ref.version))
      .sort((a, b) => b.version - a.version);
    return matching[0] ?? null;
  }

  async resource(deploymentId: string, name: string): Promise<ResourceRecord | null> {
    return [...this.resources.values()].find((r) => r.deploymentId === deploymentId && r.name === name) ?? null;
  }

  async formResources(deploymentId: string): Promise<ResourceRecord[]> {
    return [...this.resources.values()].filter((r) => r.deploymentId === deploymentId && isFormResource(r.name));
  }
}

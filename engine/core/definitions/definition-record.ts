import type { ProcessGraph } from '../model/graph.js';

export interface ProcessDefinitionRecord {
  readonly id: string;
  readonly key: string;
  readonly version: number;
  readonly name: string | null;
  readonly versionTag: string | null;
  readonly deploymentId: string;
  readonly resourceName: string;
  readonly tenantId: string | null;
  readonly suspended: boolean;
  readonly historyTimeToLive: number | null;
  readonly hasStartForm: boolean;
  readonly startFormKey: string | null;
  readonly category: string | null;
  readonly description: string | null;
}

/** A definition with its executable graph, parsed once and cached. */
export interface DeployedDefinition {
  readonly record: ProcessDefinitionRecord;
  readonly graph: ProcessGraph;
}

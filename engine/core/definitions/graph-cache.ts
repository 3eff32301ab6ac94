import { EngineInvariantError } from '../errors/index.js';
import type { ProcessGraph } from '../model/graph.js';
import { parseBpmnResource } from '../model/parse-bpmn.js';
import type { DeployedDefinition, ProcessDefinitionRecord } from './definition-record.js';

const UNLIMITED = Number.MAX_SAFE_INTEGER;
const STORED_LIMITS = { maxBytes: UNLIMITED, maxElements: UNLIMITED, maxAttributes: UNLIMITED, maxElementAttributes: UNLIMITED, maxDepth: UNLIMITED, maxParseMs: UNLIMITED };

/**
 * Executable graphs of deployed definitions, parsed once per definition and kept. A stored model
 * was validated at deployment, so it is read back without the deployment's checks.
 */
export class DefinitionGraphCache {
  private readonly graphs = new Map<string, Promise<ProcessGraph>>();
  private readonly records = new Map<string, DeployedDefinition>();

  constructor(private readonly capacity = 1000) {}

  /** a definition looked up by id before; a definition never changes once deployed */
  known(definitionId: string): DeployedDefinition | undefined {
    return this.records.get(definitionId);
  }

  async resolve(record: ProcessDefinitionRecord, loadXml: () => Promise<string>): Promise<DeployedDefinition> {
    let graph = this.graphs.get(record.id);
    if (!graph) {
      graph = this.parse(record, loadXml);
      this.graphs.set(record.id, graph);
      graph.catch(() => this.graphs.delete(record.id));
      this.evict();
    }
    const deployed = { record, graph: await graph };
    this.records.set(record.id, deployed);
    return deployed;
  }

  /** a freshly deployed graph needs no second parse */
  remember(record: ProcessDefinitionRecord, graph: ProcessGraph): void {
    this.graphs.set(record.id, Promise.resolve(graph));
    this.evict();
  }

  /** definitions whose deployment was deleted */
  forget(definitionIds: readonly string[]): void {
    for (const id of definitionIds) {
      this.graphs.delete(id);
      this.records.delete(id);
    }
  }

  private async parse(record: ProcessDefinitionRecord, loadXml: () => Promise<string>): Promise<ProcessGraph> {
    const xml = await loadXml();
    const graphs = await parseBpmnResource(record.resourceName, xml, { limits: STORED_LIMITS, isSupported: () => null, skipModelRules: true });
    const graph = graphs.find((g) => g.id === record.key);
    if (!graph) throw new EngineInvariantError(`Expected process '${record.key}' in resource '${record.resourceName}', but it is not there`);
    return graph;
  }

  private evict(): void {
    while (this.graphs.size > this.capacity) {
      const oldest = this.graphs.keys().next().value as string;
      this.graphs.delete(oldest);
      this.records.delete(oldest);
    }
  }
}

import type { DecisionModels, DecisionParseOptions, ParsedDecisionModel } from './decision-models.js';

/**
 * The DMN seam with a cache: parsed models of deployed DMN resources, by decision requirements
 * definition id (a deployed resource never changes), parsed once and kept.
 */
export class DeployedDecisions {
  private readonly parsed = new Map<string, Promise<ParsedDecisionModel>>();

  constructor(
    readonly models: DecisionModels,
    /** the limits deployments are held to: a stored resource parses again under the same ones */
    private readonly options: DecisionParseOptions = {},
    private readonly capacity = 200,
  ) {}

  parse(xml: string, resourceName: string): Promise<ParsedDecisionModel> {
    return this.models.parse(xml, resourceName, this.options);
  }

  /** the parsed model of a deployed resource; `loadXml` reads it when it is not cached */
  model(requirementsId: string, resourceName: string, loadXml: () => Promise<string>): Promise<ParsedDecisionModel> {
    let model = this.parsed.get(requirementsId);
    if (!model) {
      model = loadXml().then((xml) => this.parse(xml, resourceName));
      this.parsed.set(requirementsId, model);
      model.catch(() => this.parsed.delete(requirementsId));
      while (this.parsed.size > this.capacity) this.parsed.delete(this.parsed.keys().next().value as string);
    }
    return model;
  }
}

import type { DecisionModels, ParsedDecisionModel } from '../core/dmn/decision-models.js';
import type { DecisionOutcome, DmnDecision, DmnDefinitions } from '../core/dmn/dmn-api.js';

type Rule = (variables: Readonly<Record<string, unknown>>) => readonly Readonly<Record<string, unknown>>[];

/**
 * A stand-in for the DMN evaluator behind the DecisionModels seam, for behaviour specs: a "DMN
 * resource" is the text `fake-dmn:<definitions id>`, whose decisions the spec declares with
 * `define`. Each decision answers with what its rule function returns; each evaluation is kept.
 */
export class FakeDecisionModels implements DecisionModels {
  private readonly resources = new Map<string, { decisions: { id: string; requires: string[]; versionTag: string | null; rule: Rule }[] }>();
  readonly evaluations: { decisionId: string; variables: Readonly<Record<string, unknown>> }[] = [];

  /** declares a decision of the resource `fake-dmn:<definitionsId>` */
  define(definitionsId: string, decisionId: string, rule: Rule, options: { requires?: string[]; versionTag?: string } = {}): this {
    const resource = this.resources.get(definitionsId) ?? { decisions: [] };
    resource.decisions.push({ id: decisionId, requires: options.requires ?? [], versionTag: options.versionTag ?? null, rule });
    this.resources.set(definitionsId, resource);
    return this;
  }

  /** the resource text for `define`d decisions */
  static resource(definitionsId: string): string {
    return `fake-dmn:${definitionsId}`;
  }

  async parse(xml: string): Promise<ParsedDecisionModel> {
    const id = xml.replace(/^fake-dmn:/, '').trim();
    const resource = this.resources.get(id);
    if (!resource) throw new Error(`FakeDecisionModels: no decisions defined for '${id}'`);
    const decisions: DmnDecision[] = resource.decisions.map((d) => ({
      id: d.id, name: `${d.id} name`, versionTag: d.versionTag, historyTimeToLive: null, requiredDecisions: d.requires,
      kind: 'decisionTable', inputs: [{ id: `${d.id}_in`, label: 'In', name: 'in', typeRef: 'string' }],
      outputs: [{ id: `${d.id}_out`, label: 'Out', name: 'out', typeRef: 'string' }], hitPolicy: 'COLLECT', aggregation: null, ruleIds: ['r1'],
    }));
    const definitions: DmnDefinitions = { id, name: `${id} name`, namespace: 'http://example.com/dmn', decisions };
    const evaluate = (decisionId: string, variables: Readonly<Record<string, unknown>>): DecisionOutcome => {
      const decision = resource.decisions.find((d) => d.id === decisionId);
      if (!decision) throw new Error(`FakeDecisionModels: no decision '${decisionId}'`);
      this.evaluations.push({ decisionId, variables });
      const required = decision.requires.flatMap((r) => evaluate(r, variables).evaluations);
      const result = decision.rule(variables);
      return {
        result,
        evaluations: [...required, {
          decisionId, decisionName: `${decisionId} name`, hitPolicy: 'COLLECT', aggregation: null,
          inputs: [{ id: `${decisionId}_in`, label: 'In', typeRef: 'string', value: Object.values(variables)[0] ?? null }],
          matchedRules: result.map((entry, i) => ({
            ruleId: `rule${i + 1}`,
            outputs: Object.entries(entry).map(([name, value]) => ({ id: `${decisionId}_${name}`, name, label: name, typeRef: null, value })),
          })),
          collectResultValue: null,
          result,
        }],
      };
    };
    return { definitions, evaluate };
  }
}

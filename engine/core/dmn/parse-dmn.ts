import { ParseError } from '../errors/index.js';
import { DEFAULT_XML_LIMITS, type XmlLimits } from '../model/xml-guard.js';
import { compileDefinitions } from './compile-dmn.js';
import type { DecisionOutcome, DmnDefinitions } from './dmn-api.js';
import { DmnIssues } from './dmn-issues.js';
import { evaluateDecision, type EvaluateOptions } from './evaluate-decision.js';
import { DMN_SUBJECT, readDmnXml } from './read-dmn-xml.js';

export interface ParseDmnOptions {
  /** the engine's XML limits (DEFAULT_XML_LIMITS without) */
  readonly limits?: XmlLimits;
  /** a monotonic clock in milliseconds to time reading the XML with (as BPMN parsing does); without it reading is not timed */
  readonly monotonicMs?: () => number;
}

/** a parsed DMN resource: what it declares, and its decisions ready to evaluate many times */
export interface CompiledDmn {
  readonly definitions: DmnDefinitions;
  /**
   * Evaluates a decision (its required decisions first). Throws NotFoundError for an unknown
   * decision id and DecisionEvaluationError (an ExecutionError) when the model and the variables
   * do not fit together.
   */
  evaluate(decisionId: string, variables: Readonly<Record<string, unknown>>, options?: EvaluateOptions): DecisionOutcome;
}

export function isDmnResource(name: string): boolean {
  return /\.dmn(11\.xml)?$/i.test(name);
}

/**
 * Reads, validates and compiles one DMN resource (DMN 1.1 and 1.2 migrated to 1.3 first). Every
 * expression is compiled here, once. Throws a ParseError (subject 'DMN decision model') listing
 * every problem found, each naming its decision and, where there is one, its rule and column.
 */
export async function parseDmn(xml: string, resourceName: string | null, options: ParseDmnOptions = {}): Promise<CompiledDmn> {
  const limits = options.limits ?? DEFAULT_XML_LIMITS;
  const started = options.monotonicMs?.();
  const root = await readDmnXml(resourceName, xml, limits);
  // the pre-scan bounds the parser's input; this catches whatever still makes it slow
  const took = started === undefined ? 0 : options.monotonicMs!() - started;
  if (took > limits.maxParseMs) {
    throw new ParseError(resourceName, [{ elementId: null, message: `Expected the XML to be read within ${limits.maxParseMs} ms, but it took ${Math.round(took)} ms` }], DMN_SUBJECT);
  }
  const issues = new DmnIssues();
  const compiled = compileDefinitions(root, issues);
  if (!compiled || !issues.isEmpty) throw new ParseError(resourceName, issues.list, DMN_SUBJECT);
  const { definitions, decisions } = compiled;
  return {
    definitions,
    evaluate: (decisionId, variables, evaluateOptions) => evaluateDecision(decisions, decisionId, variables, evaluateOptions),
  };
}

import { ParseError, type ParseIssue } from '../errors/index.js';
import type { FlowNode, ProcessGraph } from './graph.js';
import { buildProcessGraph } from './graph-builder.js';
import { readBpmnXml, type ModdleElement } from './moddle-reader.js';
import { checkNameLengths } from './name-limits.js';
import { ParseIssues } from './parse-issues.js';
import { checkModelRules } from './rules/index.js';
import { executableProcesses } from './rules/process-rules.js';
import { validateGraph } from './validation.js';
import { guardXml, type XmlLimits } from './xml-guard.js';

export interface ParseOptions {
  readonly limits: XmlLimits;
  /** the behaviour registry's verdict on an element: null if it can run, else why not */
  readonly isSupported: (node: FlowNode) => string | null;
  /** a monotonic clock in milliseconds to time the XML parser with; without it parsing is not timed */
  readonly monotonicMs?: () => number;
  /** a stored model passed the deploy-time rules when it was deployed (README, *Deploy-time validation*) */
  readonly skipModelRules?: boolean;
}

/** the executable graphs of a resource, and what is legal but suspicious in it */
export interface ParsedBpmn {
  readonly graphs: ProcessGraph[];
  readonly warnings: readonly ParseIssue[];
}

export function isBpmnResource(name: string): boolean {
  return /\.(bpmn|bpmn20\.xml|bpmn2)$/i.test(name);
}

/**
 * Reads, validates and transforms one BPMN resource into executable graphs, one per executable
 * process. Throws a ParseError listing every problem found; nothing partial is returned.
 */
export async function parseBpmnResource(resourceName: string, xml: string, options: ParseOptions): Promise<ProcessGraph[]> {
  return (await readBpmnResource(resourceName, xml, options)).graphs;
}

/** parseBpmnResource, with the warnings a deployment reports */
export async function readBpmnResource(resourceName: string, xml: string, options: ParseOptions): Promise<ParsedBpmn> {
  guardXml(resourceName, xml, options.limits);
  const started = options.monotonicMs?.();
  const issues = new ParseIssues();
  const definitions = await readBpmnXml(resourceName, xml, issues.warnings);
  // the pre-scan bounds the parser's input; this catches whatever still makes it slow
  const took = started === undefined ? 0 : options.monotonicMs!() - started;
  if (took > options.limits.maxParseMs) {
    throw new ParseError(resourceName, [{ elementId: null, message: `Expected the XML to be read within ${options.limits.maxParseMs} ms, but it took ${Math.round(took)} ms` }]);
  }
  const executable = executableProcesses(definitions, issues);
  if (!issues.isEmpty) throw new ParseError(resourceName, issues.list, undefined, issues.warnings);
  checkNameLengths(definitions, issues);
  const parsed = executable.map((process: ModdleElement) => {
    if (!process.id) issues.add(null, 'Expected the process to have an id, but it has none');
    const graph = buildProcessGraph(process, issues);
    validateGraph(graph, issues, options.isSupported);
    return { process, graph };
  });
  if (!options.skipModelRules) checkModelRules({ definitions, xml, processes: parsed, issues });
  if (!issues.isEmpty) throw new ParseError(resourceName, issues.list, undefined, issues.warnings);
  return { graphs: parsed.map((p) => p.graph), warnings: issues.warnings };
}

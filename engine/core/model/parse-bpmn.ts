import { ParseError } from '../errors/index.js';
import type { FlowNode, ProcessGraph } from './graph.js';
import { buildProcessGraph } from './graph-builder.js';
import { readBpmnXml } from './moddle-reader.js';
import { checkNameLengths } from './name-limits.js';
import { ParseIssues } from './parse-issues.js';
import { validateGraph } from './validation.js';
import { guardXml, type XmlLimits } from './xml-guard.js';

export interface ParseOptions {
  readonly limits: XmlLimits;
  /** the behaviour registry's verdict on an element: null if it can run, else why not */
  readonly isSupported: (node: FlowNode) => string | null;
  /** a monotonic clock in milliseconds to time the XML parser with; without it parsing is not timed */
  readonly monotonicMs?: () => number;
}

export function isBpmnResource(name: string): boolean {
  return /\.(bpmn|bpmn20\.xml|bpmn2)$/i.test(name);
}

/**
 * Reads, validates and transforms one BPMN resource into executable graphs, one per executable
 * process. Throws a ParseError listing every problem found; nothing partial is returned.
 */
export async function parseBpmnResource(resourceName: string, xml: string, options: ParseOptions): Promise<ProcessGraph[]> {
  guardXml(resourceName, xml, options.limits);
  const started = options.monotonicMs?.();
  const definitions = await readBpmnXml(resourceName, xml);
  // the pre-scan bounds the parser's input; this catches whatever still makes it slow
  const took = started === undefined ? 0 : options.monotonicMs!() - started;
  if (took > options.limits.maxParseMs) {
    throw new ParseError(resourceName, [{ elementId: null, message: `Expected the XML to be read within ${options.limits.maxParseMs} ms, but it took ${Math.round(took)} ms` }]);
  }
  const processes = (definitions.rootElements ?? []).filter((e) => e.$type === 'bpmn:Process');
  const executable = processes.filter((p) => p['isExecutable'] === true);
  if (executable.length === 0) {
    const ids = processes.map((p) => p.id).filter(Boolean).join(', ');
    throw new ParseError(resourceName, [
      {
        elementId: null,
        message: `Expected at least one process with isExecutable="true", but ${processes.length === 0 ? 'the file has no process' : `none of the processes (${ids}) is executable`}`,
      },
    ]);
  }
  const issues = new ParseIssues();
  checkNameLengths(definitions, issues);
  const graphs = executable.map((process) => {
    if (!process.id) issues.add(null, 'Expected the process to have an id, but it has none');
    const graph = buildProcessGraph(process, issues);
    validateGraph(graph, issues, options.isSupported);
    return graph;
  });
  if (!issues.isEmpty) throw new ParseError(resourceName, issues.list);
  return graphs;
}

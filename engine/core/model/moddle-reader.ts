import { BpmnModdle } from 'bpmn-moddle';
import { createRequire } from 'node:module';
import { ParseError, type ParseIssue } from '../errors/index.js';
import { withDecisionRefVersionTag, withGlobalScriptBody, withGlobalTaskExtensions } from './global-task-descriptors.js';
import { citationOf } from './rules/model-rule.js';
import { UNRESOLVED_INTERFACE_REFERENCE } from './rules/catalogue.js';

/** A moddle element: the typed object tree bpmn-moddle builds from the XML. */
export interface ModdleElement {
  readonly $type: string;
  readonly id?: string;
  readonly name?: string;
  readonly $attrs?: Record<string, string>;
  readonly $parent?: ModdleElement;
  readonly [property: string]: unknown;
}

export interface ModdleDefinitions extends ModdleElement {
  readonly rootElements?: ModdleElement[];
}

interface ModdleWarning {
  readonly message: string;
  readonly element?: ModdleElement;
  readonly property?: string;
  readonly value?: unknown;
}

const require = createRequire(import.meta.url);
const moddle = new BpmnModdle({
  bpmn: withGlobalScriptBody(require('bpmn-moddle/resources/bpmn/json/bpmn.json')),
  camunda: withDecisionRefVersionTag(withGlobalTaskExtensions(require('camunda-bpmn-moddle/resources/camunda.json'))),
});

const BPMN_NAMESPACE = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/** service interfaces and their operations describe what a process offers; nothing here executes them */
const DESCRIPTIVE_TYPES: ReadonlySet<string> = new Set(['bpmn:Interface', 'bpmn:Operation', 'bpmn:EndPoint']);

/**
 * Reads BPMN XML into moddle elements. Malformed XML and warnings about BPMN content are refused;
 * elements of unknown extension namespaces are kept (moddle reads them as generic elements).
 */
export async function readBpmnXml(resourceName: string, xml: string, warnings: ParseIssue[] = []): Promise<ModdleDefinitions> {
  let result: { rootElement: ModdleDefinitions; warnings: ModdleWarning[] };
  try {
    result = (await moddle.fromXML(xml, 'bpmn:Definitions')) as typeof result;
  } catch (error) {
    throw new ParseError(resourceName, [{ elementId: null, message: `Expected well-formed BPMN 2.0 XML, but ${describe(error)}` }]);
  }
  const relevant = result.warnings.filter(isAboutBpmnContent);
  warnings.push(...relevant.filter(isAboutDescriptiveElement).map(toWarning));
  const issues: ParseIssue[] = relevant.filter((w) => !isAboutDescriptiveElement(w)).map(toIssue);
  if (issues.length > 0) throw new ParseError(resourceName, issues);
  return result.rootElement;
}

function isAboutBpmnContent(warning: ModdleWarning): boolean {
  const message = warning.message;
  if (message.startsWith('unsupported document encoding')) return false;
  // an unknown element or attribute in a foreign namespace is an extension we keep
  const unknownType = /unknown type <([^>]+)>/.exec(message) ?? /unparsable content <([^>]+)>/.exec(message);
  if (unknownType) {
    const name = unknownType[1]!;
    return !name.includes(':') || name.startsWith('bpmn:') || name.startsWith('bpmndi:') || name.startsWith('camunda:');
  }
  return !message.includes('namespace') || message.includes(BPMN_NAMESPACE);
}

/** an operation's message that names something of an imported or tool namespace: the engine never uses it */
function isAboutDescriptiveElement(warning: ModdleWarning): boolean {
  return DESCRIPTIVE_TYPES.has(warning.element?.$type ?? '') && /unresolved reference </.test(warning.message);
}

function toWarning(warning: ModdleWarning): ParseIssue {
  const rule = UNRESOLVED_INTERFACE_REFERENCE;
  const name = /unresolved reference <([^>]+)>/.exec(warning.message)?.[1] ?? '';
  const message = `Expected '${warning.property ?? 'a reference'}' to name an existing element, but '${name}' does not exist; the engine does not use service interfaces, so it is ignored`;
  return { elementId: warning.element?.id ?? null, message: `${message} ${citationOf(rule)}`, rule: rule.id, section: rule.section };
}

function toIssue(warning: ModdleWarning): ParseIssue {
  const elementId = warning.element?.id ?? null;
  const message = warning.message.replace(/\s+/g, ' ').trim();
  const reference = /unresolved reference <([^>]+)>/.exec(message);
  if (reference) {
    return { elementId, message: `Expected '${warning.property ?? 'a reference'}' to name an existing element, but '${reference[1]}' does not exist` };
  }
  return { elementId, message: `Expected valid BPMN content, but ${message}` };
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim();
}

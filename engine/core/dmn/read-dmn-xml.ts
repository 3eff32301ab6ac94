import { migrateDiagram } from '@bpmn-io/dmn-migrate';
import { DmnModdle } from 'dmn-moddle';
import { createRequire } from 'node:module';
import { ParseError } from '../errors/index.js';
import type { ModdleElement } from '../model/moddle-reader.js';
import { guardXml, type XmlLimits } from '../model/xml-guard.js';

export const DMN_SUBJECT = 'DMN decision model';

const require = createRequire(import.meta.url);
const moddle = new DmnModdle({ camunda: require('camunda-dmn-moddle/resources/camunda.json') });

const DMN13_NAMESPACE = 'https://www.omg.org/spec/DMN/20191111/MODEL/';

/**
 * Reads DMN XML into moddle elements: guarded like BPMN (size, no DTD, element counts), DMN 1.1
 * and 1.2 migrated to 1.3, then read with the Camunda extensions (versionTag, historyTimeToLive,
 * inputVariable). Malformed XML and XML that is no DMN 1.3 definitions are refused.
 */
export async function readDmnXml(resourceName: string | null, xml: string, limits: XmlLimits): Promise<ModdleElement> {
  try {
    guardXml(resourceName ?? 'DMN resource', xml, limits);
  } catch (error) {
    if (error instanceof ParseError) throw new ParseError(resourceName, error.issues.map((i) => ({ ...i, message: i.message.replace('a BPMN file', 'a DMN file') })), DMN_SUBJECT);
    throw error;
  }
  const refuse = (message: string) => new ParseError(resourceName, [{ elementId: null, message }], DMN_SUBJECT);
  let migrated: string;
  try {
    migrated = await migrateDiagram(xml);
  } catch (error) {
    throw refuse(`Expected well-formed DMN XML, but ${describe(error)}`);
  }
  if (!migrated.includes(DMN13_NAMESPACE)) {
    throw refuse(`Expected DMN 1.1, 1.2 or 1.3 XML (namespace '${DMN13_NAMESPACE}' or an older DMN one), but the document has none of them`);
  }
  let result: Awaited<ReturnType<DmnModdle['fromXML']>>;
  try {
    result = await moddle.fromXML(migrated, 'dmn:Definitions');
  } catch (error) {
    throw refuse(`Expected well-formed DMN XML, but ${describe(error)}`);
  }
  const problems = result.warnings.filter((w) => !/unknown type <[^>]*:/.test(w.message) || /unknown type <(dmn|camunda):/.test(w.message));
  if (problems.length > 0) {
    throw new ParseError(
      resourceName,
      problems.map((w) => ({ elementId: (w.element as ModdleElement | undefined)?.id ?? null, message: `Expected valid DMN 1.3 XML, but ${w.message.split('\n')[0]}` })),
      DMN_SUBJECT,
    );
  }
  const root = result.rootElement as ModdleElement | undefined;
  if (!root || root.$type !== 'dmn:Definitions') throw refuse('Expected a DMN definitions element as the root, but there is none');
  return root;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.slice(0, 300);
}

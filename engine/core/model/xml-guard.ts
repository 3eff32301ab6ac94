import { ParseError } from '../errors/index.js';

export interface XmlLimits {
  readonly maxBytes: number;
  readonly maxElements: number;
  /** attributes (namespace declarations included) of the whole document */
  readonly maxAttributes: number;
  /** attributes of one element */
  readonly maxElementAttributes: number;
  /** how deep elements (and form JSON) may nest */
  readonly maxDepth: number;
  /** how long reading the XML may take before the model is refused anyway */
  readonly maxParseMs: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxBytes: 5 * 1024 * 1024,
  maxElements: 20000,
  maxAttributes: 50000,
  maxElementAttributes: 100,
  maxDepth: 100,
  maxParseMs: 2000,
};

/**
 * Refuses what must never reach the XML parser: oversized documents, any DTD (how external
 * entities (XXE) and entity-expansion bombs get in; BPMN has no use for one), and more elements,
 * attributes or nesting than a model needs. One linear pass, so the check itself cannot stall.
 */
export function guardXml(resourceName: string, xml: string, limits: XmlLimits): void {
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > limits.maxBytes) {
    throw refuse(resourceName, `Expected a BPMN file of at most ${limits.maxBytes} bytes, but it has ${bytes}`);
  }
  if (/<!DOCTYPE/i.test(xml)) {
    throw refuse(resourceName, 'Expected no DOCTYPE declaration, but the document has one (DTDs and entities are refused)');
  }
  if (/<!ENTITY/i.test(xml)) {
    throw refuse(resourceName, 'Expected no ENTITY declaration, but the document has one');
  }
  scanStructure(resourceName, xml, limits);
}

const SKIPPED_SECTIONS: readonly (readonly [string, string])[] = [['<!--', '-->'], ['<![CDATA[', ']]>'], ['<?', '?>'], ['<!', '>']];

function scanStructure(resourceName: string, xml: string, limits: XmlLimits): void {
  let elements = 0;
  let attributes = 0;
  let depth = 0;
  for (let at = xml.indexOf('<'); at >= 0 && at < xml.length; at = xml.indexOf('<', at)) {
    const skipped = SKIPPED_SECTIONS.find(([open]) => xml.startsWith(open, at));
    if (skipped) {
      const end = xml.indexOf(skipped[1], at + skipped[0].length);
      if (end < 0) return; // unterminated: the parser reports it
      at = end + skipped[1].length;
      continue;
    }
    if (xml[at + 1] === '/') {
      depth--;
      at++;
      continue;
    }
    const tag = scanStartTag(xml, at);
    if (++elements > limits.maxElements) {
      throw refuse(resourceName, `Expected at most ${limits.maxElements} XML elements, but the document has more`);
    }
    if (tag.attributes > limits.maxElementAttributes) {
      throw refuse(resourceName, `Expected at most ${limits.maxElementAttributes} attributes on an element, but element ${elements} (${tag.name}) has ${tag.attributes}`);
    }
    attributes += tag.attributes;
    if (attributes > limits.maxAttributes) {
      throw refuse(resourceName, `Expected at most ${limits.maxAttributes} XML attributes, but the document has more`);
    }
    if (!tag.selfClosing && ++depth > limits.maxDepth) {
      throw refuse(resourceName, `Expected XML elements nested at most ${limits.maxDepth} deep, but ${tag.name} is nested deeper`);
    }
    at = tag.end;
  }
}

/** a start tag from its `<`: its name, how many `name="value"` pairs it has, where it ends */
function scanStartTag(xml: string, start: number): { name: string; attributes: number; selfClosing: boolean; end: number } {
  let at = start + 1;
  while (at < xml.length && !/[\s/>]/.test(xml[at]!)) at++;
  const name = xml.slice(start + 1, Math.min(at, start + 81));
  let attributes = 0;
  while (at < xml.length && xml[at] !== '>') {
    const char = xml[at]!;
    if (char === '"' || char === "'") {
      const close = xml.indexOf(char, at + 1);
      at = close < 0 ? xml.length : close + 1;
      continue;
    }
    if (char === '=') attributes++;
    at++;
  }
  return { name, attributes, selfClosing: xml[at - 1] === '/', end: at + 1 };
}

function refuse(resourceName: string, message: string): ParseError {
  return new ParseError(resourceName, [{ elementId: null, message }]);
}

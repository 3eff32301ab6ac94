import { ParseError } from '../errors/index.js';

export interface XmlLimits {
  readonly maxBytes: number;
  readonly maxElements: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: 5 * 1024 * 1024, maxElements: 20000 };

/**
 * Refuses what must never reach the XML parser: oversized documents and any DTD, which is how
 * external entities (XXE) and entity-expansion bombs get in. BPMN has no use for a DTD.
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
  let elements = 0;
  const tag = /<[A-Za-z_]/g;
  while (tag.exec(xml) !== null) {
    if (++elements > limits.maxElements) {
      throw refuse(resourceName, `Expected at most ${limits.maxElements} XML elements, but the document has more`);
    }
  }
}

function refuse(resourceName: string, message: string): ParseError {
  return new ParseError(resourceName, [{ elementId: null, message }]);
}

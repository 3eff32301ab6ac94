import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'fixtures', 'bpmn');

/** a fixture file `test/fixtures/bpmn/<kind>.<case>.bpmn` */
export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name.endsWith('.bpmn') ? name : `${name}.bpmn`), 'utf8');
}

/**
 * Wraps process content in a BPMN definitions element, so specs can state just the flow:
 * bpmn('p', `<startEvent id="s"/>...`). Extra root elements (messages, errors) go in `roots`.
 */
export function bpmn(processId: string, body: string, roots = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  id="defs_${processId}" targetNamespace="http://example.com/spec">
  ${roots}
  <process id="${processId}" isExecutable="true">
${body}
  </process>
</definitions>`;
}

/** `a->b->c` style shorthand for sequence flows: flows('a', 'b', 'c') */
export function flows(...ids: string[]): string {
  const out: string[] = [];
  for (let i = 0; i + 1 < ids.length; i++) out.push(`<sequenceFlow id="f_${ids[i]}_${ids[i + 1]}" sourceRef="${ids[i]}" targetRef="${ids[i + 1]}"/>`);
  return out.join('\n');
}

/** a conditionalEventDefinition; `attributes` carry camunda:variableName / camunda:variableEvents */
export function conditionalEvent(expression: string, attributes = ''): string {
  return `<conditionalEventDefinition ${attributes}><condition xsi:type="tFormalExpression">${expression}</condition></conditionalEventDefinition>`;
}

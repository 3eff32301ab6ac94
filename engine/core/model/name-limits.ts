import type { ModdleElement } from './moddle-reader.js';
import type { ParseIssues } from './parse-issues.js';

/** the longest id or name an element may have: they are shown in lists and stored in indexed columns */
export const MAX_NAME_LENGTH = 255;

const SHOWN = 40;
const shorten = (text: string) => (text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text);

/**
 * Every element of the file (processes, flow elements, messages, lanes, diagram shapes, ...) with
 * an id or a name of at most MAX_NAME_LENGTH characters; an issue per element that has more.
 */
export function checkNameLengths(definitions: ModdleElement, issues: ParseIssues): void {
  // a stack, not recursion: references (flow → target → outgoing flow → ...) chain thousands of elements
  const seen = new Set<object>([definitions]);
  const pending: ModdleElement[] = [definitions];
  for (let element = pending.pop(); element; element = pending.pop()) {
    checkElement(element, issues);
    for (const [key, value] of Object.entries(element)) {
      if (key === '$parent' || key === '$attrs') continue;
      for (const child of Array.isArray(value) ? value : [value]) {
        if (isElement(child) && !seen.has(child)) {
          seen.add(child);
          pending.push(child);
        }
      }
    }
  }
}

function checkElement(element: ModdleElement, issues: ParseIssues): void {
  const id = typeof element.id === 'string' ? element.id : null;
  for (const property of ['id', 'name'] as const) {
    const value = element[property];
    if (typeof value !== 'string' || value.length <= MAX_NAME_LENGTH) continue;
    const which = id === null ? `the ${element.$type}` : `the ${element.$type} '${shorten(id)}'`;
    issues.add(id !== null && id.length <= MAX_NAME_LENGTH ? id : null, `Expected the ${property} of ${which} to have at most ${MAX_NAME_LENGTH} characters, but it has ${value.length}`);
  }
}

function isElement(value: unknown): value is ModdleElement {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

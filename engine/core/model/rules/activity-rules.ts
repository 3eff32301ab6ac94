import { isActivity } from '../graph.js';
import { moddleElementsOf, type RuleContext } from './rule-context.js';
import { ACTIVITY_QUANTITY, SINGLE_LOOP_MARKER, TASK_IMPLEMENTATION_MISSING } from './catalogue.js';


const LOOP_MARKERS: ReadonlySet<string> = new Set(['standardLoopCharacteristics', 'multiInstanceLoopCharacteristics']);

/** Table 10.3: startQuantity and completionQuantity count tokens, so they are whole numbers of at least 1 */
export function checkQuantities(context: RuleContext): void {
  for (const { process, graph } of context.processes) {
    const elements = moddleElementsOf(process);
    for (const node of graph.nodes.values()) {
      if (!isActivity(node)) continue;
      for (const attribute of ['startQuantity', 'completionQuantity']) {
        const value = elements.get(node.id)?.[attribute];
        if (value === undefined || (typeof value === 'number' && Number.isInteger(value) && value >= 1)) continue;
        const given = typeof value === 'number' && Number.isNaN(value) ? 'not a number' : `'${String(value)}'`;
        context.issues.add(node.id, `Expected ${attribute} to be a whole number of at least 1, but it is ${given}`, ACTIVITY_QUANTITY);
      }
    }
  }
}

/**
 * An activity loops in one way: a standard loop or multi-instance, never both. The XML reader keeps
 * only the last marker it meets, so the markers are counted in the text.
 */
export function checkLoopMarkers(context: RuleContext): void {
  for (const [elementId, markers] of loopMarkersByParent(context.xml)) {
    if (markers.length < 2) continue;
    context.issues.add(elementId, `Expected at most one loop marker on an activity, but it has ${markers.join(' and ')}`, SINGLE_LOOP_MARKER);
  }
}

const TAG = /<(\/?)(?:[\w.-]+:)?([\w.-]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;

function loopMarkersByParent(xml: string): Map<string, string[]> {
  const text = xml.replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  const open: string[] = [];
  const markers = new Map<string, string[]>();
  for (const [, closing, name, attributes, selfClosing] of text.matchAll(TAG)) {
    if (name!.startsWith('?') || name!.startsWith('!')) continue;
    if (closing) {
      open.pop();
      continue;
    }
    if (LOOP_MARKERS.has(name!)) {
      const parent = open.at(-1) ?? '';
      markers.set(parent, [...(markers.get(parent) ?? []), name!]);
    }
    if (!selfClosing) open.push(/\sid\s*=\s*["']([^"']*)["']/.exec(attributes ?? '')?.[1] ?? '');
  }
  return markers;
}

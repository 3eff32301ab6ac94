import type { ElementKind } from '../graph.js';
import { ACTIVITY_KINDS } from '../graph.js';
import type { ModdleElement } from '../moddle-reader.js';
import type { ParseIssues } from '../parse-issues.js';

export interface ActivityQuantities {
  readonly startQuantity: number;
  readonly completionQuantity: number;
}

/**
 * BPMN 2.0 10.2 `startQuantity` / `completionQuantity` of an activity: positive whole numbers,
 * 1 when absent (and for every node that is not an activity).
 */
export function readActivityQuantities(element: ModdleElement, kind: ElementKind, issues: ParseIssues): ActivityQuantities {
  if (!ACTIVITY_KINDS.has(kind)) return { startQuantity: 1, completionQuantity: 1 };
  return {
    startQuantity: quantity(element, 'startQuantity', issues),
    completionQuantity: quantity(element, 'completionQuantity', issues),
  };
}

function quantity(element: ModdleElement, attribute: string, issues: ParseIssues): number {
  const value = element[attribute];
  if (value === undefined || value === null) return 1;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(number) || number < 1) {
    issues.add(element.id ?? null, `Expected ${attribute} to be a whole number of at least 1, but it is '${String(value)}'`);
    return 1;
  }
  return number;
}

import type { ElementKind } from '../graph.js';
import { ACTIVITY_KINDS } from '../graph.js';
import type { ModdleElement } from '../moddle-reader.js';

export interface ActivityQuantities {
  readonly startQuantity: number;
  readonly completionQuantity: number;
}

/**
 * BPMN 2.0 10.2 `startQuantity` / `completionQuantity` of an activity: positive whole numbers,
 * 1 when absent (and for every node that is not an activity).
 */
export function readActivityQuantities(element: ModdleElement, kind: ElementKind): ActivityQuantities {
  if (!ACTIVITY_KINDS.has(kind)) return { startQuantity: 1, completionQuantity: 1 };
  return {
    startQuantity: quantity(element, 'startQuantity'),
    completionQuantity: quantity(element, 'completionQuantity'),
  };
}

/** a bad value is refused at deploy by the rule activity-quantity (rules/activity-rules.ts); a stored model reads it as 1 */
function quantity(element: ModdleElement, attribute: string): number {
  const value = element[attribute];
  if (value === undefined || value === null) return 1;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isInteger(number) && number >= 1 ? number : 1;
}

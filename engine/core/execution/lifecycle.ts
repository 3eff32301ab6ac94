import { EngineInvariantError } from '../errors/index.js';
import type { ElementInstanceRecord, ElementInstanceState } from './records.js';

/**
 * The states an element instance moves through while it exists. Leaving (completed) and
 * terminating remove the instance, so they are allowed from every state and not listed.
 */
const TRANSITIONS: Readonly<Record<ElementInstanceState, readonly ElementInstanceState[]>> = {
  ACTIVATING: ['ACTIVE'],
  ACTIVE: ['COMPLETING'],
  COMPLETING: [],
};

export function canTransition(from: ElementInstanceState, to: ElementInstanceState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(ei: ElementInstanceRecord, to: ElementInstanceState): void {
  if (!canTransition(ei.state, to)) {
    throw new EngineInvariantError(`Expected element instance '${ei.id}' to move from ${ei.state} to ${to}, but that transition is not allowed`);
  }
}

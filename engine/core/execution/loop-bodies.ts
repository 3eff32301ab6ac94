import type { ElementKind, FlowNode } from '../model/graph.js';

export type LoopBodyKind = Extract<ElementKind, 'multiInstanceBody' | 'standardLoopBody'>;

/**
 * A looping activity runs inside a body element instance that owns its boundary events and
 * asyncBefore/After and decides whether another inner instance runs; the inner instances are the
 * activity itself (input/output mappings, the behaviour of its kind).
 */
export function loopBodyKindOf(node: FlowNode): LoopBodyKind | null {
  switch (node.loop?.kind) {
    case 'multiInstance':
      return 'multiInstanceBody';
    case 'standardLoop':
      return 'standardLoopBody';
    default:
      return null;
  }
}

export function isLoopBody(kind: string): kind is LoopBodyKind {
  return kind === 'multiInstanceBody' || kind === 'standardLoopBody';
}

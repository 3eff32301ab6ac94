import type { ModdleElement } from '../moddle-reader.js';
import type { RuleContext } from './rule-context.js';
import { MESSAGE_FLOW_BETWEEN_POOLS } from './catalogue.js';


/** a message flow connects two participants; inside one pool, sequence flows do that work */
export function checkMessageFlows(context: RuleContext): void {
  for (const collaboration of (context.definitions.rootElements ?? []).filter((e) => e.$type === 'bpmn:Collaboration')) {
    const participants = (collaboration['participants'] as ModdleElement[] | undefined) ?? [];
    for (const flow of (collaboration['messageFlows'] as ModdleElement[] | undefined) ?? []) {
      const source = poolOf(flow['sourceRef'] as ModdleElement | undefined, participants);
      const target = poolOf(flow['targetRef'] as ModdleElement | undefined, participants);
      if (!source || source !== target) continue;
      context.issues.add(flow.id ?? null, `Expected the message flow to connect two pools, but both its source and its target are in the pool '${source.id ?? ''}'`, MESSAGE_FLOW_BETWEEN_POOLS);
    }
  }
}

/** the participant an element belongs to: itself, or the participant whose process holds it */
function poolOf(element: ModdleElement | undefined, participants: readonly ModdleElement[]): ModdleElement | undefined {
  if (!element) return undefined;
  if (element.$type === 'bpmn:Participant') return element;
  let process: ModdleElement | undefined = element;
  while (process && process.$type !== 'bpmn:Process') process = process.$parent;
  if (!process) return undefined;
  return participants.find((p) => p['processRef'] === process);
}

import type { FlowNode } from './graph.js';
import type { ModdleElement } from './moddle-reader.js';
import type { ParseIssues } from './parse-issues.js';
import { ownEntry } from '../shared/own-entry.js';

interface Association {
  readonly id: string;
  readonly sourceId: string;
  readonly targetId: string;
}

/**
 * Links compensation boundary events to their handlers. The associations that draw these links may
 * sit in any container (modelers put them in the process or in the sub-process), so they are
 * collected while reading and resolved once every node is known: each handler is recorded in the
 * scope of the activity it compensates, keyed by that activity.
 */
export class CompensationLinks {
  private readonly associations: Association[] = [];
  private readonly handlersByScope = new Map<string, Record<string, string>>();

  /** the (still empty) handler table of a scope, filled by `resolve` */
  handlersOf(scopeId: string): Record<string, string> {
    let handlers = this.handlersByScope.get(scopeId);
    if (!handlers) {
      handlers = {};
      this.handlersByScope.set(scopeId, handlers);
    }
    return handlers;
  }

  /** remembers the associations among a container's artifacts */
  collect(container: ModdleElement): void {
    for (const artifact of (container['artifacts'] as ModdleElement[] | undefined) ?? []) {
      if (artifact.$type !== 'bpmn:Association') continue;
      const sourceId = (artifact['sourceRef'] as ModdleElement | undefined)?.id;
      const targetId = (artifact['targetRef'] as ModdleElement | undefined)?.id;
      if (sourceId && targetId) this.associations.push({ id: artifact.id ?? '', sourceId, targetId });
    }
  }

  /** records each compensation boundary event's handler; associations of other elements are documentation */
  resolve(nodes: ReadonlyMap<string, FlowNode>, issues: ParseIssues): void {
    const reported = new Set<string>();
    for (const association of this.associations) {
      const boundary = nodes.get(association.sourceId);
      if (boundary?.kind !== 'boundaryEvent' || boundary.eventDefinition?.kind !== 'compensate' || !boundary.attachedTo) continue;
      const activity = nodes.get(boundary.attachedTo);
      if (!activity) continue;
      const handler = nodes.get(association.targetId);
      if (!handler?.isForCompensation) {
        issues.add(boundary.id, `Expected the compensation boundary event to be associated with an activity marked isForCompensation="true", but '${association.targetId}' is not one`);
        reported.add(boundary.id);
        continue;
      }
      const handlers = this.handlersOf(activity.scopeId);
      const known = ownEntry(handlers, activity.id);
      if (known !== undefined && known !== handler.id) {
        issues.add(boundary.id, `Expected one compensation handler for '${activity.id}', but it is associated with '${known}' and '${handler.id}'`);
        continue;
      }
      handlers[activity.id] = handler.id;
    }
    for (const boundary of nodes.values()) {
      if (boundary.kind !== 'boundaryEvent' || boundary.eventDefinition?.kind !== 'compensate' || reported.has(boundary.id)) continue;
      const activity = boundary.attachedTo ? nodes.get(boundary.attachedTo) : undefined;
      if (activity && ownEntry(this.handlersOf(activity.scopeId), activity.id) === undefined) {
        issues.add(boundary.id, 'Expected the compensation boundary event to be associated with a compensation handler (an activity marked isForCompensation="true"), but it is associated with none');
      }
    }
  }
}

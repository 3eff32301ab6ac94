import { EngineInvariantError } from '../errors/index.js';
import type { FlowNode } from '../model/graph.js';
import { adHocSubProcessBehavior } from './activities/ad-hoc-sub-process.behavior.js';
import { callActivityBehavior } from './activities/call-activity.behavior.js';
import { multiInstanceBodyBehavior } from './activities/multi-instance-body.behavior.js';
import { processBehavior } from './activities/process.behavior.js';
import { standardLoopBodyBehavior } from './activities/standard-loop-body.behavior.js';
import { eventSubProcessBehavior, subProcessBehavior } from './activities/sub-process.behavior.js';
import type { ElementBehavior } from '../execution/element-runtime.js';
import type { ElementBehaviors } from '../execution/element-steps.js';
import { commonElementSteps } from './common-steps.js';
import { boundaryEventBehavior } from './events/boundary-event.behavior.js';
import { endEventBehavior } from './events/end-event.behavior.js';
import { intermediateCatchEventBehavior } from './events/intermediate-catch-event.behavior.js';
import { intermediateThrowEventBehavior } from './events/intermediate-throw-event.behavior.js';
import { startEventBehavior } from './events/start-event.behavior.js';
import { complexGatewayBehavior } from './gateways/complex-gateway.behavior.js';
import { eventBasedGatewayBehavior } from './gateways/event-based-gateway.behavior.js';
import { exclusiveGatewayBehavior } from './gateways/exclusive-gateway.behavior.js';
import { inclusiveGatewayBehavior } from './gateways/inclusive-gateway.behavior.js';
import { parallelGatewayBehavior } from './gateways/parallel-gateway.behavior.js';
import { businessRuleTaskBehavior } from './tasks/business-rule-task.behavior.js';
import { externalWorkTaskBehavior } from './tasks/external-work-task.behavior.js';
import { passThroughTaskBehavior } from './tasks/pass-through-task.behavior.js';
import { receiveTaskBehavior } from './tasks/receive-task.behavior.js';
import { scriptTaskBehavior } from './tasks/script-task.behavior.js';
import { userTaskBehavior } from './tasks/user-task.behavior.js';
import { ownEntry } from '../shared/own-entry.js';

const BEHAVIORS: Readonly<Record<string, ElementBehavior>> = {
  process: processBehavior,
  startEvent: startEventBehavior,
  endEvent: endEventBehavior,
  intermediateCatchEvent: intermediateCatchEventBehavior,
  intermediateThrowEvent: intermediateThrowEventBehavior,
  boundaryEvent: boundaryEventBehavior,
  task: passThroughTaskBehavior,
  manualTask: passThroughTaskBehavior,
  userTask: userTaskBehavior,
  serviceTask: externalWorkTaskBehavior,
  sendTask: externalWorkTaskBehavior,
  businessRuleTask: businessRuleTaskBehavior,
  scriptTask: scriptTaskBehavior,
  receiveTask: receiveTaskBehavior,
  exclusiveGateway: exclusiveGatewayBehavior,
  parallelGateway: parallelGatewayBehavior,
  inclusiveGateway: inclusiveGatewayBehavior,
  complexGateway: complexGatewayBehavior,
  eventBasedGateway: eventBasedGatewayBehavior,
  subProcess: subProcessBehavior,
  transaction: subProcessBehavior,
  adHocSubProcess: adHocSubProcessBehavior,
  eventSubProcess: eventSubProcessBehavior,
  callActivity: callActivityBehavior,
  multiInstanceBody: multiInstanceBodyBehavior,
  standardLoopBody: standardLoopBodyBehavior,
};

/** Event definitions the engine does not execute yet, per element kind; refused at deployment. */
const UNSUPPORTED_EVENTS: ReadonlySet<string> = new Set([
]);

/** Behaviours looked up by element kind, and the steps all elements share. */
export class BehaviorRegistry implements ElementBehaviors {
  readonly common = commonElementSteps;

  behaviorFor(kind: string): ElementBehavior {
    const behavior = ownEntry(BEHAVIORS, kind);
    if (!behavior) throw new EngineInvariantError(`Expected a behaviour for element kind '${kind}', but there is none`);
    return behavior;
  }

  /** null if the node can be executed, else why not */
  supports(node: FlowNode): string | null {
    const behavior = ownEntry(BEHAVIORS, node.kind);
    if (!behavior) return `Expected a supported element, but '${node.kind}' cannot be executed`;
    const event = node.eventDefinition?.kind;
    if (event && UNSUPPORTED_EVENTS.has(`${node.kind}:${event}`)) {
      return `Expected a supported event, but a ${event} ${node.kind} cannot be executed yet`;
    }
    return behavior.supports?.(node) ?? null;
  }
}

import { checkLoopMarkers, checkQuantities } from './activity-rules.js';
import { checkMessageFlows } from './collaboration-rules.js';
import { checkStartEvents, checkThrowReferences } from './event-rules.js';
import { checkConditionalFlows, checkSequenceFlowPresence } from './flow-rules.js';
import { checkGateways } from './gateway-rules.js';
import { checkLinkEvents } from './link-rules.js';
import { checkProcessType } from './process-rules.js';
import { checkReachability } from './reachability-rules.js';
import { checkReferenceTypes } from './reference-rules.js';
import type { RuleContext } from './rule-context.js';

export type { RuleContext } from './rule-context.js';

/** The deploy-time rules of BPMN 2.0 (README, *Deploy-time validation*): refusals and warnings, each naming its rule. */
export function checkModelRules(context: RuleContext): void {
  checkProcessType(context);
  checkLinkEvents(context);
  checkStartEvents(context);
  checkThrowReferences(context);
  checkGateways(context);
  checkSequenceFlowPresence(context);
  checkConditionalFlows(context);
  checkQuantities(context);
  checkLoopMarkers(context);
  checkMessageFlows(context);
  checkReferenceTypes(context);
  checkReachability(context);
}

import { modelRule, type ModelRule } from './model-rule.js';

/** Every deploy-time rule (README, *Deploy-time validation*): refusals fail the deployment, warnings are reported with it. */

export const START_TRIGGER_IN_EVENT_SUB_PROCESS = modelRule('start-trigger-in-event-sub-process', '10.5.2', 'refusal');
export const ERROR_START_INTERRUPTING = modelRule('error-start-interrupting', '10.5.2', 'refusal');
export const ERROR_THROW_REFERENCE = modelRule('error-throw-reference', '10.5.5', 'refusal');
export const ESCALATION_THROW_REFERENCE = modelRule('escalation-throw-reference', '10.5.5', 'refusal');
export const MESSAGE_THROW_WITHOUT_MESSAGE = modelRule('message-throw-without-message', '10.5.5', 'warning');
export const UNREACHABLE_ELEMENT = modelRule('unreachable-element', '10.5.2', 'warning');
export const MESSAGE_FLOW_BETWEEN_POOLS = modelRule('message-flow-between-pools', '9.3', 'refusal');
export const INCOMING_REQUIRED = modelRule('incoming-flow-required', '10.5.2', 'refusal');
export const OUTGOING_REQUIRED = modelRule('outgoing-flow-required', '10.5.3', 'warning');
export const INTERMEDIATE_EVENT_FLOWS = modelRule('intermediate-event-flows', '10.5.4', 'refusal');
export const SINGLE_CONDITIONAL_FLOW = modelRule('single-conditional-flow', '8.4.13', 'refusal');
export const REFERENCE_TYPE = modelRule('reference-type', '8.4', 'refusal');
export const PROCESS_EXECUTABLE = modelRule('process-executable', '10.2', 'refusal');
export const PROCESS_EXECUTABLE_UNSPECIFIED = modelRule('process-executable-unspecified', '10.2', 'warning');
export const PUBLIC_PROCESS_NOT_EXECUTABLE = modelRule('public-process-not-executable', '10.2', 'refusal');
export const ACTIVITY_QUANTITY = modelRule('activity-quantity', '10.3', 'refusal');
export const SINGLE_LOOP_MARKER = modelRule('single-loop-marker', '10.3.8', 'refusal');
export const TASK_IMPLEMENTATION_MISSING = modelRule('task-implementation-missing', '10.3.3', 'warning');
export const GATEWAY_DIRECTION = modelRule('gateway-direction', '8.4.9', 'refusal');
export const EVENT_GATEWAY_INSTANTIATE_NO_INCOMING = modelRule('event-gateway-instantiate-no-incoming', '10.6.6', 'refusal');
export const GATEWAY_PASS_THROUGH = modelRule('gateway-pass-through', '10.6', 'warning');
export const PARALLEL_GATEWAY_CONDITIONS = modelRule('parallel-gateway-conditions', '10.6.4', 'warning');
export const LINK_CATCH_NO_INCOMING = modelRule('link-catch-no-incoming', '10.5.4', 'refusal');
export const LINK_THROW_NO_OUTGOING = modelRule('link-throw-no-outgoing', '10.5.4', 'refusal');
export const LINK_CATCH_HAS_THROW = modelRule('link-catch-has-throw', '10.5.4', 'refusal');
export const LINK_THROW_HAS_CATCH = modelRule('link-throw-has-catch', '10.5.4', 'refusal');
export const LINK_TARGET_UNIQUE = modelRule('link-target-unique', '10.5.5', 'refusal');
export const UNRESOLVED_INTERFACE_REFERENCE = modelRule('interface-reference-unresolved', '8.5', 'warning');
export const UNRESOLVED_DECISION_REFERENCE = modelRule('decision-ref-unresolved', '10.3.3', 'warning');

export const MODEL_RULES: readonly ModelRule[] = [
  START_TRIGGER_IN_EVENT_SUB_PROCESS,
  ERROR_START_INTERRUPTING,
  ERROR_THROW_REFERENCE,
  ESCALATION_THROW_REFERENCE,
  MESSAGE_THROW_WITHOUT_MESSAGE,
  UNREACHABLE_ELEMENT,
  MESSAGE_FLOW_BETWEEN_POOLS,
  INCOMING_REQUIRED,
  OUTGOING_REQUIRED,
  INTERMEDIATE_EVENT_FLOWS,
  SINGLE_CONDITIONAL_FLOW,
  REFERENCE_TYPE,
  PROCESS_EXECUTABLE,
  PROCESS_EXECUTABLE_UNSPECIFIED,
  PUBLIC_PROCESS_NOT_EXECUTABLE,
  ACTIVITY_QUANTITY,
  SINGLE_LOOP_MARKER,
  TASK_IMPLEMENTATION_MISSING,
  GATEWAY_DIRECTION,
  EVENT_GATEWAY_INSTANTIATE_NO_INCOMING,
  GATEWAY_PASS_THROUGH,
  PARALLEL_GATEWAY_CONDITIONS,
  LINK_CATCH_NO_INCOMING,
  LINK_THROW_NO_OUTGOING,
  LINK_CATCH_HAS_THROW,
  LINK_THROW_HAS_CATCH,
  LINK_TARGET_UNIQUE,
  UNRESOLVED_INTERFACE_REFERENCE,
  UNRESOLVED_DECISION_REFERENCE,
];

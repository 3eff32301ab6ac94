import StaticResolver from 'bpmnlint/lib/resolver/static-resolver';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import eventBasedGateway from 'bpmnlint/rules/event-based-gateway';
import fakeJoin from 'bpmnlint/rules/fake-join';
import labelRequired from 'bpmnlint/rules/label-required';
import linkEvent from 'bpmnlint/rules/link-event';
import noBpmndi from 'bpmnlint/rules/no-bpmndi';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split';
import noOverlappingElements from 'bpmnlint/rules/no-overlapping-elements';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event';
import subProcessBlankStartEvent from 'bpmnlint/rules/sub-process-blank-start-event';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway';
import conditionalFlows from './rules/conditional-flows';
import eventDefinitionRefs from './rules/event-definition-refs';
import externalTopic from './rules/external-topic';
import knownDecision from './rules/known-decision';
import knownTopic from './rules/known-topic';
import linkedForm from './rules/linked-form';
import listeners from './rules/listeners';
import multipleEvents from './rules/multiple-events';
import parallelGatewayConditions from './rules/parallel-gateway-conditions';
import { readingReferencedDefinitions } from './rules/referenced-definitions';
import startEventRequired from './rules/start-event-required';
import supportedElements from './rules/supported-elements';
import userTaskAssignment from './rules/user-task-assignment';

/**
 * bpmnlint's recommended rules that matter to the engine, plus the CRM's own (plugin `crm`). Not
 * bpmnlint's single-event-definition and start-event-required: the engine runs multiple events and
 * processes started by an instantiating receive task or event-based gateway. bpmnlint's rules that
 * read event definitions see the referenced ones too (`eventDefinitionRef`).
 */
const cache: Record<string, unknown> = {
  'rule:bpmnlint/conditional-flows': conditionalFlows,
  'rule:bpmnlint/end-event-required': endEventRequired,
  'rule:bpmnlint/event-based-gateway': eventBasedGateway,
  'rule:bpmnlint/fake-join': fakeJoin,
  'rule:bpmnlint/label-required': labelRequired,
  'rule:bpmnlint/link-event': readingReferencedDefinitions(linkEvent),
  'rule:bpmnlint/no-bpmndi': noBpmndi,
  'rule:bpmnlint/no-disconnected': readingReferencedDefinitions(noDisconnected),
  'rule:bpmnlint/no-duplicate-sequence-flows': noDuplicateSequenceFlows,
  'rule:bpmnlint/no-implicit-split': noImplicitSplit,
  'rule:bpmnlint/no-overlapping-elements': noOverlappingElements,
  'rule:bpmnlint/single-blank-start-event': readingReferencedDefinitions(singleBlankStartEvent),
  'rule:bpmnlint/sub-process-blank-start-event': readingReferencedDefinitions(subProcessBlankStartEvent),
  'rule:bpmnlint/superfluous-gateway': superfluousGateway,
  'rule:bpmnlint-plugin-crm/event-definition-refs': eventDefinitionRefs,
  'rule:bpmnlint-plugin-crm/external-topic': externalTopic,
  'rule:bpmnlint-plugin-crm/known-decision': knownDecision,
  'rule:bpmnlint-plugin-crm/known-topic': knownTopic,
  'rule:bpmnlint-plugin-crm/linked-form': linkedForm,
  'rule:bpmnlint-plugin-crm/listeners': listeners,
  'rule:bpmnlint-plugin-crm/multiple-events': multipleEvents,
  'rule:bpmnlint-plugin-crm/parallel-gateway-conditions': parallelGatewayConditions,
  'rule:bpmnlint-plugin-crm/start-event-required': startEventRequired,
  'rule:bpmnlint-plugin-crm/supported-elements': supportedElements,
  'rule:bpmnlint-plugin-crm/user-task-assignment': userTaskAssignment,
};

export const lintConfig = {
  resolver: new StaticResolver(cache),
  config: {
    rules: {
      'conditional-flows': 'error',
      'end-event-required': 'error',
      'event-based-gateway': 'error',
      'fake-join': 'warn',
      'label-required': 'warn',
      'link-event': 'error',
      'no-bpmndi': 'error',
      'no-disconnected': 'error',
      'no-duplicate-sequence-flows': 'error',
      'no-implicit-split': 'warn',
      'no-overlapping-elements': 'warn',
      'single-blank-start-event': 'error',
      'sub-process-blank-start-event': 'error',
      'superfluous-gateway': 'warn',
      'crm/event-definition-refs': 'error',
      'crm/external-topic': 'error',
      'crm/known-decision': 'warn',
      'crm/known-topic': 'warn',
      'crm/linked-form': 'warn',
      'crm/listeners': 'error',
      'crm/multiple-events': 'error',
      'crm/parallel-gateway-conditions': 'warn',
      'crm/start-event-required': 'error',
      'crm/supported-elements': 'error',
      'crm/user-task-assignment': 'warn',
    },
  },
};

import StaticResolver from 'bpmnlint/lib/resolver/static-resolver';
import conditionalFlows from 'bpmnlint/rules/conditional-flows';
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
import singleEventDefinition from 'bpmnlint/rules/single-event-definition';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import subProcessBlankStartEvent from 'bpmnlint/rules/sub-process-blank-start-event';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway';
import externalTopic from './rules/external-topic';
import knownTopic from './rules/known-topic';
import linkedForm from './rules/linked-form';
import supportedElements from './rules/supported-elements';
import userTaskAssignment from './rules/user-task-assignment';

/** bpmnlint's recommended rules that matter to the engine, plus the CRM's own (plugin `crm`). */
const cache: Record<string, unknown> = {
  'rule:bpmnlint/conditional-flows': conditionalFlows,
  'rule:bpmnlint/end-event-required': endEventRequired,
  'rule:bpmnlint/event-based-gateway': eventBasedGateway,
  'rule:bpmnlint/fake-join': fakeJoin,
  'rule:bpmnlint/label-required': labelRequired,
  'rule:bpmnlint/link-event': linkEvent,
  'rule:bpmnlint/no-bpmndi': noBpmndi,
  'rule:bpmnlint/no-disconnected': noDisconnected,
  'rule:bpmnlint/no-duplicate-sequence-flows': noDuplicateSequenceFlows,
  'rule:bpmnlint/no-implicit-split': noImplicitSplit,
  'rule:bpmnlint/no-overlapping-elements': noOverlappingElements,
  'rule:bpmnlint/single-blank-start-event': singleBlankStartEvent,
  'rule:bpmnlint/single-event-definition': singleEventDefinition,
  'rule:bpmnlint/start-event-required': startEventRequired,
  'rule:bpmnlint/sub-process-blank-start-event': subProcessBlankStartEvent,
  'rule:bpmnlint/superfluous-gateway': superfluousGateway,
  'rule:bpmnlint-plugin-crm/external-topic': externalTopic,
  'rule:bpmnlint-plugin-crm/known-topic': knownTopic,
  'rule:bpmnlint-plugin-crm/linked-form': linkedForm,
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
      'single-event-definition': 'error',
      'start-event-required': 'error',
      'sub-process-blank-start-event': 'error',
      'superfluous-gateway': 'warn',
      'crm/external-topic': 'error',
      'crm/known-topic': 'warn',
      'crm/linked-form': 'warn',
      'crm/supported-elements': 'error',
      'crm/user-task-assignment': 'warn',
    },
  },
};

import lintingModule from 'bpmn-js-bpmnlint';

/** Linting on the canvas (bpmn-js-bpmnlint) with the CRM rule set; pass `linting: { bpmnlint: lintConfig }`. */
export default {
  __depends__: [lintingModule],
};

export { lintConfig } from './config';
export { knownForms, setKnownForms } from './known-forms';
export { knownDecisions, setKnownDecisions } from './known-decisions';

import { PreserveUnrenderedDi } from './preserve-unrendered-di';

/** Keeps the layout of elements bpmn-js imports but does not render. */
export default {
  __init__: ['preserveUnrenderedDi'],
  preserveUnrenderedDi: ['type', PreserveUnrenderedDi],
};

export { normalizeForeignPrefixes } from './normalize-prefixes';

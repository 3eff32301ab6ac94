import { benchModel } from '../models.js';

export const MAIN_KEY = 'fault_everything';
export const CALLED_KEY = 'fault_called';
export const EXTERNAL_TOPIC = 'fault-charge';
export const MESSAGE_NAME = 'fault.paid';
export const MESSAGE_ACTIVITY = 'paid';
export const USER_TASK = 'review';
export const TIMER_ACTIVITY = 'pause';
/** the timer's timeDuration (PT2S) */
export const TIMER_MS = 2000;

export function faultModels(): { name: string; content: string }[] {
  return [benchModel('faults-everything.bpmn'), benchModel('faults-called.bpmn')];
}

/**
 * What one instance leaves in history, per process and element id: each element once; the
 * multi-instance sub-process `items` once as its body (`items#multiInstanceBody`, as Camunda 7
 * names it) and three times as itself, with its inner elements three times; the compensation
 * handler `undoBook` once (the throw compensates `book`; the compensation boundary event itself
 * leaves no activity instance). No element may show up more often or less.
 */
export const EXPECTED_ACTIVITIES: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  [MAIN_KEY]: {
    start: 1, prepare: 1, charge: 1, pause: 1, paid: 1, review: 1, call: 1,
    'items#multiInstanceBody': 1, items: 3, itemStart: 3, itemWork: 3, itemEnd: 3,
    book: 1, undoBook: 1, compensate: 1, end: 1,
  },
  [CALLED_KEY]: { calledStart: 1, calledWork: 1, calledEnd: 1 },
};

/** the jobs one instance runs: prepare before and after, the timer, calledWork, itemWork × 3 */
export const JOBS_PER_INSTANCE = 6;

// What each instance of two-topics.bpmn starts with, and what it must end with: the worker and the
// checks of external-task-drive.mjs both read it, so the expectations are stated once.
import { readFileSync } from 'node:fs';

export const PROCESS_KEY = 'client_two_topics';
export const SCORE_TOPIC = 'client-e2e-score';
export const NOTIFY_TOPIC = 'client-e2e-notify';
export const NOTIFY_REJECTED = 'NOTIFY_REJECTED';

export function twoTopicModel() {
  return readFileSync(new URL('./two-topics.bpmn', import.meta.url), 'utf8');
}

/**
 * Instance `index` of a run. `mode` tells the worker what to do with its score task at first:
 * `retry` fails once with retries left, `incident` fails with none (the operator then sets retries).
 * Customers of tier `blocked` make notify throw the BPMN error.
 */
export function instancePlan(runId, index) {
  const amount = 1000 + index * 250;
  const vip = index % 2 === 0;
  const customer = { name: `Customer ${index}`, tier: index % 10 === 4 ? 'blocked' : 'standard', tags: ['e2e', `n${index}`] };
  const mode = index % 10 === 1 ? 'retry' : index % 10 === 2 ? 'incident' : 'normal';
  const expected = expectedOutcome({ amount, vip, customer });
  return {
    businessKey: `${runId}-${index}`,
    mode,
    variables: {
      amount: { value: amount, type: 'Integer' },
      vip: { value: vip, type: 'Boolean' },
      customer: { value: JSON.stringify(customer), type: 'Json' },
      mode: { value: mode, type: 'String' },
    },
    expected,
  };
}

/** the scoring rule the worker applies, and where the instance ends */
export function scoreOf({ amount, vip }) {
  const score = Math.floor(amount / 100) + (vip ? 50 : 0);
  return { score, approved: vip || amount >= 3000, reasons: [vip ? 'vip' : 'regular', amount >= 3000 ? 'large' : 'small'] };
}

/** the notification the worker sends for an approved, not blocked customer */
export function notificationOf({ customer, vip, score }) {
  return { channel: vip ? 'phone' : 'email', to: customer.name, score };
}

/** the rejection the worker reports with the BPMN error */
export function rejectionOf(customer) {
  return { reason: 'blocked', customer: customer.name };
}

function expectedOutcome({ amount, vip, customer }) {
  const { score, approved, reasons } = scoreOf({ amount, vip });
  const variables = {
    score: { type: 'Integer', value: score },
    approved: { type: 'Boolean', value: approved },
    scoreDetails: { type: 'Json', value: { score, reasons } },
  };
  if (!approved) return { end: 'declined', variables };
  if (customer.tier === 'blocked') return { end: 'rejectedEnd', variables: { ...variables, rejection: { type: 'Json', value: rejectionOf(customer) } } };
  return {
    end: 'done',
    variables: { ...variables, notified: { type: 'Boolean', value: true }, notification: { type: 'Json', value: notificationOf({ customer, vip, score }) } },
  };
}

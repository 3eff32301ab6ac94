// The worker a Camunda 7 integrator would write with camunda-external-task-client-js, for two-topics.bpmn:
// typed variables in and out, handleFailure, handleBpmnError and extendLock, all through the published client.
import { Variables } from 'camunda-external-task-client-js';
import { NOTIFY_REJECTED, NOTIFY_TOPIC, SCORE_TOPIC, notificationOf, rejectionOf, scoreOf } from './two-topic-plan.mjs';

/** longer than the subscription's lock, so an extension shows in the task's lock expiration */
export const EXTENDED_LOCK_MS = 10 * 60 * 1000;
export const SUBSCRIPTION_LOCK_MS = 60 * 1000;

/**
 * Subscribes `client` to both topics of the definition. `lockOf(taskId)` reads the task's current
 * lock expiration through REST (to see extendLock take effect); `problem(text)` records what went
 * wrong; `counts` tallies what the worker did.
 */
export function subscribeTwoTopicWorker(client, { definitionId, lockOf, problem, counts }) {
  const options = { processDefinitionId: definitionId, lockDuration: SUBSCRIPTION_LOCK_MS };

  client.subscribe(SCORE_TOPIC, options, async ({ task, taskService }) => {
    const mode = task.variables.get('mode');
    // task.retries is null until a failure sets it: the first attempt of these instances fails
    if (mode === 'retry' && task.retries === null) {
      counts.failures++;
      return taskService.handleFailure(task, { errorMessage: 'Scoring service busy', errorDetails: 'the first attempt fails on purpose', retries: 2, retryTimeout: 0 });
    }
    if (mode === 'incident' && task.retries === null) {
      counts.failures++;
      return taskService.handleFailure(task, { errorMessage: 'Scoring service down', errorDetails: 'fails with no retries left: an incident', retries: 0, retryTimeout: 0 });
    }
    const amount = typedInput(task, 'amount', 'integer', 'number', problem);
    const vip = typedInput(task, 'vip', 'boolean', 'boolean', problem);
    typedInput(task, 'customer', 'json', 'object', problem);

    await taskService.extendLock(task, EXTENDED_LOCK_MS);
    const extended = await lockOf(task.id);
    if (!(Date.parse(extended) > Date.parse(task.lockExpirationTime))) {
      problem(`extendLock on ${task.id} (${task.businessKey}) left its lock at ${extended}, locked until ${task.lockExpirationTime} before`);
    } else {
      counts.lockExtensions++;
    }

    const { score, approved, reasons } = scoreOf({ amount, vip });
    const result = new Variables()
      .setTyped('score', { type: 'Integer', value: score, valueInfo: {} })
      .setTyped('approved', { type: 'Boolean', value: approved, valueInfo: {} })
      .setTyped('scoreDetails', { type: 'Json', value: { score, reasons }, valueInfo: {} });
    await taskService.complete(task, result);
    counts.completed++;
  });

  client.subscribe(NOTIFY_TOPIC, options, async ({ task, taskService }) => {
    const customer = typedInput(task, 'customer', 'json', 'object', problem);
    const vip = typedInput(task, 'vip', 'boolean', 'boolean', problem);
    const details = typedInput(task, 'scoreDetails', 'json', 'object', problem);
    if (customer?.tier === 'blocked') {
      const variables = new Variables().setTyped('rejection', { type: 'Json', value: rejectionOf(customer), valueInfo: {} });
      await taskService.handleBpmnError(task, NOTIFY_REJECTED, `${customer.name} is blocked`, variables);
      counts.bpmnErrors++;
      return;
    }
    const result = new Variables()
      .setTyped('notified', { type: 'Boolean', value: true, valueInfo: {} })
      .setTyped('notification', { type: 'Json', value: notificationOf({ customer, vip, score: details?.score }), valueInfo: {} });
    await taskService.complete(task, result);
    counts.completed++;
  });
}

/** a variable of the locked task as the client hands it over: its type as the engine named it, its value deserialised */
function typedInput(task, name, type, jsType, problem) {
  const typed = task.variables.getTyped(name);
  const actualJsType = typed?.value === null ? 'null' : typeof typed?.value;
  if (typed?.type !== type || actualJsType !== jsType) {
    problem(`${task.topicName} task of ${task.businessKey}: expected variable '${name}' of type ${type} (${jsType}), but got ${JSON.stringify(typed)}`);
  }
  return typed?.value;
}

// Drives the published camunda-external-task-client-js against a running service: deploys
// two-topics.bpmn, starts instances through REST, lets the real client work them (an operator sets
// retries on the incidents it raises on purpose), then checks through REST that every instance
// ended where it should with the variables the worker wrote, typed as it wrote them. Used by
// test/e2e/external-task-client.spec.ts and, against `npm start`, by external-task-client.mjs in CI.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { BasicAuthInterceptor, Client } from 'camunda-external-task-client-js';
import { PROCESS_KEY, instancePlan, twoTopicModel } from './two-topic-plan.mjs';
import { subscribeTwoTopicWorker } from './two-topic-worker.mjs';

const OPERATOR_PAUSE_MS = 200;
/** a client that cannot read the engine's answers fails on every byte of them: the first ones tell enough */
const MAX_PROBLEMS = 50;

/** a small REST client for the operator's calls, with HTTP Basic; any answer but 2xx throws, naming the call */
export function restClient(base, { username, password }) {
  const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const call = async (method, path, body) => {
    const init = { method, headers: { authorization } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) Object.assign(init, { body: JSON.stringify(body), headers: { authorization, 'content-type': 'application/json' } });
    const response = await fetch(`${base.replace(/\/$/, '')}${path}`, init);
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return text === '' ? null : JSON.parse(text);
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
  };
}

/**
 * @param {object} options
 * @param {string} options.base the Camunda REST base, e.g. http://127.0.0.1:3000/engine-rest
 * @param {{username: string, password: string}} options.operator deploys, starts, sets retries, checks (an admin)
 * @param {{username: string, password: string}} [options.worker] the client's credentials (default: the operator's)
 * @param {number} [options.instances] how many instances (default 20)
 * @param {number} [options.timeoutMs] how long the instances may take to end (default 120 s)
 * @param {(line: string) => void} [options.log]
 */
export async function driveExternalTaskClient({ base, operator, worker = operator, instances = 20, timeoutMs = 120_000, log = () => {} }) {
  const rest = restClient(base, operator);
  const runId = `etc-${randomUUID().slice(0, 8)}`;
  const problems = [];
  let unrecorded = 0;
  const problem = (text) => (problems.length < MAX_PROBLEMS ? problems.push(text) : unrecorded++);
  const counts = { completed: 0, failures: 0, bpmnErrors: 0, lockExtensions: 0, incidentsResolved: 0 };

  const definitionId = await deploy(rest, runId);
  log(`deployed ${PROCESS_KEY} as ${definitionId}`);
  const plans = Array.from({ length: instances }, (_, index) => instancePlan(runId, index));
  const started = new Map();
  for (const plan of plans) {
    const instance = await rest.post(`/process-definition/${encodeURIComponent(definitionId)}/start`, { businessKey: plan.businessKey, variables: plan.variables });
    started.set(plan.businessKey, instance.id);
  }
  log(`started ${instances} instances (business keys ${runId}-0 … ${runId}-${instances - 1})`);

  const client = new Client({
    baseUrl: base,
    workerId: `${runId}-worker`,
    interceptors: new BasicAuthInterceptor(worker),
    asyncResponseTimeout: 5_000,
    interval: 50,
    autoPoll: false,
  });
  const polls = trackPolls(client, problem);
  for (const event of ['handler:error', 'complete:error', 'handleFailure:error', 'handleBpmnError:error', 'extendLock:error']) {
    client.on(event, (...args) => problem(`client ${event}: ${describeError(args.at(-1))}`));
  }
  subscribeTwoTopicWorker(client, {
    definitionId,
    lockOf: async (taskId) => (await rest.get(`/external-task/${encodeURIComponent(taskId)}`)).lockExpirationTime,
    problem,
    counts,
  });
  client.start();

  let ended = false;
  try {
    ended = await operateUntilEnded(rest, definitionId, instances, timeoutMs, counts);
  } finally {
    await polls.stop();
  }
  const stuck = ended ? [] : await stuckTasks(rest, definitionId);
  if (!ended) problem(`not every instance ended within ${timeoutMs} ms`);
  await verify(rest, definitionId, plans, started, counts, problem);
  if (unrecorded > 0) problems.push(`… and ${unrecorded} more problems`);
  return { definitionId, runId, instances, ended: await countEnded(rest, definitionId), counts, stuck, problems };
}

async function deploy(rest, runId) {
  const form = new FormData();
  form.set('deployment-name', `external-task-client ${runId}`);
  form.set('deployment-source', 'external-task-client drive');
  form.append('two-topics.bpmn', new Blob([twoTopicModel()], { type: 'application/octet-stream' }), 'two-topics.bpmn');
  const deployment = await rest.post('/deployment/create', form);
  const [definitionId] = Object.keys(deployment.deployedProcessDefinitions ?? {});
  if (!definitionId) throw new Error(`the deployment ${deployment.id} holds no process definition`);
  return definitionId;
}

/** polls until no instance of the definition is unfinished; meanwhile plays the operator who retries failed external tasks */
async function operateUntilEnded(rest, definitionId, instances, timeoutMs, counts) {
  const deadline = Date.now() + timeoutMs;
  const query = `processDefinitionId=${encodeURIComponent(definitionId)}`;
  for (;;) {
    for (const incident of await rest.get(`/incident?${query}&incidentType=failedExternalTask`)) {
      await rest.put(`/external-task/${encodeURIComponent(incident.configuration)}/retries`, { retries: 1 });
      counts.incidentsResolved++;
    }
    const { count: finished } = await rest.get(`/history/process-instance/count?${query}&finished=true`);
    if (finished >= instances) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, OPERATOR_PAUSE_MS));
  }
}

async function countEnded(rest, definitionId) {
  return (await rest.get(`/history/process-instance/count?processDefinitionId=${encodeURIComponent(definitionId)}&finished=true`)).count;
}

async function stuckTasks(rest, definitionId) {
  const tasks = await rest.get(`/external-task?processDefinitionId=${encodeURIComponent(definitionId)}`);
  return tasks.map((t) => ({
    id: t.id, topicName: t.topicName, activityId: t.activityId, businessKey: t.businessKey ?? null, processInstanceId: t.processInstanceId,
    workerId: t.workerId, lockExpirationTime: t.lockExpirationTime, retries: t.retries, errorMessage: t.errorMessage,
  }));
}

/** what REST shows afterwards: nothing left to work, each instance at its end event with its typed variables */
async function verify(rest, definitionId, plans, started, counts, problem) {
  const query = `processDefinitionId=${encodeURIComponent(definitionId)}`;
  const { count: left } = await rest.get(`/external-task/count?${query}`);
  if (left !== 0) problem(`${left} external tasks of ${definitionId} are left`);
  const { count: open } = await rest.get(`/incident/count?${query}`);
  if (open !== 0) problem(`${open} incidents of ${definitionId} are open`);

  const expectIncidents = plans.filter((p) => p.mode === 'incident').length;
  const expectFailures = plans.filter((p) => p.mode !== 'normal').length;
  const expectErrors = plans.filter((p) => p.expected.end === 'rejectedEnd').length;
  const expectCompletions = plans.length + plans.filter((p) => p.expected.end === 'done').length;
  const expectedCounts = { completed: expectCompletions, failures: expectFailures, bpmnErrors: expectErrors, lockExtensions: plans.length, incidentsResolved: expectIncidents };
  if (!isDeepStrictEqual(counts, expectedCounts)) problem(`expected the worker and operator to count ${JSON.stringify(expectedCounts)}, but they counted ${JSON.stringify(counts)}`);
  const { count: resolved } = await rest.get(`/history/incident/count?${query}&resolved=true`);
  if (resolved !== expectIncidents) problem(`expected ${expectIncidents} resolved incidents in history, but found ${resolved}`);

  for (const plan of plans) {
    const id = started.get(plan.businessKey);
    const where = `instance ${plan.businessKey} (${id})`;
    const historic = await rest.get(`/history/process-instance/${encodeURIComponent(id)}`);
    if (historic.state !== 'COMPLETED') problem(`${where}: expected state COMPLETED, but it is ${historic.state}`);
    const { count: atEnd } = await rest.get(`/history/activity-instance/count?processInstanceId=${encodeURIComponent(id)}&activityId=${plan.expected.end}&finished=true`);
    if (atEnd !== 1) problem(`${where}: expected it to end at '${plan.expected.end}', but that end event was reached ${atEnd} times`);
    const variables = new Map((await rest.get(`/history/variable-instance?processInstanceId=${encodeURIComponent(id)}`)).map((v) => [v.name, v]));
    for (const [name, want] of Object.entries(plan.expected.variables)) {
      const got = variables.get(name);
      const value = got?.type === 'Json' && typeof got.value === 'string' ? JSON.parse(got.value) : got?.value;
      if (got?.type !== want.type || !isDeepStrictEqual(value, want.value)) {
        problem(`${where}: expected variable '${name}' = ${JSON.stringify(want)}, but found ${got ? JSON.stringify({ type: got.type, value: got.value }) : 'none'}`);
      }
    }
  }
}

/**
 * Counts poll errors (each one is a problem) and stops the client cleanly: no new poll, and the
 * one in flight (a long poll of up to asyncResponseTimeout) answered, so no request outlives the drive.
 */
function trackPolls(client, problem) {
  // every poll:start is followed by a request here: the topics are subscribed before start, and
  // without maxParallelExecutions the client never skips a poll
  let inFlight = null;
  let settle = () => {};
  client.on('poll:start', () => {
    inFlight = new Promise((resolve) => { settle = resolve; });
  });
  client.on('poll:success', () => settle());
  client.on('poll:error', (error) => {
    problem(`client poll:error: ${describeError(error)}`);
    settle();
  });
  return {
    async stop() {
      client.stop();
      await inFlight;
      while (client.activeTasksCount > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
}

function describeError(error) {
  if (error instanceof Error) return `${error.message}${error.response?.body ? `: ${String(error.response.body).slice(0, 300)}` : ''}`;
  return String(error);
}

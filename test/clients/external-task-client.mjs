#!/usr/bin/env node
// Runs the published camunda-external-task-client-js against a started service (CI runs it against
// `npm start`): node test/clients/external-task-client.mjs --base http://127.0.0.1:3000/engine-rest
//   --user <email> --password <password> [--worker-user <name> --worker-password <API key>]
//   [--instances 20] [--timeout-seconds 120]
// Exits 0 when every instance ended as planned; otherwise 1, naming the problems and stuck tasks.
import { parseArgs } from 'node:util';
import { driveExternalTaskClient } from './external-task-drive.mjs';

const usage = 'usage: node test/clients/external-task-client.mjs --base <engine-rest URL> --user <name> --password <password> [--worker-user <name> --worker-password <password or API key>] [--instances 20] [--timeout-seconds 120]';

let values;
try {
  ({ values } = parseArgs({
    options: {
      base: { type: 'string' }, user: { type: 'string' }, password: { type: 'string' },
      'worker-user': { type: 'string' }, 'worker-password': { type: 'string' },
      instances: { type: 'string', default: '20' }, 'timeout-seconds': { type: 'string', default: '120' },
    },
  }));
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}
const instances = Number(values.instances);
const timeoutSeconds = Number(values['timeout-seconds']);
if (!values.base || !values.user || !values.password || !Number.isInteger(instances) || instances < 1 || !(timeoutSeconds > 0)) {
  console.error(usage);
  process.exit(2);
}
const operator = { username: values.user, password: values.password };
const worker = values['worker-password'] ? { username: values['worker-user'] ?? 'worker', password: values['worker-password'] } : operator;

const started = Date.now();
let report;
try {
  report = await driveExternalTaskClient({
    base: values.base, operator, worker, instances, timeoutMs: timeoutSeconds * 1000, log: (line) => console.log(line),
  });
} catch (error) {
  console.error(`camunda-external-task-client-js: FAILED before the instances could be checked: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`worker: ${JSON.stringify(report.counts)}`);
if (report.problems.length === 0) {
  console.log(`camunda-external-task-client-js: ${report.ended} of ${report.instances} instances ended as planned in ${seconds} s`);
  process.exit(0);
}
console.error(`camunda-external-task-client-js: FAILED, ${report.ended} of ${report.instances} instances ended (${seconds} s)`);
for (const task of report.stuck) {
  console.error(`  stuck: ${task.topicName} task ${task.id} at '${task.activityId}' of ${task.businessKey ?? task.processInstanceId}, worker ${task.workerId ?? 'none'}, locked until ${task.lockExpirationTime ?? '-'}, retries ${task.retries ?? '-'}${task.errorMessage ? `, error '${task.errorMessage}'` : ''}`);
}
for (const problem of report.problems) console.error(`  ${problem}`);
process.exit(1);

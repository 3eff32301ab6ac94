import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { buildService } from '../support/build-service.js';
import { isCi } from '../support/test-database.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';
import { seedPgliteDataDir } from '../support/pglite-template.js';
import { until } from '../support/sql-engine.js';
import { basicAuth, TEST_ADMIN_PASSWORD } from '../support/test-app.js';

const auth = basicAuth('admin@kill.test', TEST_ADMIN_PASSWORD);

const INSTANCES = 150;

const model = bpmn('killable', `
  <startEvent id="start"/>
  <scriptTask id="first" scriptFormat="juel" camunda:asyncBefore="true" camunda:resultVariable="one"><script>\${1}</script></scriptTask>
  <scriptTask id="second" scriptFormat="juel" camunda:asyncBefore="true" camunda:resultVariable="two"><script>\${one + 1}</script></scriptTask>
  <scriptTask id="third" scriptFormat="juel" camunda:asyncBefore="true" camunda:resultVariable="three"><script>\${two + 1}</script></scriptTask>
  <endEvent id="end"/>
  ${flows('start', 'first', 'second', 'third', 'end')}`);

/**
 * The service is killed with SIGKILL while it works through jobs, then started again: every
 * instance finishes and every step shows up exactly once (a step cut off mid-way left nothing),
 * and the cockpit's statistics, kept as counts, come back to nothing.
 */
describe('kill -9 under load, then restart', () => {
  let db: TestDatabase | null = null;
  let dataDir: string;
  let server: ChildProcess | null = null;
  let port: number;

  beforeAll(async () => {
    // the service runs as `node dist/app/main.js`
    buildService();
    dataDir = mkdtempSync(join(tmpdir(), 'kill-test-'));
    if (process.env['DATABASE_URL']) db = await openTestDatabase();
    else if (isCi()) throw new Error('CI=true needs DATABASE_URL');
    else await seedPgliteDataDir(dataDir);
    port = await freePort();
  });

  afterAll(async () => {
    server?.kill('SIGKILL');
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function startServer(): ChildProcess {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', JOB_RECONCILE_MS: '500', JOB_LOCK_MS: '3000', STATISTICS_COMPACT_MS: '200', QUEUE_PREFIX: `kill-${port}`, SEED_DEMO: 'false', ADMIN_EMAIL: 'admin@kill.test', ADMIN_PASSWORD: TEST_ADMIN_PASSWORD };
    if (db?.url) env['DATABASE_URL'] = db.url;
    else delete env['DATABASE_URL'];
    const child = spawn(process.execPath, ['dist/app/main.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    return child;
  }

  async function healthy(): Promise<void> {
    await until(async () => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false), 120_000, 'the service to answer /health');
  }

  async function completed(): Promise<number> {
    const res = await fetch(`http://127.0.0.1:${port}/engine-rest/history/process-instance/count?processDefinitionKey=killable&completed=true`, { headers: auth });
    return ((await res.json()) as { count: number }).count;
  }

  it(`finishes all ${INSTANCES} instances exactly once`, async () => {
    server = startServer();
    await healthy();
    const form = new FormData();
    form.append('deployment-name', 'killable');
    form.append('killable.bpmn', new Blob([model], { type: 'application/xml' }), 'killable.bpmn');
    expect((await fetch(`http://127.0.0.1:${port}/engine-rest/deployment/create`, { method: 'POST', body: form, headers: auth })).status).toBe(200);
    for (let i = 0; i < INSTANCES; i += 25) {
      await Promise.all(Array.from({ length: 25 }, (_, j) => fetch(`http://127.0.0.1:${port}/engine-rest/process-definition/key/killable/start`, {
        method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ businessKey: `k-${i + j}` }),
      }).then((r) => expect(r.status).toBe(200))));
    }
    await until(async () => (await completed()) >= 10, 120_000, 'some instances to complete');
    server.kill('SIGKILL');
    await new Promise((resolve) => server!.once('exit', resolve));

    server = startServer();
    await healthy();
    await until(async () => (await completed()) === INSTANCES, 240_000, `all ${INSTANCES} instances to complete`);

    const activities = await fetch(`http://127.0.0.1:${port}/engine-rest/history/activity-instance?processDefinitionKey=killable&maxResults=100000`, { headers: auth }).then((r) => r.json()) as { processInstanceId: string; activityId: string }[];
    const perInstance = new Map<string, string[]>();
    for (const a of activities) perInstance.set(a.processInstanceId, [...(perInstance.get(a.processInstanceId) ?? []), a.activityId]);
    expect(perInstance.size).toBe(INSTANCES);
    for (const steps of perInstance.values()) expect(steps.sort()).toEqual(['end', 'first', 'second', 'start', 'third']);
    const jobs = await fetch(`http://127.0.0.1:${port}/engine-rest/job/count`, { headers: auth }).then((r) => r.json()) as { count: number };
    expect(jobs.count).toBe(0);
    // the cockpit's kept counts went through the kill with the rows (and compactions every 200 ms): every instance counted in, then out
    const statistics = await fetch(`http://127.0.0.1:${port}/engine-rest/process-definition/statistics`, { headers: auth }).then((r) => r.json()) as { id: string; instances: number; definition: { key: string } }[];
    const killable = statistics.find((s) => s.definition.key === 'killable')!;
    expect(killable.instances).toBe(0);
    expect(await fetch(`http://127.0.0.1:${port}/engine-rest/process-definition/${killable.id}/statistics`, { headers: auth }).then((r) => r.json())).toEqual([]);
  }, 600_000); // two starts of the service and 450 jobs, on a loaded machine
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address() as { port: number };
      srv.close(() => resolve(address.port));
    });
  });
}

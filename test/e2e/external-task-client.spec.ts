import { driveExternalTaskClient, type DriveReport } from '../clients/external-task-drive.mjs';
import { startTestApp, type TestApp } from '../support/test-app.js';

// 20 instances worked by the real client over HTTP, with a real database: minutes on a loaded machine, not seconds
import.meta.jest.setTimeout(300_000);

/**
 * The published camunda-external-task-client-js 3.1.0, unchanged, as a worker with an API key of
 * role `worker`: it parses an answer only when its Content-Type is exactly `application/json`, so
 * with anything else it locks tasks and never completes one (and this spec fails naming them).
 */
describe('camunda-external-task-client-js against the service', () => {
  let app: TestApp;
  let report: DriveReport;

  beforeAll(async () => {
    app = await startTestApp();
    const key = await createWorkerKey(app);
    report = await driveExternalTaskClient({
      base: app.rest,
      operator: { username: app.admin.email, password: app.admin.password },
      worker: { username: 'two-topic-worker', password: key },
      instances: 20,
      timeoutMs: 180_000,
    });
  }, 300_000);
  afterAll(() => app?.close());

  it('ends all 20 instances of the two-topic model, leaving no external task and no incident', () => {
    expect(report.stuck).toEqual([]);
    expect(report.problems).toEqual([]);
    expect(report.ended).toBe(20);
  });

  it('completed with typed variables (Integer, Boolean, Json), failed with and without retries, threw a BPMN error and extended locks', () => {
    // each instance scores once; 16 are approved, 2 of them blocked (a BPMN error), 14 notified;
    // 2 fail once with retries left, 2 with none (an incident the operator resolves by setting retries)
    expect(report.counts).toEqual({ completed: 34, failures: 4, bpmnErrors: 2, lockExtensions: 20, incidentsResolved: 2 });
  });
});

async function createWorkerKey(app: TestApp): Promise<string> {
  const response = await fetch(`${app.url}/api/api-keys`, {
    method: 'POST',
    headers: { ...app.adminAuth, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'two-topic worker', roles: ['worker'] }),
  });
  if (response.status !== 201 && response.status !== 200) throw new Error(`Expected an API key, but POST /api/api-keys answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { key: string }).key;
}

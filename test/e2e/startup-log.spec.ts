import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../app/config.js';
import { startService, type RunningService } from '../../app/start-service.js';
import { logLines } from '../support/log-lines.js';

// one start on an on-disk PGlite, on a loaded machine

interface Line {
  readonly level: number;
  readonly msg: string;
  readonly context?: string;
}

const DEBUG = 20;
const INFO = 30;
const ROUTE_TABLE = new Set(['RoutesResolver', 'RouterExplorer']);

/** what `npm start` prints, with LOG_LEVEL=debug so that the route table is there to compare with */
describe('the start-up log', () => {
  const { stream, lines } = logLines();
  let dataDir: string;
  let service: RunningService | null = null;
  let log: Line[];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'bpmn-startup-log-'));
    // the embedded mode whatever the suite's DATABASE_URL says: what a first `npm start` does
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'debug',
      SEED_DEMO: 'false',
      ADMIN_EMAIL: 'first.admin@startup.test',
      ADMIN_PASSWORD: 'startup-admin-password',
    });
    service = await startService(config, { logStream: stream });
    log = lines.map((line) => JSON.parse(line) as Line);
  });
  afterAll(async () => {
    await service?.app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens with the URL, the database, the job backend, the history level and the sign-in, in plain words', () => {
    expect(log.slice(0, 5)).toEqual([
      expect.objectContaining({ level: INFO, context: 'Startup', msg: expect.stringMatching(/^Starting on http:\/\/127\.0\.0\.1 .*web app \/, Camunda REST \/engine-rest/) }),
      expect.objectContaining({ level: INFO, context: 'Startup', msg: `Database: embedded PGlite in ${join(dataDir, 'pglite')} (DATABASE_URL not set)` }),
      expect.objectContaining({ level: INFO, context: 'Startup', msg: 'Jobs: in-process dispatcher over the embedded database' }),
      expect.objectContaining({ level: INFO, context: 'Startup', msg: 'History: full (HISTORY_LEVEL)' }),
      expect.objectContaining({ level: INFO, context: 'Startup', msg: 'First admin: first.admin@startup.test with ADMIN_PASSWORD, created at start when there is no admin yet' }),
    ]);
  });

  it("has Nest's route table and module list after those lines, at debug level only", () => {
    const firstRoute = log.findIndex((line) => ROUTE_TABLE.has(line.context ?? ''));
    expect(firstRoute).toBeGreaterThan(4);
    const chatter = log.filter((line) => ROUTE_TABLE.has(line.context ?? '') || line.context === 'InstanceLoader');
    expect(chatter.length).toBeGreaterThan(20);
    expect(chatter.filter((line) => line.level !== DEBUG)).toEqual([]);
  });

  it('ends the start with the address it really listens on, which answers', async () => {
    const ready = log.find((line) => line.context === 'Startup' && line.msg.startsWith('Ready: '));
    expect(ready?.msg).toBe(`Ready: ${service!.url} answers (health ${service!.url}/health)`);
    expect(service!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${service!.url}/health`)).status).toBe(200);
  });

  it('at debug, logs every request once answered, a successful Camunda REST call too, without its headers', async () => {
    const authorization = `Basic ${Buffer.from('first.admin@startup.test:startup-admin-password').toString('base64')}`;
    const response = await fetch(`${service!.url}/engine-rest/version`, { headers: { authorization } });
    expect(response.status).toBe(200);
    const id = response.headers.get('x-request-id');
    const deadline = Date.now() + 10_000;
    const lineOf = () => lines.map((line) => JSON.parse(line) as Line & { reqId?: string }).find((line) => line.reqId === id && line.msg.startsWith('GET '));
    while (!lineOf() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lineOf()).toMatchObject({ level: INFO, method: 'GET', url: '/engine-rest/version', route: '/engine-rest/version', status: 200, userId: expect.any(String) });
    expect(lines.join('\n')).not.toContain(authorization.slice('Basic '.length));
  });
});

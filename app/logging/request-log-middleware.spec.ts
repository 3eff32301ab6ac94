import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { logLines } from '../../test/support/log-lines.js';
import type { RequestLogSettings } from '../http-safety/request-log.js';
import { createLogging } from './logging.js';

interface Line {
  readonly level: number;
  readonly msg: string;
  readonly reqId?: string;
  readonly method?: string;
  readonly url?: string;
  readonly status?: number;
  readonly ms?: number;
  readonly slow?: boolean;
  readonly context?: string;
}

const SLOW_MS = 20;
/** a threshold no request of these specs comes near, even on a loaded machine */
const NEVER_SLOW_MS = 60_000;
/** far beyond SLOW_MS: a timer never fires early by that much */
const SLOW_ANSWER_MS = 200;
/** it writes a warning while it is handled: once that line is there, every earlier request's line would be too */
const MARKER = '/engine-rest/marker';

function answer(res: ServerResponse, status: number): void {
  res.statusCode = status;
  res.end('{}');
}

/** a server with the request log in front of a few canned answers */
async function serverLogging(settings: Omit<RequestLogSettings, 'pretty' | 'stream'>) {
  const { stream, lines } = logLines();
  const logging = createLogging({ ...settings, pretty: false, stream });
  const server = createServer((req, res) => {
    logging.requestMiddleware(req, res, () => {
      const path = req.url!.split('?')[0]!;
      if (path === MARKER) {
        logging.nestLogger.warn('marker', 'Spec');
        answer(res, 204);
      } else if (path === '/engine-rest/slow') setTimeout(() => answer(res, 200), SLOW_ANSWER_MS);
      else if (path === '/engine-rest/says-something') {
        logging.nestLogger.log('looked it up', 'Lookup');
        answer(res, 200);
      } else if (path.endsWith('-404')) answer(res, 404);
      else if (path.endsWith('-400')) answer(res, 400);
      else if (path.endsWith('-500')) answer(res, 500);
      else answer(res, 200);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const parsed = () => lines.map((line) => JSON.parse(line) as Line);
  return {
    get: (path: string, headers: Record<string, string> = {}) => fetch(`${url}${path}`, { headers }),
    /** the lines written so far, once the marker request's line is there */
    linesAfterMarker: async (): Promise<Line[]> => {
      await fetch(`${url}${MARKER}`);
      const deadline = Date.now() + 10_000;
      while (!parsed().some((line) => line.msg === 'marker') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      return parsed().filter((line) => line.url !== MARKER && line.msg !== 'marker');
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

type Server = Awaited<ReturnType<typeof serverLogging>>;

describe('the request log at info', () => {
  let server: Server;
  beforeAll(async () => {
    server = await serverLogging({ level: 'info', slowMs: NEVER_SLOW_MS });
  });
  afterAll(() => server.close());

  it('writes no line for a quick success on a Camunda REST route', async () => {
    for (const path of ['/engine-rest/task', '/engine-rest/version', '/ENGINE-REST/task?assignee=ada', '/health']) expect((await server.get(path)).status).toBe(200);
    expect(await server.linesAfterMarker()).toEqual([]);
  });

  it.each([
    ['/engine-rest/task/nope-404', 404],
    ['/engine-rest/task/x/complete-400', 400],
    ['/engine-rest/boom-500', 500],
  ])('writes one line for %s (%i): method, URL, status, time and request id, no headers', async (path, status) => {
    const response = await server.get(path, { cookie: 'crm_session=secret-session' });
    expect(response.status).toBe(status);
    const lines = (await server.linesAfterMarker()).filter((line) => line.url === path);
    expect(lines).toEqual([
      { level: 30, time: expect.any(Number), pid: expect.any(Number), hostname: expect.any(String), reqId: response.headers.get('x-request-id'), method: 'GET', url: path, status, ms: expect.any(Number), msg: `GET ${path} ${status} in ${lines[0]?.ms} ms` },
    ]);
  });

  it('writes a line for a slow success (REQUEST_LOG_SLOW_MS)', async () => {
    const slowLogged = await serverLogging({ level: 'info', slowMs: SLOW_MS });
    try {
      expect((await slowLogged.get('/engine-rest/slow')).status).toBe(200);
      const [line] = (await slowLogged.linesAfterMarker()).filter((entry) => entry.url === '/engine-rest/slow');
      expect(line).toMatchObject({ status: 200, slow: true });
      expect(line!.ms).toBeGreaterThanOrEqual(SLOW_MS);
    } finally {
      await slowLogged.close();
    }
  });

  it('writes a line for a success outside the Camunda REST API', async () => {
    expect((await server.get('/api/leads')).status).toBe(200);
    expect((await server.linesAfterMarker()).filter((line) => line.url === '/api/leads')).toEqual([expect.objectContaining({ status: 200 })]);
  });
});

describe('request ids', () => {
  let server: Server;
  beforeAll(async () => {
    server = await serverLogging({ level: 'info' });
  });
  afterAll(() => server.close());

  it('keeps a plain X-Request-Id a client or proxy sends, on the answer and in the log', async () => {
    const response = await server.get('/engine-rest/a-404', { 'x-request-id': 'proxy-7f3a.1:2' });
    expect(response.headers.get('x-request-id')).toBe('proxy-7f3a.1:2');
    expect((await server.linesAfterMarker()).find((line) => line.url === '/engine-rest/a-404')?.reqId).toBe('proxy-7f3a.1:2');
  });

  it.each([['has spaces and "quotes"'], ['x'.repeat(101)], ['line\u00e9']])('gives a new id instead of %j', async (sent) => {
    const response = await server.get('/engine-rest/version', { 'x-request-id': sent });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('gives every request its own id', async () => {
    const ids = await Promise.all([1, 2, 3].map(async () => (await server.get('/engine-rest/version')).headers.get('x-request-id')));
    expect(new Set(ids).size).toBe(3);
  });
});

describe('the request log sampling successes', () => {
  let server: Server;
  beforeAll(async () => {
    server = await serverLogging({ level: 'info', slowMs: NEVER_SLOW_MS, sampleEvery: 3 });
  });
  afterAll(() => server.close());

  it('writes one line in every REQUEST_LOG_SAMPLE_EVERY successful Camunda REST requests', async () => {
    for (let i = 0; i < 6; i++) await server.get(`/engine-rest/task?i=${i}`);
    expect((await server.linesAfterMarker()).map((line) => line.url)).toEqual(['/engine-rest/task?i=2', '/engine-rest/task?i=5']);
  });
});

describe('the request log at debug', () => {
  let server: Server;
  beforeAll(async () => {
    server = await serverLogging({ level: 'debug' });
  });
  afterAll(() => server.close());

  it('writes a line for every request', async () => {
    await server.get('/engine-rest/task');
    await server.get('/engine-rest/version');
    expect((await server.linesAfterMarker()).map((line) => [line.url, line.status])).toEqual([
      ['/engine-rest/task', 200],
      ['/engine-rest/version', 200],
    ]);
  });
});

describe('the request log at warn', () => {
  it('writes no request lines, failures included, and still gives ids', async () => {
    const server = await serverLogging({ level: 'warn' });
    try {
      const response = await server.get('/engine-rest/x-500');
      expect(response.headers.get('x-request-id')).toBeTruthy();
      expect(await server.linesAfterMarker()).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

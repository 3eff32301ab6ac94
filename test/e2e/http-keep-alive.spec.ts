import { Agent, request, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * An idle keep-alive connection stays open longer than client pools and proxies keep theirs (60 s
 * for nginx upstreams and AWS load balancers), so the client is the one that closes it: with
 * Node's 5 s a request sent on a connection idle for 5 s met a socket being closed (ECONNRESET).
 */
describe('HTTP keep-alive', () => {
  let app: TestApp;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    agent.destroy();
    await app?.close();
  });

  const get = (path: string) =>
    new Promise<{ status: number; socket: Socket }>((resolve, reject) => {
      const req = request(`${app.url}${path}`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, socket: req.socket as Socket }));
      });
      req.on('error', reject);
      req.end();
    });

  it('keeps an idle connection 65 s by default, and the time for headers above it', () => {
    const server = app.nest.getHttpServer() as Server;
    expect(server.keepAliveTimeout).toBe(65_000);
    expect(server.headersTimeout).toBeGreaterThan(65_000);
  });

  it('answers on the same connection after it was idle longer than Node\'s 5 s', async () => {
    const first = await get('/health');
    expect(first.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(first.socket.destroyed).toBe(false);
    const second = await get('/health');
    expect(second.status).toBe(200);
    expect(second.socket).toBe(first.socket);
  }, 30_000);
});

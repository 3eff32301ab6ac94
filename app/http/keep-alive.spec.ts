import { Agent, createServer, request, type Server } from 'node:http';
import { keepIdleConnections } from './keep-alive.js';

describe('keepIdleConnections', () => {
  const agent = new Agent({ keepAlive: true });
  afterAll(() => agent.destroy());

  const listen = (server: Server) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
  }));
  const get = (url: string) => new Promise<{ status: number }>((resolve, reject) => {
    request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    }).on('error', reject).end();
  });

  it('keeps idle connections for the given time and gives headers a little longer', () => {
    const server = createServer();
    keepIdleConnections(server, 65_000);
    expect(server.keepAliveTimeout).toBe(65_000);
    expect(server.headersTimeout).toBe(66_000);
  });

  it('leaves a longer headers timeout as it is', () => {
    const server = createServer();
    server.headersTimeout = 120_000;
    keepIdleConnections(server, 65_000);
    expect(server.headersTimeout).toBe(120_000);
  });

  it('closes, once shutting down, a connection busy at that moment as soon as its answer is sent, not after the keep-alive', async () => {
    const server = createServer((_req, res) => setTimeout(() => res.end('ok'), 300));
    keepIdleConnections(server, 65_000);
    const url = await listen(server);
    const busy = get(url);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    expect((await busy).status).toBe(200);
    await closed;
    // without the sweep the server waits the whole 65 s for the connection to go
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);
});

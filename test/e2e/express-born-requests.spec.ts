import type { IncomingMessage, Server } from 'node:http';
import type { Express } from 'express';
import { RestClient } from '../support/rest-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The service's HTTP server makes its requests and responses with Express's prototypes already in
 * place (app/http/express-born-requests.ts), so Express's per-request `setPrototypeOf` changes
 * nothing and V8 keeps requests young (bench/README.md, *Stop 24*). Checked where a request enters
 * the server, before Express sees it; Express's own behaviour is the other e2e specs' business.
 */
describe('requests born as Express requests', () => {
  let app: TestApp;
  const seen: { request: boolean; response: boolean }[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    const express = app.nest.getHttpAdapter().getInstance() as Express;
    const server = app.nest.getHttpServer() as Server;
    server.prependListener('request', (req: IncomingMessage, res) => {
      seen.push({ request: Object.getPrototypeOf(req) === express.request, response: Object.getPrototypeOf(res) === express.response });
    });
  });
  afterAll(() => app?.close());

  it('arrive with the application request and response prototypes, and the API answers as before', async () => {
    const api = new RestClient(app.rest, app.adminAuth);
    expect((await api.get('/version')).status).toBe(200);
    expect((await api.get('/task', { assignee: 'nobody' })).body).toEqual([]);
    expect((await api.post('/process-definition/key/no-such-key/start', {})).status).toBe(404);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.every((s) => s.request && s.response)).toBe(true);
  });
});

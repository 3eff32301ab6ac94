import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

/**
 * The measuring ceiling's server (scenario `ceiling`): answers the round trip's three calls with
 * canned JSON from plain node:http, storing nothing, so what the load generator then achieves is the
 * most this machine's setup can measure. Prints its port on standard output once listening.
 */
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const url = req.url ?? '';
    if (req.method === 'POST' && url.endsWith('/start')) return json(res, 200, { id: randomUUID(), ended: false });
    if (req.method === 'GET' && url.includes('/task?')) return json(res, 200, [{ id: randomUUID(), name: 'Qualify lead' }]);
    if (req.method === 'POST' && url.endsWith('/complete')) {
      res.writeHead(204).end();
      return;
    }
    json(res, 404, { type: 'NotFound', message: `no ${req.method} ${url} here` });
  });
});

function json(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});

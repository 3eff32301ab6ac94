import type { Server } from 'node:http';

/**
 * How long the server keeps an idle keep-alive connection open. Node closes it after 5 s; a client
 * pool or proxy that keeps idle connections longer (nginx upstreams and AWS load balancers: 60 s)
 * then sends its next request on a connection the service is closing at that moment, and gets
 * ECONNRESET (or answers 502). Keeping connections longer than those clients do leaves the closing to
 * them. The time allowed for a request's headers (against slow clients) stays Node's own, raised
 * just above the keep-alive when it is shorter, so that timer never cuts an idle connection first.
 *
 * A shutdown must not wait that long: `close()` ends the idle connections at once, but a connection
 * busy at that moment would stay open for the whole keep-alive after its answer. So once closing,
 * the server ends connections as soon as they fall idle (checked every 100 ms).
 */
export function keepIdleConnections(server: Server, idleMs: number): void {
  server.keepAliveTimeout = idleMs;
  if (server.headersTimeout <= idleMs) server.headersTimeout = idleMs + 1_000;
  const close = server.close.bind(server);
  server.close = ((callback?: (error?: Error) => void) => {
    close(callback);
    const sweep = setInterval(() => server.closeIdleConnections(), 100).unref();
    server.once('close', () => clearInterval(sweep));
    return server;
  }) as Server['close'];
}

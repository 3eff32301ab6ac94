/** the part of pg's client this needs: its connection writes each protocol message with its own socket write */
interface PgClientLike {
  readonly connection?: {
    readonly stream?: { cork(): void; uncork(): void };
    parse?: (...args: unknown[]) => unknown;
    bind?: (...args: unknown[]) => unknown;
    __corked?: true;
  };
}

interface PgPoolLike {
  on(event: 'connect', listener: (client: PgClientLike) => void): unknown;
  /** pg's pool keeps its clients here (connected before this was called: the data source's first query) */
  readonly _clients?: readonly PgClientLike[];
}

/**
 * pg sends a prepared statement's Bind, Describe, Execute and Sync (and Parse, the first time) as
 * separate socket writes: on loopback each is a system call and a packet that wakes the database
 * server, four or five per statement. Corking the socket from the statement's first message to the
 * end of the tick sends them as one write (all are written synchronously in one call of pg's
 * `Query.prepare`). Uncorking on the next tick cannot be forgotten, whatever path the query takes.
 */
export function corkStatementWrites(client: PgClientLike): void {
  const connection = client.connection;
  const stream = connection?.stream;
  if (!connection || !stream || connection.__corked) return;
  connection.__corked = true;
  let corked = false;
  const corkOnce = () => {
    if (corked) return;
    corked = true;
    stream.cork();
    process.nextTick(() => {
      corked = false;
      stream.uncork();
    });
  };
  for (const name of ['parse', 'bind'] as const) {
    const send = connection[name];
    if (typeof send !== 'function') continue;
    connection[name] = function corkedSend(this: unknown, ...args: unknown[]) {
      corkOnce();
      return send.apply(this, args);
    };
  }
}

/** every client of the pool, connected now or later */
export function corkPoolStatementWrites(pool: PgPoolLike): void {
  pool.on('connect', (client) => corkStatementWrites(client));
  for (const client of pool._clients ?? []) corkStatementWrites(client);
}

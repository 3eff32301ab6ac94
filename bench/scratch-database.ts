import { Redis } from 'ioredis';
import pg from 'pg';

/** the PostgreSQL server the scratch databases are created on */
export const SERVER_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PREFIX = process.env['BENCH_DATABASE_PREFIX'] ?? 'bench';

export interface ScratchDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** a fresh database per run, dropped afterwards (BENCH_KEEP_DATABASE=true keeps it for EXPLAIN by hand) */
export async function createScratchDatabase(label: string): Promise<ScratchDatabase> {
  const name = `${PREFIX}_${label}_${Date.now()}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      if (process.env['BENCH_KEEP_DATABASE'] === 'true') {
        console.log(`kept database ${name}`);
        return;
      }
      await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await removeQueueKeys(name);
    },
  };
}

/**
 * A checkpoint on the server before a measured run (BENCH_CHECKPOINT=false leaves it out): a
 * checkpoint that falls inside a run (every 5 minutes, or after 1 GB of WAL) writes every dirty
 * page, and the full-page images of the first writes after it swell the WAL; on the 2-core machine
 * that moved a 20 s round-trip run by up to ±15 % (bench/README.md, *Stop 23*).
 */
export async function checkpointBeforeRun(): Promise<void> {
  if (process.env['BENCH_CHECKPOINT'] === 'false') return;
  await onServer('CHECKPOINT');
}

export async function onServer(statement: string): Promise<void> {
  await withClient(SERVER_URL, (client) => client.query(statement));
}

export async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** the job queue's keys in Redis: the service's QUEUE_PREFIX is the database's name */
async function removeQueueKeys(prefix: string): Promise<void> {
  const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } catch {
    // no Redis (PGlite runs): nothing to remove
  } finally {
    redis.disconnect();
  }
}

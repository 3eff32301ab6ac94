import type { Redis } from 'ioredis';
import { withClient } from '../scratch-database.js';
import { sleep } from '../service.js';

const QUEUE = 'engine-jobs';

/**
 * The jobs a killed node leaves behind, taken at the moment of the kill: the rows it had claimed
 * (lock_owner is its worker id) and the rows whose BullMQ delivery was active (taken by some
 * worker) but not claimed by a node that lives on. A job resumes when another node claims its
 * row or the row is gone (run and committed).
 */
export async function orphansOf(databaseUrl: string, redis: Redis, prefix: string, deadWorker: string, liveWorkers: readonly string[]): Promise<string[]> {
  const active = (await redis.lrange(`${prefix}:${QUEUE}:active`, 0, -1)).map((delivery) => delivery.replace(/^copy-/, '').replace(/_\d+$/, ''));
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM engine.job WHERE lock_owner = $1 OR (id = ANY($2::text[]) AND (lock_owner IS NULL OR NOT lock_owner = ANY($3::text[])))`,
      [deadWorker, active, liveWorkers]);
    return rows.map((r) => r.id);
  });
}

/** resolves with the time (ms since epoch) the last of `ids` resumed, polling every 200 ms; or rejects after `timeoutMs` */
export async function lastResumed(databaseUrl: string, ids: readonly string[], deadWorker: string, timeoutMs: number): Promise<number> {
  let waiting = new Set(ids);
  let last = Date.now();
  const deadline = Date.now() + timeoutMs;
  while (waiting.size > 0) {
    if (Date.now() > deadline) throw new Error(`${waiting.size} of ${ids.length} orphaned jobs not resumed within ${timeoutMs / 1000} s: ${[...waiting].slice(0, 5).join(', ')}`);
    try {
      const still = await withClient(databaseUrl, async (client) => (await client.query<{ id: string }>(
        `SELECT id FROM engine.job WHERE id = ANY($1::text[]) AND (lock_owner IS NULL OR lock_owner = $2)`, [[...waiting], deadWorker])).rows.map((r) => r.id));
      if (still.length < waiting.size) last = Date.now();
      waiting = new Set(still);
    } catch {
      // the database is busy or restarting: look again
    }
    if (waiting.size > 0) await sleep(200);
  }
  return last;
}

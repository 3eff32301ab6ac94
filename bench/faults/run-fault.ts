import { Redis } from 'ioredis';
import { createScratchDatabase, withClient, type ScratchDatabase } from '../scratch-database.js';
import { AUTH_HEADER, ServiceProcess, sleep } from '../service.js';
import { DoubleDelivery } from './double-delivery.js';
import { FaultDriver } from './driver.js';
import { faultModels } from './model.js';
import { lastResumed, orphansOf } from './orphans.js';
import { OwnRedis } from './redis-server.js';
import { ResilientClient } from './resilient-client.js';
import { judge, type Verdict } from './verdict.js';

export const FAULTS = ['kill-restart', 'kill-one-of-three', 'queue-wipe', 'redis-restart', 'pg-terminate', 'double-delivery'] as const;
export type FaultName = (typeof FAULTS)[number];

export const FAULT_TITLES: Record<FaultName, string> = {
  'kill-restart': '(a) SIGKILL of the node, restarted',
  'kill-one-of-three': '(b) SIGKILL of one of three nodes, not restarted',
  'queue-wipe': '(c) the queue deleted key by key while running',
  'redis-restart': '(d) Redis restarted (empty)',
  'pg-terminate': '(e) PostgreSQL connections terminated, 3 times',
  'double-delivery': '(f) every BullMQ job delivered twice',
};

const NODES: Record<FaultName, number> = {
  'kill-restart': 1, 'kill-one-of-three': 3, 'queue-wipe': 2, 'redis-restart': 2, 'pg-terminate': 2, 'double-delivery': 2,
};

export interface FaultRunOptions {
  readonly fault: FaultName;
  readonly instances: number;
  /** how fast the instances are started (per second) */
  readonly startsPerSecond: number;
  /** how long every instance may take to complete after the fault began (the done-when: 2 minutes after a kill) */
  readonly completionMs?: number;
  readonly log?: (line: string) => void;
}

export interface FaultFigures {
  readonly fault: FaultName;
  readonly instances: number;
  readonly nodes: number;
  readonly verdict: Verdict;
  /** from the first start to the last completion */
  readonly totalS: number;
  /** from the fault's beginning to the last completion */
  readonly faultToLastCompletionS: number;
  /** kills: how many jobs the dead node left, and when the last of them resumed after the kill */
  readonly orphans?: number;
  readonly killToLastOrphanResumedS?: number;
  /** queue losses: lateness of the timers due after the loss began (s), and of those due before it (what the load alone makes) */
  readonly timerLatenessAfterLossS?: { readonly max: number; readonly p50: number; readonly count: number };
  readonly timerLatenessBeforeLossS?: { readonly max: number; readonly p50: number; readonly count: number };
  /** completed instances per second before, during and after the fault */
  readonly rates: { readonly before: number | null; readonly during: number | null; readonly after: number | null };
  readonly faultWindowS: number;
  /** what the fault itself did, in words (copies made, connections terminated, keys deleted) */
  readonly detail: string;
  /** and as a number: copies, connections, keys (0 for the kills: see orphans) */
  readonly done: number;
  readonly transport: { readonly unreachable: number; readonly unavailable: number; readonly repeats: number };
}

interface Play {
  /** the fault's beginning (ms) */
  readonly at: number;
  /** when it is over: the node is back, the keys are deleted, Redis answers again… (ms) */
  readonly healed: number;
  readonly orphans?: number;
  readonly lastOrphanResumed?: number;
  readonly loss?: boolean;
  readonly detail: string;
  readonly done: number;
}

/** one fault on its own scratch database and queue prefix (and its own Redis for redis-restart) */
export async function runFault(options: FaultRunOptions): Promise<FaultFigures> {
  const log = options.log ?? (() => undefined);
  const { fault, instances } = options;
  const database = await createScratchDatabase(`fault_${fault.replace(/-/g, '_')}`);
  const ownRedis = fault === 'redis-restart' ? await OwnRedis.start() : null;
  const redisUrl = ownRedis?.url ?? process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: true });
  redis.on('error', () => undefined);
  const env = { REDIS_URL: redisUrl };
  const nodes: ServiceProcess[] = [];
  let doubler: DoubleDelivery | null = null;
  let driver: FaultDriver | null = null;
  const client = new ResilientClient(() => nodes.map((n) => n.rest), AUTH_HEADER);
  try {
    for (let i = 0; i < NODES[fault]; i++) nodes.push(await ServiceProcess.start('postgres', { database, env }));
    log(`${fault}: ${nodes.length} node(s) on ${database.name}`);
    await deploy(nodes[0]!);
    if (fault === 'double-delivery') doubler = await DoubleDelivery.start(redisUrl, database.name);

    driver = new FaultDriver(client, { instances, startsPerSecond: options.startsPerSecond });
    const loadStart = Date.now();
    const starting = driver.run();
    // the fault comes while the load runs: 40 % of the instances started, some already completed
    while (driver.started < instances * 0.4 || (await driver.completed()) === 0) await sleep(100);
    log(`${fault}: ${driver.started} started, fault now`);
    const play = await playFault(fault, { nodes, database, redis, env, doubler, ownRedis, log });
    await starting;
    log(`${fault}: all ${instances} started, waiting for completion`);
    // not all completed in time: the verdict below says what is wrong with them
    let incomplete: string | null = null;
    const allDone = await driver.completion(Math.max(0, play.at + (options.completionMs ?? 240_000) - Date.now())).catch((error: Error) => {
      incomplete = error.message;
      return Date.now();
    });
    await driver.stop();
    const healed = fault === 'double-delivery' ? allDone : play.healed;
    const copied = doubler ? await doubler.stop() : null;
    doubler = null;
    const detail = copied ? describeCopies(copied) : play.detail;
    const judged = await judge(client, instances);
    const verdict = incomplete ? { ...judged, problems: [incomplete, ...judged.problems] } : judged;
    const dueAfter = (t: { firedAt: number; lateMs: number }) => t.firedAt - t.lateMs >= play.at;
    return {
      fault, instances, nodes: NODES[fault], verdict,
      totalS: (allDone - loadStart) / 1000,
      faultToLastCompletionS: (allDone - play.at) / 1000,
      ...(play.orphans !== undefined ? { orphans: play.orphans, killToLastOrphanResumedS: ((play.lastOrphanResumed ?? play.at) - play.at) / 1000 } : {}),
      ...(play.loss ? {
        timerLatenessAfterLossS: lateness(verdict.timers.filter(dueAfter)),
        timerLatenessBeforeLossS: lateness(verdict.timers.filter((t) => !dueAfter(t))),
      } : {}),
      rates: {
        before: rate(verdict.endTimes, loadStart, play.at),
        during: rate(verdict.endTimes, play.at, healed),
        after: healed < allDone ? rate(verdict.endTimes, healed, allDone) : null,
      },
      faultWindowS: (healed - play.at) / 1000,
      detail,
      done: copied ? copied.copies : play.done,
      transport: { ...client.errors, repeats: driver.repeats },
    };
  } finally {
    client.abandon();
    await driver?.stop();
    await doubler?.stop();
    for (const node of nodes) await node.stop();
    redis.disconnect();
    await database.drop().catch(() => undefined);
    await ownRedis?.stop();
  }
}

async function deploy(node: ServiceProcess): Promise<void> {
  const form = new FormData();
  form.append('deployment-name', 'faults');
  for (const file of faultModels()) form.append(file.name, new Blob([file.content], { type: 'application/xml' }), file.name);
  const res = await fetch(`${node.rest}/deployment/create`, { method: 'POST', body: form, headers: { authorization: AUTH_HEADER } });
  if (res.status !== 200) throw new Error(`deploy: ${res.status} ${await res.text()}`);
}

interface Stage {
  readonly nodes: ServiceProcess[];
  readonly database: ScratchDatabase;
  readonly redis: Redis;
  readonly env: Record<string, string>;
  readonly doubler: DoubleDelivery | null;
  readonly ownRedis: OwnRedis | null;
  readonly log: (line: string) => void;
}

async function playFault(fault: FaultName, stage: Stage): Promise<Play> {
  switch (fault) {
    case 'kill-restart':
      return kill(stage, true);
    case 'kill-one-of-three':
      return kill(stage, false);
    case 'queue-wipe':
      return wipeQueue(stage);
    case 'redis-restart':
      return restartRedis(stage);
    case 'pg-terminate':
      return terminateConnections(stage);
    case 'double-delivery': {
      const at = Date.now();
      return { at, healed: at, detail: '', done: 0 };
    }
  }
}

/** SIGKILL of the last node; the jobs it left are watched until each is claimed elsewhere or done */
async function kill({ nodes, database, redis, env, log }: Stage, restart: boolean): Promise<Play> {
  const victim = nodes[nodes.length - 1]!;
  const survivors = nodes.slice(0, -1);
  const busy = await whileRunningAJob(database.url, victim.workerId, 10_000);
  await victim.kill();
  const at = Date.now();
  nodes.pop();
  await victim.stop(); // gone already: removes its temporary folder
  const orphans = await orphansOf(database.url, redis, database.name, victim.workerId, survivors.map((n) => n.workerId));
  log(`killed ${victim.workerId} ${busy ? 'while it ran a job' : 'after 10 s without seeing it run a job'}: ${orphans.length} orphaned jobs`);
  const resumed = lastResumed(database.url, orphans, victim.workerId, 180_000);
  let healed = at;
  if (restart) {
    nodes.push(await ServiceProcess.start('postgres', { database, env }));
    healed = Date.now();
    log(`restarted after ${((healed - at) / 1000).toFixed(1)} s`);
  }
  const lastOrphanResumed = await resumed;
  if (!restart) healed = lastOrphanResumed;
  return { at, healed, orphans: orphans.length, lastOrphanResumed, detail: `${orphans.length} orphaned jobs`, done: 0 };
}

/** resolves as soon as the node holds a job row (polling), or after `timeoutMs` whatever it holds: a kill then leaves jobs behind */
async function whileRunningAJob(databaseUrl: string, workerId: string, timeoutMs: number): Promise<boolean> {
  return withClient(databaseUrl, async (client) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM engine.job WHERE lock_owner = $1', [workerId]);
      if (rows[0]!.n > 0) return true;
    }
    return false;
  });
}

/** every key of the queue deleted one at a time, in passes over the queue for 3 s (new keys keep coming) */
async function wipeQueue({ redis, database }: Stage): Promise<Play> {
  const at = Date.now();
  let deleted = 0;
  let passes = 0;
  while (Date.now() - at < 3000) {
    passes++;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${database.name}:*`, 'COUNT', 100);
      cursor = next;
      for (const key of keys) deleted += await redis.del(key);
    } while (cursor !== '0');
    await sleep(20);
  }
  return { at, healed: Date.now(), loss: true, detail: `${deleted} keys deleted in ${passes} passes`, done: deleted };
}

/** our own redis-server killed (it comes back empty: no persistence) and started again 2 s later */
async function restartRedis({ ownRedis }: Stage): Promise<Play> {
  if (!ownRedis) throw new Error('redis-restart runs on a redis-server of its own');
  const at = Date.now();
  await ownRedis.restart(2000);
  return { at, healed: Date.now(), loss: true, detail: 'Redis down 2 s, back empty', done: 1 };
}

/** pg_terminate_backend of every connection to the scratch database, 3 times 2 s apart */
async function terminateConnections({ database }: Stage): Promise<Play> {
  const at = Date.now();
  let terminated = 0;
  for (let round = 0; round < 3; round++) {
    if (round > 0) await sleep(2000);
    terminated += await withClient(database.url, async (client) => (await client.query<{ n: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database.name])).rows[0]!.n);
  }
  return { at, healed: Date.now(), detail: `${terminated} connections terminated`, done: terminated };
}

function describeCopies({ copies, failures }: { copies: number; failures: number }): string {
  return `${copies} deliveries copied${failures > 0 ? ` (${failures} copies failed)` : ''}`;
}

function lateness(timers: readonly { readonly lateMs: number }[]): { max: number; p50: number; count: number } {
  const sorted = timers.map((t) => t.lateMs / 1000).sort((a, b) => a - b);
  return { max: sorted.at(-1) ?? 0, p50: sorted[Math.floor(sorted.length / 2)] ?? 0, count: sorted.length };
}

function rate(endTimes: readonly number[], from: number, to: number): number | null {
  if (to - from < 500) return null;
  return endTimes.filter((t) => t >= from && t < to).length / ((to - from) / 1000);
}

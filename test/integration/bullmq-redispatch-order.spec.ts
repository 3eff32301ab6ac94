import { randomUUID } from 'node:crypto';
import { BullmqDispatcher } from '../../engine/adapters/jobs/bullmq-dispatcher.js';
import { until } from '../support/sql-engine.js';

/**
 * A delivery the reconciler hands over again (its first one lost: a node killed while it held it,
 * a queue wiped) has waited longest already: it goes to the head of the waiting list, not behind
 * the backlog handed over since (the fault suite saw a killed node's job wait behind a node's
 * whole backlog after its lock lapsed).
 */
const withRedis = process.env['REDIS_URL'] ? describe : describe.skip;

withRedis('the order of deliveries handed over again (BullMQ on Redis)', () => {
  let dispatcher: BullmqDispatcher;

  beforeAll(() => {
    dispatcher = new BullmqDispatcher({ backend: { kind: 'redis', url: process.env['REDIS_URL']! }, concurrency: 1, prefix: `order-${randomUUID().slice(0, 8)}` });
  });
  afterAll(async () => {
    await dispatcher.drain().catch(() => undefined);
    await dispatcher.stop();
  });

  it('runs a lost delivery handed over again before the backlog waiting since', async () => {
    const due = new Date(Date.now() - 1000);
    await dispatcher.dispatch(Array.from({ length: 20 }, (_, i) => ({ id: `backlog-${i}`, dueAt: due })));
    // its first delivery was lost: the reconciler finds no record and adds it again
    await dispatcher.redispatch([{ id: 'orphan', dueAt: new Date(Date.now() - 30_000) }]);

    const ran: string[] = [];
    await dispatcher.start(async (jobId) => {
      ran.push(jobId);
    });
    await until(async () => ran.length === 21, 30_000, 'every delivery to run');
    expect(ran[0]).toBe('orphan');
    expect(ran.slice(1)).toEqual(Array.from({ length: 20 }, (_, i) => `backlog-${i}`));
  });
});

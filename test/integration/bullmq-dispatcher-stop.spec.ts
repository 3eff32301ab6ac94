import { randomUUID } from 'node:crypto';
import { BullmqDispatcher } from '../../engine/adapters/jobs/bullmq-dispatcher.js';
import { until } from '../support/sql-engine.js';
import { TcpProxy } from '../support/tcp-proxy.js';

/**
 * A node told to stop while Redis is away (or just back, its clients still reconnecting) must
 * still stop: the job rows are the truth, so nothing is lost by leaving the queue's clients
 * behind. BullMQ's Worker.close() alone can wait forever for a reconnecting client's 'end'.
 */
const withRedis = process.env['REDIS_URL'] ? describe : describe.skip;

withRedis('stopping the BullMQ dispatcher while Redis is unreachable', () => {
  let proxy: TcpProxy;

  beforeEach(async () => {
    proxy = await TcpProxy.to(process.env['REDIS_URL']!, 6379);
  });
  afterEach(async () => {
    await proxy.cut();
  });

  const startedDispatcher = async (): Promise<BullmqDispatcher> => {
    const dispatcher = new BullmqDispatcher({
      backend: { kind: 'redis', url: proxy.through(process.env['REDIS_URL']!) }, concurrency: 2, prefix: `stop-${randomUUID().slice(0, 8)}`,
    });
    await dispatcher.start(async () => undefined);
    // the worker's clients are connected and waiting for deliveries
    await dispatcher.dispatch([{ id: 'warm', dueAt: new Date() }]);
    return dispatcher;
  };
  const stopsWithin = async (dispatcher: BullmqDispatcher, ms: number): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    try {
      return await Promise.race([dispatcher.stop().then(() => true as const), late]);
    } finally {
      clearTimeout(timer);
    }
  };

  it('lets a delivery it is running finish before it stops (Redis up)', async () => {
    const dispatcher = new BullmqDispatcher({
      backend: { kind: 'redis', url: proxy.through(process.env['REDIS_URL']!) }, concurrency: 2, prefix: `stop-${randomUUID().slice(0, 8)}`,
    });
    let started = false;
    let finished = false;
    await dispatcher.start(async () => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      finished = true;
    });
    await dispatcher.dispatch([{ id: 'slow', dueAt: new Date() }]);
    await until(async () => started, 30_000, 'the delivery to start');
    await dispatcher.stop();
    expect(finished).toBe(true);
  }, 60_000);

  it('stops while Redis is down', async () => {
    const dispatcher = await startedDispatcher();
    await proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await stopsWithin(dispatcher, 30_000)).toBe(true);
  }, 60_000);

  it('stops right after Redis came back, its clients still reconnecting', async () => {
    const dispatcher = await startedDispatcher();
    await proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await proxy.restore();
    expect(await stopsWithin(dispatcher, 30_000)).toBe(true);
  }, 60_000);
});

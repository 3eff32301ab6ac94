import { Queue, QueueEvents } from 'bullmq';

const QUEUE = 'engine-jobs';

/**
 * Every BullMQ job delivered twice, from outside the engine: a client on the same queue that,
 * for every job the engine adds (QueueEvents 'added'), adds a copy under another id with the same
 * data and due time. The engine's workers then get each job row twice, at once or later.
 */
export class DoubleDelivery {
  copies = 0;
  private failures = 0;

  private constructor(private readonly queue: Queue, private readonly events: QueueEvents) {}

  static async start(redisUrl: string, prefix: string): Promise<DoubleDelivery> {
    const { hostname, port } = new URL(redisUrl);
    const connection = { host: hostname, port: Number(port || 6379), maxRetriesPerRequest: null };
    const queue = new Queue(QUEUE, { prefix, connection });
    const events = new QueueEvents(QUEUE, { prefix, connection, autorun: false });
    queue.on('error', () => undefined);
    events.on('error', () => undefined);
    const doubler = new DoubleDelivery(queue, events);
    events.on('added', ({ jobId }) => void doubler.copy(jobId));
    void events.run();
    await events.waitUntilReady();
    return doubler;
  }

  private async copy(deliveryId: string): Promise<void> {
    if (deliveryId.startsWith('copy-')) return;
    const match = /^(.*)_(\d+)$/.exec(deliveryId);
    if (!match) return;
    try {
      await this.queue.add('run', { jobId: match[1] }, {
        jobId: `copy-${deliveryId}`, delay: Math.max(0, Number(match[2]) - Date.now()), removeOnComplete: true, removeOnFail: true,
      });
      this.copies++;
    } catch {
      this.failures++;
    }
  }

  async stop(): Promise<{ copies: number; failures: number }> {
    await this.events.close();
    await this.queue.close();
    return { copies: this.copies, failures: this.failures };
  }
}

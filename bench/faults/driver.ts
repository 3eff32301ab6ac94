import { sleep } from '../service.js';
import type { ResilientClient } from './resilient-client.js';
import { EXTERNAL_TOPIC, MAIN_KEY, MESSAGE_NAME, MESSAGE_ACTIVITY, USER_TASK } from './model.js';

/** how many calls one worker loop makes at once */
const PARALLEL = 6;
const PAGE = 50;
const IDLE_MS = 150;
const WORKER_ID = 'fault-driver';

export interface DriverOptions {
  readonly instances: number;
  /** starts per second: the instances arrive over time, so the fault meets some finished, some under way, some not yet started */
  readonly startsPerSecond: number;
  /** starts running at once at most */
  readonly startConcurrency?: number;
}

/**
 * The load of the fault suite: starts `instances` instances of fault_everything (business keys
 * fault-0 …), and meanwhile does what people and workers would: fetches and completes the
 * external tasks, correlates each waiting instance's message by its business key, completes the
 * user tasks. Every loop lists what waits afresh each round, so a call lost to a fault is simply
 * made again (a repeat that finds nothing to do answers 4xx and is ignored); a start that may
 * have committed without an answer is looked up by its business key before it is repeated.
 */
export class FaultDriver {
  private stopped = false;
  private loops: Promise<void>[] = [];
  started = 0;
  /** calls that answered 4xx: another round or a repeat already did it */
  repeats = 0;
  readonly startedAt = Date.now();

  constructor(private readonly client: ResilientClient, private readonly options: DriverOptions) {}

  static businessKey(i: number): string {
    return `fault-${i}`;
  }

  /** starts the instances and the worker loops; resolves when every instance is started */
  async run(): Promise<void> {
    this.loops = [this.loop(() => this.externalTasks()), this.loop(() => this.messages()), this.loop(() => this.userTasks())];
    let nextIndex = 0;
    const begin = Date.now();
    const starter = async () => {
      while (!this.stopped && nextIndex < this.options.instances) {
        const i = nextIndex++;
        await sleep(begin + (i * 1000) / this.options.startsPerSecond - Date.now());
        await this.start(i);
      }
    };
    await Promise.all(Array.from({ length: this.options.startConcurrency ?? 8 }, starter));
  }

  /** how many instances completed so far (history) */
  async completed(): Promise<number> {
    return (await this.client.ok<{ count: number }>('GET', `/history/process-instance/count?processDefinitionKey=${MAIN_KEY}&completed=true`)).count;
  }

  /** waits until every instance completed (from history) or throws after `timeoutMs` */
  async completion(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    let completed = 0;
    while (Date.now() < deadline) {
      completed = await this.completed();
      if (completed >= this.options.instances) return Date.now();
      await sleep(250);
    }
    throw new Error(`${completed} of ${this.options.instances} instances completed within ${timeoutMs / 1000} s`);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
  }

  private async start(i: number): Promise<void> {
    const businessKey = FaultDriver.businessKey(i);
    for (;;) {
      try {
        const answer = await this.client.post(`/process-definition/key/${MAIN_KEY}/start`, { businessKey });
        if (answer.status !== 200) throw new Error(`start ${businessKey}: ${answer.status} ${JSON.stringify(answer.body)}`);
        this.started++;
        return;
      } catch (error) {
        // no answer in time: it may have committed; started once is enough
        const { count } = await this.client.ok<{ count: number }>('GET', `/history/process-instance/count?processDefinitionKey=${MAIN_KEY}&processInstanceBusinessKey=${businessKey}`);
        if (count > 0) {
          this.started++;
          return;
        }
        if (this.stopped) throw error;
      }
    }
  }

  private async loop(round: () => Promise<number>): Promise<void> {
    while (!this.stopped) {
      let done = 0;
      try {
        done = await round();
      } catch {
        // a fault outlasted the client's patience: the next round lists what still waits
      }
      if (done === 0) await sleep(IDLE_MS);
    }
  }

  private async externalTasks(): Promise<number> {
    const locked = await this.client.ok<{ id: string }[]>('POST', '/external-task/fetchAndLock', {
      workerId: WORKER_ID, maxTasks: PAGE, topics: [{ topicName: EXTERNAL_TOPIC, lockDuration: 30_000 }],
    });
    await this.each(locked, (task) => this.client.post(`/external-task/${task.id}/complete`, { workerId: WORKER_ID }));
    return locked.length;
  }

  private async messages(): Promise<number> {
    const waiting = await this.client.ok<{ businessKey: string }[]>('GET', `/process-instance?processDefinitionKey=${MAIN_KEY}&activityIdIn=${MESSAGE_ACTIVITY}&maxResults=${PAGE}`);
    await this.each(waiting, (instance) => this.client.post('/message', { messageName: MESSAGE_NAME, businessKey: instance.businessKey }));
    return waiting.length;
  }

  private async userTasks(): Promise<number> {
    const tasks = await this.client.ok<{ id: string }[]>('GET', `/task?processDefinitionKey=${MAIN_KEY}&taskDefinitionKey=${USER_TASK}&maxResults=${PAGE}`);
    await this.each(tasks, (task) => this.client.post(`/task/${task.id}/complete`, {}));
    return tasks.length;
  }

  private async each<T>(items: readonly T[], act: (item: T) => Promise<{ status: number }>): Promise<void> {
    for (let i = 0; i < items.length; i += PARALLEL) {
      const answers = await Promise.all(items.slice(i, i + PARALLEL).map((item) => act(item).catch(() => ({ status: 599 }))));
      this.repeats += answers.filter((a) => a.status >= 400).length;
    }
  }
}

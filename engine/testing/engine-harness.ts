import type { TaskActor } from '../core/commands/task-writes.js';
import { Engine, type EngineOptions } from '../core/engine.js';
import type { HistoricActivityInstanceRecord, HistoricProcessInstanceRecord } from '../core/execution/history-records.js';
import type { TaskRecord } from '../core/execution/records.js';
import type { ServiceTaskHandler } from '../core/ports/service-task-handler.js';
import { inferTypedValue, toJsValue, type TypedValue } from '../core/variables/index.js';
import { InMemoryEngineStore } from './in-memory-store.js';
import { InlineDispatcher } from './inline-dispatcher.js';
import { ManualClock } from './manual-clock.js';
import { SequentialIds } from './sequential-ids.js';

/** a user working on tasks; `operator`: one who may change any instance variable anyway */
export function user(userId: string, operator = false): TaskActor {
  return { userId, changesAnyVariable: operator };
}

export function typed(values: Record<string, unknown> = {}): Map<string, TypedValue> {
  return new Map(Object.entries(values).map(([name, value]) => [name, inferTypedValue(value, name)]));
}

/** An engine on the in-memory store with a manual clock: deploy, start, complete, advance time. */
export class EngineHarness {
  readonly clock = new ManualClock();
  readonly store = new InMemoryEngineStore(this.clock);
  readonly dispatcher = new InlineDispatcher();
  readonly handlers = new Map<string, ServiceTaskHandler>();
  readonly engine: Engine;

  constructor(options: Pick<EngineOptions, 'batches' | 'limits' | 'monotonicMs' | 'jobLockMs' | 'jobHeartbeat' | 'decisions' | 'expressionGlobals' | 'historyLevel'> = {}) {
    this.engine = new Engine({
      ...options,
      store: this.store,
      dispatcher: this.dispatcher,
      clock: this.clock,
      ids: new SequentialIds(),
      handlers: { handlerFor: (topic) => this.handlers.get(topic) },
      workerId: 'harness',
    });
  }

  async deploy(...xmls: string[]): Promise<void> {
    await this.engine.deploy({
      name: 'spec',
      source: null,
      tenantId: null,
      enableDuplicateFiltering: false,
      deployChangedOnly: false,
      resources: xmls.map((content, i) => ({ name: `model-${i}.bpmn`, content })),
    });
  }

  async start(key: string, variables: Record<string, unknown> = {}, businessKey: string | null = null): Promise<string> {
    const started = await this.engine.startProcessInstance({ definition: { by: 'latest', key }, businessKey, variables: typed(variables) });
    await this.runDueJobs();
    return started.instance.id;
  }

  tasks(instanceId?: string): TaskRecord[] {
    return [...this.store.tasks.values()].filter((t) => !instanceId || t.processInstanceId === instanceId);
  }

  task(instanceId: string, taskDefinitionKey: string): TaskRecord {
    const task = this.tasks(instanceId).find((t) => t.taskDefinitionKey === taskDefinitionKey);
    if (!task) throw new Error(`Expected an open task '${taskDefinitionKey}', but open tasks are: ${this.tasks(instanceId).map((t) => t.taskDefinitionKey).join(', ') || 'none'}`);
    return task;
  }

  /** completes the task; `actor`: the user who does (absent: the application itself) */
  async complete(instanceId: string, taskDefinitionKey: string, variables: Record<string, unknown> = {}, actor: TaskActor | null = null): Promise<void> {
    await this.engine.completeTask({ taskId: this.task(instanceId, taskDefinitionKey).id, variables: typed(variables), actor });
    await this.runDueJobs();
  }

  externalTasks(instanceId?: string) {
    return [...this.store.externalTasks.values()].filter((t) => !instanceId || t.processInstanceId === instanceId);
  }

  /** locks and completes the external task of the activity */
  async completeExternal(instanceId: string, activityId: string, variables: Record<string, unknown> = {}): Promise<void> {
    const task = this.externalTasks(instanceId).find((t) => t.activityId === activityId);
    if (!task) throw new Error(`Expected an external task for '${activityId}', but there is none`);
    await this.engine.fetchAndLockExternalTasks({ workerId: 'w', maxTasks: 100, usePriority: false, topics: [{ topicName: task.topic, lockDurationMs: 60_000 }] });
    await this.engine.completeExternalTask({ id: task.id, workerId: 'w', variables: typed(variables), localVariables: new Map() });
    await this.runDueJobs();
  }

  /** moves the clock and runs every job that has become due (repeatedly, as new ones appear) */
  async advance(ms: number): Promise<void> {
    this.clock.advance(ms);
    await this.runDueJobs();
  }

  async runDueJobs(): Promise<void> {
    for (let round = 0; round < 100; round++) {
      const due = await this.store.findDispatchableJobs(0, 1000);
      if (due.length === 0) return;
      let progressed = false;
      for (const job of due) if ((await this.engine.jobs.execute(job.id)) === 'done') progressed = true;
      if (!progressed) return;
    }
  }

  /**
   * Runs the commands as concurrent requests: each reads the state before any of them commits, so
   * all but one lose the revision check and run again on the winner's state. Each command must
   * start with its engine call (one transaction), as a request does.
   */
  async race(...commands: (() => Promise<unknown>)[]): Promise<PromiseSettledResult<unknown>[]> {
    this.store.raceNextTransactions(commands.length);
    const results = await Promise.allSettled(commands.map((command) => command()));
    await this.runDueJobs();
    return results;
  }

  historicInstance(instanceId: string): HistoricProcessInstanceRecord | undefined {
    return this.store.history.processInstance.get(instanceId) as HistoricProcessInstanceRecord | undefined;
  }

  state(instanceId: string): string | undefined {
    return this.historicInstance(instanceId)?.state;
  }

  /** the activity ids the instance passed, in start order */
  path(instanceId: string): string[] {
    return this.activities(instanceId).map((a) => a.activityId);
  }

  activities(instanceId: string): HistoricActivityInstanceRecord[] {
    return ([...this.store.history.activityInstance.values()] as HistoricActivityInstanceRecord[]).filter((a) => a.processInstanceId === instanceId);
  }

  /** current element ids holding tokens */
  activeElements(instanceId: string): string[] {
    return [...this.store.elements.values()].filter((e) => e.processInstanceId === instanceId && e.kind !== 'process').map((e) => e.elementId).sort();
  }

  variable(instanceId: string, name: string): unknown {
    const v = [...this.store.variables.values()].find((x) => x.processInstanceId === instanceId && x.scopeId === instanceId && x.name === name);
    if (v) return toJsValue(v.value);
    const historic = ([...this.store.history.variable.values()] as { processInstanceId: string; activityInstanceId: string; name: string; value: TypedValue }[])
      .find((x) => x.processInstanceId === instanceId && x.activityInstanceId === instanceId && x.name === name);
    return historic ? toJsValue(historic.value) : undefined;
  }
}

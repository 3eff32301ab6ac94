import { BehaviorRegistry } from '../behaviors/registry.js';
import type { DeployedDecisions } from '../dmn/deployed-decisions.js';
import { fireConditionalEvents } from '../behaviors/shared/conditional-events.js';
import type { DeployedDefinition } from '../definitions/definition-record.js';
import { NotFoundError } from '../errors/index.js';
import type { CrossInstanceEffect } from '../execution/effects.js';
import { ExecutionContext, type ExecutionServices } from '../execution/execution-context.js';
import { InstanceAggregate, type InstanceSnapshot } from '../execution/instance-aggregate.js';
import type { HistoryLevel } from '../execution/history-level.js';
import { UnitOfWork } from '../execution/unit-of-work.js';
import type { Clock } from '../ports/clock.js';
import type { DefinitionRef, EngineTransaction } from '../ports/engine-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { ServiceTaskHandlerRegistry } from '../ports/service-task-handler.js';
import type { ExpressionGlobals } from '../expressions/expression-globals.js';

export interface EngineServices {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly handlers: ServiceTaskHandlerRegistry;
  readonly behaviors: BehaviorRegistry;
  /** DMN resources: parsed at deployment, evaluated by business rule tasks and REST */
  readonly decisions: DeployedDecisions;
  /** host objects the application offers to expressions (none by default) */
  readonly expressionGlobals?: ExpressionGlobals | undefined;
  /** how much history commands write (full when omitted) */
  readonly historyLevel?: HistoryLevel | undefined;
}

/** Carries out one cross-instance effect inside the command's transaction. */
export type EffectRunner = (scope: CommandScope, effect: CrossInstanceEffect) => Promise<void>;

export interface LoadedInstance {
  readonly aggregate: InstanceAggregate;
  readonly definition: DeployedDefinition;
  readonly ctx: ExecutionContext;
}

/**
 * What a command works with inside its transaction: the store, the unit of work, and one
 * execution context per instance it touches (loaded once, shared by every step of the command).
 */
export class CommandScope {
  readonly unit: UnitOfWork;
  readonly effects: CrossInstanceEffect[] = [];
  private readonly loaded = new Map<string, LoadedInstance>();
  /**
   * instances read before the command began (a poller's batch read): used instead of a read of
   * their own; the commit's revision guard rejects one that changed since, and the rerun reads afresh
   */
  private readonly preloaded = new Map<string, InstanceSnapshot>();
  /** a command happens at one instant: timers it arms and times it records agree to the millisecond */
  private readonly instant: Date;
  private readonly execution: ExecutionServices;

  constructor(
    readonly tx: EngineTransaction,
    readonly services: EngineServices,
    private readonly runEffect: EffectRunner,
  ) {
    this.unit = new UnitOfWork(services.historyLevel);
    this.instant = services.clock.now();
    this.execution = { ...services, clock: { now: () => new Date(this.instant.getTime()) } };
  }

  now(): Date {
    return new Date(this.instant.getTime());
  }

  newId(): string {
    return this.services.ids.next();
  }

  async definition(ref: DefinitionRef): Promise<DeployedDefinition | null> {
    return this.tx.findDefinition(ref);
  }

  preload(snapshots: readonly InstanceSnapshot[]): void {
    for (const snapshot of snapshots) this.preloaded.set(snapshot.instance.id, snapshot);
  }

  /** loads an instance (once per command); null if it does not exist */
  async instance(id: string): Promise<LoadedInstance | null> {
    const cached = this.loaded.get(id);
    if (cached) return cached;
    const preloaded = this.preloaded.get(id);
    if (preloaded) {
      this.preloaded.delete(id);
      return this.adoptSnapshot(preloaded);
    }
    return this.adoptSnapshot(await this.tx.loadInstance(id));
  }

  /** loads the instance that owns a task (once per command); null if there is no such task */
  async instanceOfTask(taskId: string): Promise<LoadedInstance | null> {
    for (const loaded of this.loaded.values()) if (loaded.aggregate.tasks.get(taskId)) return loaded;
    return this.adoptSnapshot(await this.tx.loadInstanceOfTask(taskId));
  }

  private async adoptSnapshot(snapshot: InstanceSnapshot | null): Promise<LoadedInstance | null> {
    if (!snapshot) return null;
    const id = snapshot.instance.id;
    const cached = this.loaded.get(id);
    if (cached) return cached;
    const definition = await this.tx.findDefinition({ by: 'id', id: snapshot.instance.definitionId });
    if (!definition) throw new NotFoundError(`Process definition '${snapshot.instance.definitionId}' of instance '${id}' not found`);
    return this.adopt(InstanceAggregate.load(snapshot), definition);
  }

  async requireInstance(id: string): Promise<LoadedInstance> {
    const loaded = await this.instance(id);
    if (!loaded || loaded.aggregate.hasEnded) throw new NotFoundError(`Process instance with id '${id}' does not exist`);
    return loaded;
  }

  /** a new or loaded aggregate joins the unit of work with its execution context */
  adopt(aggregate: InstanceAggregate, definition: DeployedDefinition): LoadedInstance {
    this.unit.track(aggregate);
    const ctx = new ExecutionContext(aggregate, definition, this.unit, this.execution, this.effects);
    const loaded = { aggregate, definition, ctx };
    this.loaded.set(aggregate.id, loaded);
    return loaded;
  }

  loadedInstances(): LoadedInstance[] {
    return [...this.loaded.values()];
  }

  /**
   * runs an instance's agenda, then the conditional events its variable changes fire (again until
   * no more fire), then every cross-instance effect it caused, until all settle. Effects caused
   * while carrying out an effect come before the ones queued earlier, as if each had happened at
   * once (Camunda 7 runs them in place): an instance called two levels down already waits when a
   * signal thrown after its call activity started is delivered.
   */
  async settle(ctx: ExecutionContext): Promise<void> {
    ctx.run();
    fireConditionalEvents(ctx, () => ctx.run());
    while (this.effects.length > 0) {
      const effect = this.effects.shift()!;
      const queuedEarlier = this.effects.splice(0);
      await this.runEffect(this, effect);
      this.effects.push(...queuedEarlier);
    }
  }
}

import { EngineInvariantError } from '../../errors/index.js';
import type { ElementRuntime } from '../../execution/element-runtime.js';
import type { SubscriptionRecord } from '../../execution/records.js';

/**
 * The durable record of what can be compensated: one `compensate` subscription per completed
 * compensable piece of work, owned by the live scope instance that may still compensate it (it goes
 * when that scope ends). Its activityId names what runs on compensation: the handler of a
 * compensation boundary event, or a completed sub-process (or its compensation event sub-process)
 * whose inner work is compensated in turn. The rest lives in the eventName, as the subscription
 * table has no other free column.
 */
export interface CompensationEntry {
  /** the order in which the work completed within the instance: compensation starts the latest first */
  readonly order: number;
  /** the completed element instance whose work is undone */
  readonly instance: string;
  /**
   * the completed sub-process instance this entry was retained with (its "event scope"), compensated
   * only through that sub-process's own entry; null: the entry belongs to its owner directly
   */
  readonly eventScope: string | null;
}

export function compensationEntryOf(subscription: SubscriptionRecord): CompensationEntry {
  try {
    const entry = JSON.parse(subscription.eventName) as Partial<CompensationEntry>;
    if (typeof entry.order === 'number' && typeof entry.instance === 'string') {
      return { order: entry.order, instance: entry.instance, eventScope: typeof entry.eventScope === 'string' ? entry.eventScope : null };
    }
  } catch {
    // not JSON: reported below
  }
  throw new EngineInvariantError(`Expected compensation subscription '${subscription.id}' to describe what it compensates, but its event name is '${subscription.eventName}'`);
}

function eventNameOf(entry: CompensationEntry): string {
  return JSON.stringify({ order: entry.order, instance: entry.instance, eventScope: entry.eventScope });
}

/** every compensation subscription of the instance */
export function compensationSubscriptions(ctx: ElementRuntime): SubscriptionRecord[] {
  return ctx.aggregate.subscriptions.filter((s) => s.type === 'compensate');
}

/** the subscriptions a scope instance can compensate itself (not those retained with a completed sub-process) */
export function directCompensations(ctx: ElementRuntime, ownerId: string): SubscriptionRecord[] {
  return compensationSubscriptions(ctx).filter((s) => s.elementInstanceId === ownerId && compensationEntryOf(s).eventScope === null);
}

/** records that `activityId` runs when the work of `instance` is compensated, for `ownerId` to trigger */
export function addCompensation(ctx: ElementRuntime, ownerId: string, activityId: string, instance: string): SubscriptionRecord {
  const order = 1 + compensationSubscriptions(ctx).reduce((latest, s) => Math.max(latest, compensationEntryOf(s).order), 0);
  return ctx.aggregate.subscriptions.insert({
    id: ctx.newId(),
    type: 'compensate',
    eventName: eventNameOf({ order, instance, eventScope: null }),
    processInstanceId: ctx.aggregate.id,
    elementInstanceId: ownerId,
    activityId,
    definitionId: ctx.definition.record.id,
    created: ctx.now(),
    tenantId: ctx.aggregate.instance.tenantId,
  });
}

/** hands a subscription to another owner, optionally retaining it with (or releasing it from) an event scope */
export function moveCompensation(ctx: ElementRuntime, subscription: SubscriptionRecord, ownerId: string, eventScope: string | null): void {
  const entry = compensationEntryOf(subscription);
  ctx.aggregate.subscriptions.update(subscription.id, { elementInstanceId: ownerId, eventName: eventNameOf({ ...entry, eventScope }) });
}

/** the latest completed first, as compensation runs */
export function latestFirst(subscriptions: readonly SubscriptionRecord[]): SubscriptionRecord[] {
  return [...subscriptions].sort((a, b) => compensationEntryOf(b).order - compensationEntryOf(a).order);
}

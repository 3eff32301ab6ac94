import type { VariableRecord } from './records.js';

export type VariableChangeKind = 'create' | 'update' | 'delete';

export interface VariableChange {
  readonly record: VariableRecord;
  readonly kind: VariableChangeKind;
}

/**
 * The variable writes of one command on one instance, in order, and how far each conditional event
 * subscription has looked at them: a subscription is evaluated only for changes it has not seen,
 * so a change never fires the same event twice. Subscriptions loaded with the instance have seen
 * nothing yet; a subscription opened during the command has seen everything up to its check on entry.
 */
export class VariableChangeLog {
  private readonly changes: VariableChange[] = [];
  private readonly seenUpTo = new Map<string, number>();

  record(change: VariableChange): void {
    this.changes.push(change);
  }

  hasUnseen(subscriptionId: string): boolean {
    return (this.seenUpTo.get(subscriptionId) ?? 0) < this.changes.length;
  }

  /** the changes the subscription has not seen yet; they count as seen from now on */
  takeUnseen(subscriptionId: string): VariableChange[] {
    const unseen = this.changes.slice(this.seenUpTo.get(subscriptionId) ?? 0);
    this.markSeen(subscriptionId);
    return unseen;
  }

  markSeen(subscriptionId: string): void {
    this.seenUpTo.set(subscriptionId, this.changes.length);
  }
}

import { randomUUID } from 'node:crypto';
import type { EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import { RecordEvent } from '../events/record-event.entity.js';
import { RecordChange } from '../timeline/record-change.entity.js';
import type { RecordType } from './record-types.js';

export type FieldChanges = Record<string, [unknown, unknown]>;

/**
 * One CRM transaction: its entity manager (the only connection to use inside it: on the embedded
 * database every other query would wait for this transaction to end), the acting user, and what
 * it records: change-log lines and record events that are applied to the engine after commit.
 */
export class CrmTx {
  readonly emittedEventIds: string[] = [];

  constructor(
    readonly manager: EntityManager,
    readonly actor: string,
  ) {}

  repo<E extends ObjectLiteral>(entity: EntityTarget<E>): Repository<E> {
    return this.manager.getRepository(entity);
  }

  async logChange(recordType: RecordType, recordId: string, action: string, changes: FieldChanges = {}): Promise<void> {
    await this.manager.insert(RecordChange, { recordType, recordId, action, changes: changes as never, actor: this.actor });
  }

  /** an event for the process triggers (see events/process-triggers.config.ts), applied after commit */
  async emit(type: string, recordType: RecordType, recordId: string, variables: Record<string, unknown> = {}): Promise<void> {
    const id = randomUUID();
    await this.manager.insert(RecordEvent, { id, type, recordType, recordId, variables: variables as never, actor: this.actor });
    this.emittedEventIds.push(id);
  }
}

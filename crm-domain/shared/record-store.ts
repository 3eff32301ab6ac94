import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { whereVisible, type ScopedKind } from '../access/record-access.js';
import type { RecordViewer } from '../access/record-viewer.js';
import type { CrmTx } from './crm-tx.js';
import { fieldChanges } from './field-changes.js';
import type { RecordType } from './record-types.js';
import { CrmInvalidRequestError, CrmNotFoundError } from './crm-errors.js';

interface Identified extends ObjectLiteral {
  id: string;
  updatedAt: Date;
}

/** Reads and writes one entity type, logging every change for the record's timeline. */
export class RecordStore<E extends Identified> {
  constructor(
    private readonly entity: EntityTarget<E>,
    /** null: not a timeline record (users, teams, products): changes are still logged by id */
    private readonly recordType: RecordType | null,
    readonly label: string,
    /** whose records they are (see access/record-access.ts); default: the record type */
    private readonly scopedAs: ScopedKind | null = recordType,
  ) {}

  async find(manager: EntityManager, id: string): Promise<E | null> {
    return manager.getRepository(this.entity).findOneBy({ id } as never);
  }

  async get(manager: EntityManager, id: string): Promise<E> {
    const found = await this.find(manager, id);
    if (!found) throw new CrmNotFoundError(`${this.label} with id '${id}' does not exist`);
    return found;
  }

  /** for ids named in a request body: a missing record is the client's mistake (400 naming the field) */
  async referenced(manager: EntityManager, id: string, fieldName: string, viewer?: RecordViewer): Promise<E> {
    const found = viewer ? await this.findVisible(manager, id, viewer) : await this.find(manager, id);
    if (!found) throw new CrmInvalidRequestError(`Invalid request body: '${fieldName}' names no ${this.label.toLowerCase()} ('${id}')`, 'CRM_UNKNOWN_REFERENCE');
    return found;
  }

  /** the record if the viewer may see it: one they may not see is answered like one that does not exist */
  async visible(manager: EntityManager, id: string, viewer: RecordViewer): Promise<E> {
    const found = await this.findVisible(manager, id, viewer);
    if (!found) throw new CrmNotFoundError(`${this.label} with id '${id}' does not exist`);
    return found;
  }

  private async findVisible(manager: EntityManager, id: string, viewer: RecordViewer): Promise<E | null> {
    if (!this.scopedAs) throw new Error(`Expected ${this.label} to be a scoped record kind, but it has none`);
    const qb = manager.getRepository(this.entity).createQueryBuilder('r').where('r.id = :id', { id });
    return whereVisible(qb, this.scopedAs, viewer).getOne();
  }

  async insert(tx: CrmTx, record: E): Promise<E> {
    await tx.repo(this.entity).insert(record as never);
    await this.log(tx, record.id, 'created', fieldChanges({}, withoutBookkeeping(record)));
    return record;
  }

  /** applies the changed fields of `patch`; returns the record as it is now */
  async update(tx: CrmTx, before: E, patch: Partial<E>, action = 'updated'): Promise<E> {
    const changes = fieldChanges(before, patch);
    if (Object.keys(changes).length === 0) return before;
    const changed = Object.fromEntries(Object.keys(changes).map((k) => [k, (patch as Record<string, unknown>)[k]]));
    const updatedAt = new Date();
    await tx.repo(this.entity).update({ id: before.id } as never, { ...changed, updatedAt } as never);
    await this.log(tx, before.id, action, changes);
    return { ...before, ...changed, updatedAt };
  }

  async remove(tx: CrmTx, record: E): Promise<void> {
    await tx.repo(this.entity).delete({ id: record.id } as never);
    await this.log(tx, record.id, 'deleted', {});
  }

  private async log(tx: CrmTx, id: string, action: string, changes: Record<string, [unknown, unknown]>): Promise<void> {
    await tx.logChange((this.recordType ?? this.label.toLowerCase()) as RecordType, id, action, changes);
  }
}

function withoutBookkeeping(record: ObjectLiteral): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, id: _i, ...rest } = record as Record<string, unknown>;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null && v !== undefined));
}

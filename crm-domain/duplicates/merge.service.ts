import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RecordViewer } from '../access/record-viewer.js';
import { companies } from '../companies/companies.service.js';
import { contacts } from '../companies/contacts.service.js';
import { leads } from '../leads/leads.service.js';
import { CrmDatabase } from '../shared/crm-database.js';
import { CrmConflictError, CrmForbiddenError, CrmInvalidRequestError } from '../shared/crm-errors.js';
import type { CrmTx } from '../shared/crm-tx.js';
import type { RecordStore } from '../shared/record-store.js';
import { returnedRows } from '../shared/sql-rows.js';
import { DUPLICATE_TABLES, DUPLICATE_TYPES, type DuplicateType } from './duplicate-rules.js';
import { MERGE_REFERENCES } from './merge-references.js';
import { mergedValues, type FieldChoice } from './merge-fields.js';

interface Mergeable {
  id: string;
  updatedAt: Date;
  ownerId: string | null;
  archivedAt: Date | null;
  mergedInto?: string | null;
}

const STORES: Readonly<Record<DuplicateType, RecordStore<Mergeable>>> = {
  company: companies as unknown as RecordStore<Mergeable>,
  contact: contacts as unknown as RecordStore<Mergeable>,
  lead: leads as unknown as RecordStore<Mergeable>,
};

export interface MergeRequest {
  readonly duplicateId: string;
  /** what the kept record takes from the duplicate, by field (merge-fields.ts) */
  readonly fields?: Readonly<Record<string, FieldChoice>>;
}

export interface MergeResult {
  readonly kept: Mergeable;
  readonly duplicate: Mergeable;
  /** how many records moved to the kept one, by kind (contacts, deals, leads, complaints, activities) */
  readonly moved: Record<string, number>;
}

/**
 * Merges a duplicate into the record kept, in one transaction: the records naming the duplicate
 * (MERGE_REFERENCES) and the activities about it move to the kept record, each with a change
 * entry; the kept record takes the field values chosen from the duplicate (merge-fields.ts); the
 * duplicate is archived with `mergedInto`; both get a `merged` change entry. The
 * duplicate's change history and process instances stay its own: the kept record's timeline
 * reads them through `merged_into` (merged-records.ts). Process instances whose business key is
 * the duplicate keep running on it.
 */
@Injectable()
export class MergeService {
  constructor(private readonly db: CrmDatabase) {}

  merge(actor: string, type: DuplicateType, keptId: string, request: MergeRequest, viewer: RecordViewer): Promise<MergeResult> {
    const { duplicateId, fields = {} } = request;
    if (keptId === duplicateId) throw new CrmInvalidRequestError(`Invalid request body: 'duplicateId' is the ${type} itself: a record cannot be merged into itself`);
    const store = STORES[type];
    return this.db.transaction(actor, async (tx) => {
      // one merge at a time per pair: a second one waits and then finds the duplicate archived
      await tx.manager.query(`SELECT id FROM ${DUPLICATE_TABLES[type].table} WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [[keptId, duplicateId]]);
      const kept = await store.visible(tx.manager, keptId, viewer);
      const duplicate = await this.duplicateOf(tx.manager, type, duplicateId, viewer);
      checkMergeable(type, kept, duplicate, viewer);
      const taken = mergedValues(type, kept as unknown as Record<string, unknown>, duplicate as unknown as Record<string, unknown>, fields);

      const moved: Record<string, number> = {};
      for (const ref of MERGE_REFERENCES[type]) {
        moved[ref.moved] = await repoint(tx, ref.table, ref.column, ref.recordType, ref.field, duplicate.id, kept.id);
      }
      moved['activities'] = returnedRows(await tx.manager.query(
        `UPDATE crm.activities SET record_id = $1, updated_at = clock_timestamp() WHERE record_type = $2 AND record_id = $3 RETURNING id`,
        [kept.id, type, duplicate.id],
      )).length;
      // records merged into the duplicate before are now merged into the kept one (the link stays one level)
      await tx.manager.query(`UPDATE ${DUPLICATE_TABLES[type].table} SET merged_into = $1 WHERE merged_into = $2`, [kept.id, duplicate.id]);

      const archived = await store.update(tx, duplicate, { mergedInto: kept.id, archivedAt: new Date() }, 'merged');
      // the values taken from the duplicate are an ordinary change of the kept record, logged field by field
      const updated = await store.update(tx, kept, taken as Partial<Mergeable>);
      await tx.logChange(type, kept.id, 'merged', { mergedFrom: [null, duplicate.id], ...Object.fromEntries(Object.entries(moved).filter(([, n]) => n > 0).map(([kind, n]) => [`moved ${kind}`, [null, n]])) });
      return { kept: updated, duplicate: archived, moved };
    });
  }

  /** the duplicate as the caller sees it; an id of another mergeable type is named as such */
  private async duplicateOf(manager: EntityManager, type: DuplicateType, id: string, viewer: RecordViewer): Promise<Mergeable> {
    const found = await STORES[type].referenced(manager, id, 'duplicateId', viewer).catch(async (error: unknown) => {
      for (const other of DUPLICATE_TYPES.filter((t) => t !== type)) {
        const asOther = await STORES[other].visible(manager, id, viewer).catch(() => null);
        if (asOther) throw new CrmConflictError(`'duplicateId' names a ${other}, not a ${type}: only records of one type merge`, 'CRM_MERGE_REFUSED');
      }
      throw error;
    });
    return found;
  }
}

function checkMergeable(type: DuplicateType, kept: Mergeable, duplicate: Mergeable, viewer: RecordViewer): void {
  if (kept.archivedAt) throw new CrmConflictError(`The ${type} kept ('id') is archived${kept.mergedInto ? ` (merged into '${kept.mergedInto}')` : ''}: merge into a live ${type}`, 'CRM_MERGE_REFUSED');
  if (duplicate.archivedAt) throw new CrmConflictError(`The ${type} named by 'duplicateId' is archived${duplicate.mergedInto ? ` (merged into '${duplicate.mergedInto}' already)` : ''}`, 'CRM_MERGE_REFUSED');
  // a merge changes both records for good: whoever may change any record, or the owner of both
  const ownsBoth = kept.ownerId === viewer.userId && duplicate.ownerId === viewer.userId;
  if (viewer.records !== 'all' && !ownsBoth) {
    throw new CrmForbiddenError(`${viewer.label} may not merge these ${type === 'company' ? 'companies' : `${type}s`}: that takes the owner of both, a director or an admin`, 'CRM_MERGE_FORBIDDEN');
  }
}

/** moves `table.column` from the duplicate to the kept record, with a change entry on each moved record; how many moved */
async function repoint(tx: CrmTx, table: string, column: string, recordType: string, field: string, from: string, to: string): Promise<number> {
  const rows = returnedRows<{ count: number | string }>(await tx.manager.query(
    `WITH moved AS (UPDATE ${table} SET ${column} = $1, updated_at = clock_timestamp() WHERE ${column} = $2 RETURNING id),
          logged AS (INSERT INTO crm.record_changes (record_type, record_id, action, changes, actor)
                     SELECT $3, id, 'updated', jsonb_build_object($4::text, jsonb_build_array($2::text, $1::text)), $5 FROM moved RETURNING 1)
     SELECT count(*) AS count FROM logged`,
    [to, from, recordType, field, tx.actor],
  ));
  return Number(rows[0]?.count ?? 0);
}

import type { EntityManager } from 'typeorm';
import { isUuid } from '../shared/record-types.js';
import { ownerReached, positionalBind } from './record-access.js';
import type { RecordViewer } from './record-viewer.js';
import { CrmForbiddenError } from '../shared/crm-errors.js';

/**
 * Who a record may be given to: managers own what they create and give nothing away; heads give
 * records to themselves and their team's active members; directors and admins to anyone. The
 * system (process handlers, record events, the web form) is not bound by these rules.
 */
export async function ownerOfNew(manager: EntityManager, viewer: RecordViewer, named: string | null | undefined, field: string, what: string): Promise<string | null> {
  if (viewer.records === 'all') return named ?? null;
  if (named === undefined || named === null) return isUuid(viewer.userId) ? viewer.userId : null;
  if (named !== viewer.userId) await assertReached(manager, viewer, named, field, what);
  return named;
}

/** a change of owner (`after` undefined: unchanged) by someone who sees the record */
export async function checkOwnerChange(manager: EntityManager, viewer: RecordViewer, before: string | null, after: string | null | undefined, field: string, what: string): Promise<void> {
  if (after === undefined || after === before || viewer.records === 'all') return;
  if (viewer.records !== 'team') throw refusal(viewer, field, `may not give a ${what} to someone else`, 'a head (within their team), director or admin');
  if (after === null) throw refusal(viewer, field, `may not leave a ${what} without an owner`, 'a director or admin');
  await assertReached(manager, viewer, after, field, what);
}

async function assertReached(manager: EntityManager, viewer: RecordViewer, userId: string, field: string, what: string): Promise<void> {
  if (viewer.records === 'team') {
    const params: unknown[] = [];
    const bind = positionalBind(params);
    const rows = (await manager.query(`SELECT 1 AS reached WHERE ${ownerReached(`${bind(userId)}::uuid`, viewer, bind)}`, params)) as unknown[];
    if (rows.length > 0) return;
    throw refusal(viewer, field, `may not give a ${what} to someone outside their team`, 'a director or admin');
  }
  throw refusal(viewer, field, `may not give a ${what} to someone else`, 'a head (within their team), director or admin');
}

function refusal(viewer: RecordViewer, field: string, what: string, who: string): CrmForbiddenError {
  return new CrmForbiddenError(`${viewer.label} ${what} ('${field}'): that takes ${who}`, 'CRM_OWNER_REFUSED');
}

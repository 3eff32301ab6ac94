import type { BusinessKeyRecords } from '../../engine/adapters/typeorm/queries/instance-visibility.js';
import type { Viewer } from '../../engine/core/ports/engine-queries.js';
import type { RecordScope } from '../auth/roles.js';
import { isUuid } from '../shared/record-types.js';
import { visibleRecordId } from './record-access.js';
import type { RecordViewer } from './record-viewer.js';

const SCOPES: readonly RecordScope[] = ['none', 'own', 'team', 'all'];

function recordViewer(viewer: Viewer): RecordViewer {
  const records = SCOPES.find((scope) => scope === viewer.records) ?? 'none';
  return { userId: viewer.userId, groups: viewer.groups, records, label: viewer.userId };
}

/**
 * The CRM's records behind business keys, for the engine's instance visibility (set in the
 * composition root): a process instance about a record is visible to whoever sees the record,
 * and a process can only be started on a record (a UUID business key) one sees.
 */
export const crmBusinessKeys: BusinessKeyRecords = {
  visibleKey: (keyUuid, viewer, bind) => visibleRecordId(keyUuid, recordViewer(viewer), bind),
  isRecordKey: isUuid,
};

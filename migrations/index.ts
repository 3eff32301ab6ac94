import { EngineSchema1763900000000 } from './1763900000000-engine-schema.js';
import { CrmSchema1763900100000 } from './1763900100000-crm-schema.js';
import { TaskComments1763900200000 } from './1763900200000-task-comments.js';
import { Sessions1763900300000 } from './1763900300000-sessions.js';
import { Batches1763900400000 } from './1763900400000-batches.js';
import { CamundaForms1763900500000 } from './1763900500000-camunda-forms.js';
import { HistoryTimeIndexes1763900600000 } from './1763900600000-history-time-indexes.js';
import { Credentials1763900700000 } from './1763900700000-credentials.js';
import { AuditLog1763900800000 } from './1763900800000-audit-log.js';
import { TaskHistoryCandidates1763900860000 } from './1763900860000-task-history-candidates.js';
import { RequestedDiscount1763900870000 } from './1763900870000-requested-discount.js';
import { RecordAccess1763900900000 } from './1763900900000-record-access.js';
import { UnassignedTaskGroupsIndex1763901300000 } from './1763901300000-unassigned-task-groups-index.js';
import { Decisions1763901400000 } from './1763901400000-decisions.js';
import { StatisticsCounts1763901500000 } from './1763901500000-statistics-counts.js';
import { CrmRoutingFields1763901600000 } from './1763901600000-crm-routing-fields.js';
import { WorkingCalendars1763901700000 } from './1763901700000-working-calendars.js';
import { Duplicates1763901710000 } from './1763901710000-duplicates.js';
import { Imports1763901720000 } from './1763901720000-imports.js';
import { CrmWorkspace1763901730000 } from './1763901730000-crm-workspace.js';
import { CrmWork1763901740000 } from './1763901740000-crm-work.js';
import { DuplicateIndexFastupdate1763901770000 } from './1763901770000-duplicate-index-fastupdate.js';
import { DuplicateNameByCity1763901780000 } from './1763901780000-duplicate-name-by-city.js';
import { ImportAttempts1763901790000 } from './1763901790000-import-attempts.js';
import { ApiKeyTopics1763901800000 } from './1763901800000-api-key-topics.js';
import { ContactRecordIndexes1763901810000 } from './1763901810000-contact-record-indexes.js';

/** Every migration, oldest first. Append only: a shipped migration is never edited. */
export const migrations = [
  EngineSchema1763900000000, CrmSchema1763900100000, TaskComments1763900200000, Sessions1763900300000, Batches1763900400000,
  CamundaForms1763900500000, HistoryTimeIndexes1763900600000, Credentials1763900700000, AuditLog1763900800000,
  TaskHistoryCandidates1763900860000, RequestedDiscount1763900870000, RecordAccess1763900900000,
  UnassignedTaskGroupsIndex1763901300000, Decisions1763901400000, StatisticsCounts1763901500000,
  CrmRoutingFields1763901600000,
  WorkingCalendars1763901700000, Duplicates1763901710000, Imports1763901720000, CrmWorkspace1763901730000, CrmWork1763901740000,
  DuplicateIndexFastupdate1763901770000, DuplicateNameByCity1763901780000, ImportAttempts1763901790000,
  ApiKeyTopics1763901800000, ContactRecordIndexes1763901810000,
];

import { CRM_FEATURES } from './crm-features.js';
import { RecordEvent } from './events/record-event.entity.js';
import { HandlerRun } from './handlers/handler-run.entity.js';
import { OutboxMessage } from './notifications/outbox-message.entity.js';
import { RecordChange } from './timeline/record-change.entity.js';

/** every TypeORM entity of the CRM (tables in schema `crm`), registered with the engine's DataSource */
export const crmEntities = [...CRM_FEATURES.flatMap((feature) => feature.entities), RecordChange, RecordEvent, OutboxMessage, HandlerRun];

import { Activity } from './activities/activity.entity.js';
import { Company } from './companies/company.entity.js';
import { Contact } from './companies/contact.entity.js';
import { Complaint } from './complaints/complaint.entity.js';
import { Deal } from './deals/deal.entity.js';
import { DealProduct, Product } from './deals/product.entity.js';
import { RecordEvent } from './events/record-event.entity.js';
import { HandlerRun } from './handlers/handler-run.entity.js';
import { Lead } from './leads/lead.entity.js';
import { OutboxMessage } from './notifications/outbox-message.entity.js';
import { RecordChange } from './timeline/record-change.entity.js';
import { Team } from './users/team.entity.js';
import { User } from './users/user.entity.js';

/** every TypeORM entity of the CRM (tables in schema `crm`), registered with the engine's DataSource */
export const crmEntities = [
  Team, User, Company, Contact, Lead, Product, DealProduct, Deal, Activity, Complaint,
  RecordChange, RecordEvent, OutboxMessage, HandlerRun,
];

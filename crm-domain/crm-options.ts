import type { ComplaintPriority } from './complaints/complaint.entity.js';
import { DEFAULT_PROCESS_TRIGGERS } from './events/process-triggers.config.js';
import type { ProcessTrigger } from './events/process-trigger.js';
import { DEFAULT_IMPORT_EXPORT_OPTIONS, type ImportExportOptions } from './import/import-options.js';

/** Business rules and switches of the CRM; defaults below, overridden by CrmModule.forRoot. */
export interface CrmOptions {
  /** seed demo users, companies, deals, ... when the CRM is empty */
  readonly seedDemo: boolean;
  /** the password of every demo user */
  readonly demoPassword: string;
  /** smtp(s):// URL: mail in the outbox is sent; unset, mail stays in the outbox */
  readonly smtpUrl?: string | undefined;
  readonly mailFrom: string;
  /** crm.notify may write to these addresses and `@domain`s besides CRM users and the record's customer (lower case) */
  readonly notifyAllowedRecipients: readonly string[];
  /**
   * crm.lead.assign without a `level` input (a model that does not ask the routing table): leads with
   * an estimated amount at or over this go to senior managers. The reference lead-routing asks
   * processes/lead-routing.dmn instead; deal approvals follow processes/deal-approval.dmn.
   */
  readonly seniorLeadThreshold: number;
  /**
   * SLA per complaint priority as an ISO 8601 duration: the provisional due time written at
   * registration. complaint-sla then asks processes/complaint-sla.dmn, whose answer sets the due
   * time and the timers (crm.complaint.setSla); keep the two alike.
   */
  readonly sla: Readonly<Record<ComplaintPriority, string>>;
  /** the reminder share of the provisional terms (0.75: 3 h into a 4 h SLA); the process takes complaint-sla.dmn's */
  readonly reminderShare: number;
  /** the time zone of the default working calendar (Mon–Fri 9–18) of teams without their own */
  readonly calendarTimeZone: string;
  readonly publicForm: { readonly limit: number; readonly ttlMs: number; readonly maxBytes: number };
  /**
   * activities' reminders: `minutesBefore` the due time when an activity names none (0: none), and
   * how often the sweep looks for reminders due (activities/activity-reminders.ts)
   */
  readonly activityReminders: { readonly minutesBefore: number; readonly sweepMs: number };
  /** how often record events not yet applied to the engine are retried */
  readonly eventSweepMs: number;
  /** which record event starts which process or correlates which message */
  readonly triggers: readonly ProcessTrigger[];
  /** the folder of the reference BPMN models deployed at start */
  readonly processesDir?: string | undefined;
  /** import and export limits (crm-domain/import/import-options.ts) */
  readonly importExport: ImportExportOptions;
}

export const CRM_OPTIONS = Symbol('CRM_OPTIONS');

export const DEFAULT_CRM_OPTIONS: CrmOptions = {
  seedDemo: false,
  demoPassword: 'demo-password',
  mailFrom: 'crm@localhost',
  notifyAllowedRecipients: [],
  seniorLeadThreshold: 100_000,
  sla: { urgent: 'PT4H', high: 'P1D', normal: 'P3D', low: 'P5D' },
  reminderShare: 0.75,
  calendarTimeZone: 'UTC',
  publicForm: { limit: 10, ttlMs: 60_000, maxBytes: 8 * 1024 },
  activityReminders: { minutesBefore: 15, sweepMs: 30_000 },
  eventSweepMs: 5_000,
  triggers: DEFAULT_PROCESS_TRIGGERS,
  importExport: DEFAULT_IMPORT_EXPORT_OPTIONS,
};

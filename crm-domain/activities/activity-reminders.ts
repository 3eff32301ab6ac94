import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CRM_OPTIONS, type CrmOptions } from '../crm-options.js';
import { OutboxMessage } from '../notifications/outbox-message.entity.js';
import { OutboxRelay } from '../notifications/outbox-relay.js';
import { CrmDatabase } from '../shared/crm-database.js';
import { MAX_REMIND_BEFORE_MINUTES } from './activity-schemas.js';

/** reminders claimed per sweep transaction */
const BATCH = 100;

/** when the owner is reminded: `minutes` (the activity's, else the default) before the due time; null for none */
export function remindAt(dueAt: Date | null, remindBefore: number | null, defaultMinutes: number): Date | null {
  const minutes = remindBefore ?? defaultMinutes;
  if (!dueAt || minutes <= 0) return null;
  return new Date(new Date(dueAt).getTime() - minutes * 60_000);
}

interface DueReminder {
  id: string;
  kind: string;
  subject: string;
  due_at: Date;
  record_type: string | null;
  record_id: string | null;
  email: string | null;
  name: string | null;
}

/**
 * Reminds activities' owners before the due time, through the outbox. A reminder is due when its
 * time has come and the activity is neither done nor past due (a reminder missed while every node
 * was down is not sent late: the activity shows as overdue instead). Each one is sent once: the
 * sweep locks the activities it takes (other nodes skip them) and writes a row per activity and due
 * time in the same transaction as the message, so a second sweep, node or restart finds it sent.
 * Moving the due time makes a new reminder due.
 */
@Injectable()
export class ActivityReminderSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('CrmReminders');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(
    private readonly db: CrmDatabase,
    private readonly relay: OutboxRelay,
    @Inject(CRM_OPTIONS) private readonly options: Pick<CrmOptions, 'activityReminders'>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.nudge(), this.options.activityReminders.sweepMs);
    this.timer.unref();
    this.nudge();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private nudge(): void {
    if (this.running || this.stopped) return;
    this.running = this.sweep()
      .catch((error: unknown) => {
        this.log.warn(`Reminder sweep failed, tried again later: ${(error as Error).message}`);
        return 0;
      })
      .finally(() => (this.running = null));
  }

  /** sends the reminders due at `now`; returns how many messages it wrote */
  async sweep(now: Date = new Date()): Promise<number> {
    let written = 0;
    for (;;) {
      const { claimed, sent } = await this.sweepBatch(now);
      written += sent;
      if (claimed < BATCH || this.stopped) break;
    }
    if (written > 0) this.relay.nudge();
    return written;
  }

  private sweepBatch(now: Date): Promise<{ claimed: number; sent: number }> {
    return this.db.transaction('system', async (tx) => {
      // remind_at > now - a week is implied by due_at > now (remindBefore is at most a week): it bounds the index range
      const due = (await tx.manager.query(
        `SELECT a.id, a.kind, a.subject, a.due_at, a.record_type, a.record_id, u.email, u.name
         FROM crm.activities a LEFT JOIN crm.users u ON u.id = a.owner_id AND u.active
         WHERE NOT a.done AND a.remind_at IS NOT NULL AND a.remind_at <= $1 AND a.remind_at > $1::timestamptz - make_interval(mins => $2)
           AND a.due_at > $1
           AND NOT EXISTS (SELECT 1 FROM crm.activity_reminders r WHERE r.activity_id = a.id AND r.due_at = a.due_at)
         ORDER BY a.remind_at LIMIT ${BATCH}
         FOR UPDATE OF a SKIP LOCKED`,
        [now, MAX_REMIND_BEFORE_MINUTES],
      )) as DueReminder[];
      let sent = 0;
      for (const activity of due) {
        const outboxId = activity.email ? randomUUID() : null;
        const marked = (await tx.manager.query(
          `INSERT INTO crm.activity_reminders (activity_id, due_at, outbox_id, sent_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING RETURNING activity_id`,
          [activity.id, activity.due_at, outboxId, now],
        )) as unknown[];
        if (marked.length === 0 || !outboxId || !activity.email) continue;
        await tx.manager.insert(OutboxMessage, {
          id: outboxId,
          channel: 'email',
          recipient: activity.email,
          subject: `Reminder: ${activity.subject}`,
          body: `Hello ${activity.name ?? ''},\n\nyour ${activity.kind} "${activity.subject}" is due at ${new Date(activity.due_at).toISOString()}.`,
          recordType: activity.record_type,
          recordId: activity.record_id,
          status: this.relay.delivering ? 'pending' : 'outbox',
          lastError: null,
        });
        sent++;
      }
      return { claimed: due.length, sent };
    });
  }
}

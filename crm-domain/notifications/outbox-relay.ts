import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { CRM_OPTIONS, type CrmOptions } from '../crm-options.js';
import { CrmDatabase } from '../shared/crm-database.js';
import { returnedRows } from '../shared/sql-rows.js';

const MAX_ATTEMPTS = 5;
const DRAIN_EVERY_MS = 15_000;
/** how long a claimed message is left to its sender before another relay may try it */
const SEND_LEASE_SECONDS = 120;

interface PendingMail {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
}

/**
 * Sends the outbox over SMTP when SMTP_URL is configured (messages are written as `pending`);
 * without it, messages are written as `outbox` and stay there. Each message is leased to one
 * sender while it is sent; a sender that dies leaves it to another after the lease (at least once).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('CrmMail');
  private transport: Transporter | null;
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly db: CrmDatabase,
    @Inject(CRM_OPTIONS) private readonly options: CrmOptions,
  ) {
    this.transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  }

  /** whether new messages should be queued for sending */
  get delivering(): boolean {
    return this.transport !== null;
  }

  /** for tests and other transports (nodemailer's jsonTransport, ...) */
  useTransport(transport: Transporter | null): void {
    this.transport = transport;
  }

  onApplicationBootstrap(): void {
    if (!this.transport) {
      this.log.log('Mail: outbox only (SMTP_URL not set)');
      return;
    }
    this.log.log(`Mail: SMTP at ${new URL(this.options.smtpUrl!).host}`);
    this.timer = setInterval(() => this.nudge(), DRAIN_EVERY_MS);
    this.timer.unref();
    this.nudge();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.draining;
    this.transport?.close();
  }

  /** sends what is pending now, in the background */
  nudge(): void {
    void this.drain();
  }

  /** sends what is pending now; joins a drain already running (one at a time per node) */
  drain(): Promise<void> {
    if (!this.transport || this.stopped) return Promise.resolve();
    this.draining ??= this.sendAll().finally(() => (this.draining = null));
    return this.draining;
  }

  private async sendAll(): Promise<void> {
    try {
      for (let mail = await this.claim(); mail && !this.stopped; mail = await this.claim()) await this.send(mail);
    } catch (error) {
      this.log.warn(`Outbox relay stopped early: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async claim(): Promise<PendingMail | undefined> {
    const [row] = returnedRows<PendingMail>(await this.db.dataSource.query(
      `UPDATE crm.outbox SET attempts = attempts + 1, locked_until = clock_timestamp() + ($2 || ' seconds')::interval
       WHERE id = (
         SELECT id FROM crm.outbox
         WHERE status = 'pending' AND attempts < $1 AND (locked_until IS NULL OR locked_until < clock_timestamp())
         ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING id, recipient, subject, body, attempts`,
      [MAX_ATTEMPTS, String(SEND_LEASE_SECONDS)],
    ));
    return row;
  }

  private async send(mail: PendingMail): Promise<void> {
    try {
      await this.transport!.sendMail({ from: this.options.mailFrom, to: mail.recipient, subject: mail.subject, text: mail.body });
      await this.db.query(`UPDATE crm.outbox SET status = 'sent', sent_at = clock_timestamp(), last_error = NULL, locked_until = NULL WHERE id = $1`, [mail.id]);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // the next attempt after a pause that grows with each failure (1, 2, 4, 8 minutes)
      await this.db.query(
        `UPDATE crm.outbox SET last_error = $2, status = CASE WHEN attempts >= $3 THEN 'failed' ELSE 'pending' END,
           locked_until = clock_timestamp() + (60 * 2 ^ (attempts - 1) || ' seconds')::interval
         WHERE id = $1`,
        [mail.id, message, MAX_ATTEMPTS],
      );
    }
  }
}

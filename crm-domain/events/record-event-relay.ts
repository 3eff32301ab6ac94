import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CRM_OPTIONS, type CrmOptions } from '../crm-options.js';
import { CrmDatabase } from '../shared/crm-database.js';
import { returnedRows } from '../shared/sql-rows.js';
import { ProcessTriggerExecutor, type PendingEvent } from './process-trigger.executor.js';

const CLAIM_SECONDS = 60;
const MAX_ATTEMPTS = 10;

interface EventRow {
  id: string;
  type: string;
  record_type: string;
  record_id: string;
  variables: Record<string, unknown>;
  actor: string;
  attempts: number;
}

/**
 * Hands committed record events to the process triggers: right after the commit that wrote them,
 * and again from a periodic sweep for any the service could not apply (engine down, crash between
 * commit and start). Each event is claimed before it is applied, so two nodes never both apply it.
 */
@Injectable()
export class RecordEventRelay implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('CrmEvents');
  private timer: NodeJS.Timeout | null = null;
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly db: CrmDatabase,
    private readonly executor: ProcessTriggerExecutor,
    @Inject(CRM_OPTIONS) private readonly options: CrmOptions,
  ) {}

  onModuleInit(): void {
    // after commit the record is safe: a failure here is logged and left to the sweep, never thrown
    this.db.onCommitted((ids) => this.track(this.processAll(ids).catch((error: unknown) => this.log.warn(`Record events left for the sweep: ${describe(error)}`))));
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.track(this.sweep()), this.options.eventSweepMs);
    this.timer.unref();
    void this.track(this.sweep());
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([...this.running]);
  }

  /** applies events not yet processed whose claim lapsed (also used by tests to flush) */
  async sweep(): Promise<void> {
    if (this.stopped) return;
    try {
      const rows = await this.db.query<{ id: string }>(
        `SELECT id FROM crm.record_events
         WHERE processed_at IS NULL AND (claimed_until IS NULL OR claimed_until < clock_timestamp())
         ORDER BY created_at LIMIT 100`,
      );
      await this.processAll(rows.map((r) => r.id));
    } catch (error) {
      this.log.warn(`Record event sweep failed: ${describe(error)}`);
    }
  }

  private async processAll(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      if (this.stopped) return;
      await this.processOne(id);
    }
  }

  private async processOne(id: string): Promise<void> {
    const [row] = returnedRows<EventRow>(await this.db.dataSource.query(
      `UPDATE crm.record_events SET claimed_until = clock_timestamp() + interval '${CLAIM_SECONDS} seconds', attempts = attempts + 1
       WHERE id = $1 AND processed_at IS NULL AND (claimed_until IS NULL OR claimed_until < clock_timestamp())
       RETURNING id, type, record_type, record_id, variables, actor, attempts`,
      [id],
    ));
    if (!row) return;
    const event: PendingEvent = { id: row.id, type: row.type, recordType: row.record_type, recordId: row.record_id, variables: row.variables, actor: row.actor, attempts: row.attempts };
    try {
      const outcome = await this.executor.apply(event);
      await this.db.query(`UPDATE crm.record_events SET processed_at = clock_timestamp(), outcome = $2, last_error = NULL WHERE id = $1`, [id, outcome]);
    } catch (error) {
      const givingUp = event.attempts >= MAX_ATTEMPTS;
      this.log.warn(`Record event ${event.type} of ${event.recordType} ${event.recordId} failed (attempt ${event.attempts}${givingUp ? ', giving up' : ''}): ${describe(error)}`);
      await this.db.query(
        `UPDATE crm.record_events SET last_error = $2, claimed_until = clock_timestamp() + ($3 || ' seconds')::interval,
           processed_at = CASE WHEN $4 THEN clock_timestamp() END, outcome = CASE WHEN $4 THEN 'failed' END
         WHERE id = $1`,
        [id, describe(error), String(Math.min(300, 2 ** event.attempts)), givingUp],
      );
    }
  }

  private track(work: Promise<void>): Promise<void> {
    this.running.add(work);
    return work.finally(() => this.running.delete(work));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

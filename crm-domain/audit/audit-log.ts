import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CommitCompanionWriter, CommitCompanionWriters } from '../../engine/adapters/typeorm/commit-companions.js';
import type { OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { PooledQuery } from '../../engine/adapters/typeorm/pooled-query.js';
import type { CommitCompanion } from '../../engine/core/ports/engine-store.js';
import { COMMIT_COMPANIONS, DATABASE } from '../../engine/nest/tokens.js';
import { CoalescingAppender } from '../shared/coalescing-appender.js';
import type { AuditEntry } from './audit-entry.js';

/** details larger than this are replaced by a note: the log records facts, not payloads */
const MAX_DETAILS_CHARS = 4000;

const COLUMNS = 'actor_id, actor_name, actor_kind, via_api_key, action, target_type, target_id, outcome, status, client_address, request_id, details';

/** a command's companion record of this kind is an AuditEntry, inserted in the command's own write */
export const AUDIT_ROW = 'crm.audit-log';

const auditRowWriter: CommitCompanionWriter = {
  table: 'crm.audit_log',
  part(record, params) {
    const entry = record as AuditEntry;
    const bind = (value: unknown) => `$${params.push(value ?? null)}`;
    const values = [
      bind(entry.actorId), bind(entry.actorName), bind(entry.actorKind), `${bind(entry.viaApiKey)}::uuid`, bind(entry.action), bind(entry.targetType),
      bind(entry.targetId), bind(entry.outcome), `${bind(entry.status)}::smallint`, bind(entry.clientAddress), bind(entry.requestId), `${bind(detailsJson(entry.details))}::jsonb`,
    ];
    return `INSERT INTO crm.audit_log (${COLUMNS}) VALUES (${values.join(', ')})`;
  },
};

/** one statement for any number of rows, so it is prepared once per connection */
const INSERT_ROWS = `INSERT INTO crm.audit_log (${COLUMNS})
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::smallint[], $10::text[], $11::text[], $12::jsonb[])`;

/**
 * Appends rows to `crm.audit_log`. There is no update and no delete here, and the table refuses
 * both. Rows of calls answered at about the same time go out in one insert (the first at once,
 * those arriving meanwhile together after it), and `append` returns once its row is stored.
 * Appending never throws: the action it records has already happened, so a failed insert
 * is logged (with the entry) instead of turning a done change into an error the client might retry.
 * A row can instead go with an engine command (`inCommand`): it is then inserted in the command's own
 * write statement, so the change and its row are stored together or not at all.
 */
@Injectable()
export class AuditLog {
  private readonly log = new Logger('Audit');
  private readonly query: PooledQuery;
  private readonly appender = new CoalescingAppender<AuditEntry>((entries) => this.insert(entries));

  constructor(@Inject(DATABASE) db: OpenedDatabase, @Inject(COMMIT_COMPANIONS) companions: CommitCompanionWriters) {
    this.query = new PooledQuery(db.dataSource);
    companions.register(AUDIT_ROW, auditRowWriter);
  }

  /** the entry as a record for an engine command to commit with its changes */
  inCommand(entry: AuditEntry): CommitCompanion {
    return { kind: AUDIT_ROW, record: entry };
  }

  async append(entry: AuditEntry): Promise<void> {
    await this.appender.append(entry);
  }

  /** a batch that fails is written row by row, so one bad row costs only itself */
  private async insert(entries: readonly AuditEntry[]): Promise<void> {
    try {
      await this.insertRows(entries);
    } catch (error) {
      if (entries.length === 1) return this.logFailure(entries[0]!, error);
      for (const entry of entries) {
        await this.insertRows([entry]).catch((rowError: unknown) => this.logFailure(entry, rowError));
      }
    }
  }

  private async insertRows(entries: readonly AuditEntry[]): Promise<void> {
    const column = <K extends keyof AuditEntry>(key: K) => entries.map((entry) => entry[key] ?? null);
    await this.query.rows(INSERT_ROWS, [
      column('actorId'), column('actorName'), column('actorKind'), column('viaApiKey'), column('action'), column('targetType'),
      column('targetId'), column('outcome'), column('status'), column('clientAddress'), column('requestId'),
      entries.map((entry) => detailsJson(entry.details)),
    ]);
  }

  private logFailure(entry: AuditEntry, error: unknown): void {
    this.log.error(`Could not write the audit row ${JSON.stringify({ ...entry, details: undefined })}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function detailsJson(details: Readonly<Record<string, unknown>>): string {
  const json = JSON.stringify(details);
  return json.length <= MAX_DETAILS_CHARS ? json : JSON.stringify({ truncated: true, keys: Object.keys(details).slice(0, 20) });
}

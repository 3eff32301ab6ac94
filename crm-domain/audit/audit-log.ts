import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { DATABASE } from '../../engine/nest/tokens.js';
import type { AuditEntry } from './audit-entry.js';

/** details larger than this are replaced by a note: the log records facts, not payloads */
const MAX_DETAILS_CHARS = 4000;

/**
 * Appends rows to `crm.audit_log`. There is no update and no delete here, and the table refuses
 * both. Appending never throws: the action it records has already happened, so a failed insert
 * is logged (with the entry) instead of turning a done change into an error the client might retry.
 */
@Injectable()
export class AuditLog {
  private readonly log = new Logger('Audit');

  constructor(@Inject(DATABASE) private readonly db: OpenedDatabase) {}

  async append(entry: AuditEntry): Promise<void> {
    try {
      await this.db.dataSource.query(
        `INSERT INTO crm.audit_log (actor_id, actor_name, actor_kind, via_api_key, action, target_type, target_id, outcome, status, client_address, request_id, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb)`,
        [
          entry.actorId, entry.actorName, entry.actorKind, entry.viaApiKey, entry.action, entry.targetType, entry.targetId,
          entry.outcome, entry.status, entry.clientAddress, entry.requestId, detailsJson(entry.details),
        ],
      );
    } catch (error) {
      this.log.error(`Could not write the audit row ${JSON.stringify({ ...entry, details: undefined })}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function detailsJson(details: Readonly<Record<string, unknown>>): string {
  const json = JSON.stringify(details);
  return json.length <= MAX_DETAILS_CHARS ? json : JSON.stringify({ truncated: true, keys: Object.keys(details).slice(0, 20) });
}

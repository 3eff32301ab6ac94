import { Inject, Injectable } from '@nestjs/common';
import type { OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { DATABASE } from '../../engine/nest/tokens.js';
import type { PageResult } from '../shared/list-query.js';
import type { AuditEntry } from './audit-entry.js';
import type { AuditListQuery } from './audit-query.js';

/** a row as read: the entry, its number and the database's time of writing */
export interface AuditRow extends AuditEntry {
  readonly id: string;
  readonly at: Date;
}

const COLUMNS = `id::text AS "id", at AS "at", actor_id AS "actorId", actor_name AS "actorName", actor_kind AS "actorKind",
  via_api_key::text AS "viaApiKey", action AS "action", target_type AS "targetType", target_id AS "targetId", outcome AS "outcome",
  status AS "status", client_address AS "clientAddress", request_id AS "requestId", details AS "details"`;

/** Reads the audit log: filters as data, newest first, one page with the total. */
@Injectable()
export class AuditSearch {
  constructor(@Inject(DATABASE) private readonly db: OpenedDatabase) {}

  async page(query: AuditListQuery): Promise<PageResult<AuditRow>> {
    const { where, params } = conditionsOf(query);
    const offset = (query.page - 1) * query.pageSize;
    const [items, counted] = await Promise.all([
      this.db.dataSource.query(
        `SELECT ${COLUMNS} FROM crm.audit_log ${where} ORDER BY at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.pageSize, offset],
      ) as Promise<AuditRow[]>,
      this.db.dataSource.query(`SELECT count(*)::int AS total FROM crm.audit_log ${where}`, params) as Promise<{ total: number }[]>,
    ]);
    return { items: items.map((row) => ({ ...row, at: new Date(row.at) })), total: counted[0]?.total ?? 0, page: query.page, pageSize: query.pageSize };
  }
}

function conditionsOf(query: AuditListQuery): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const conditions: string[] = [];
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (query.actorId !== undefined) add((p) => `actor_id = ${p}`, query.actorId);
  if (query.actorKind !== undefined) add((p) => `actor_kind = ${p}`, query.actorKind);
  if (query.action !== undefined) {
    const prefix = query.action.endsWith('.*') ? query.action.slice(0, -1) : query.action.endsWith('.') ? query.action : null;
    if (prefix === null) add((p) => `action = ${p}`, query.action);
    else add((p) => `action LIKE ${p}`, `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (query.targetType !== undefined) add((p) => `target_type = ${p}`, query.targetType);
  if (query.targetId !== undefined) add((p) => `target_id = ${p}`, query.targetId);
  if (query.outcome !== undefined) add((p) => `outcome = ${p}`, query.outcome);
  if (query.from !== undefined) add((p) => `at >= ${p}`, query.from);
  if (query.to !== undefined) add((p) => `at < ${p}`, query.to);
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

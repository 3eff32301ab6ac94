import { Injectable } from '@nestjs/common';
import { visibleCondition } from '../access/record-access.js';
import type { RecordViewer } from '../access/record-viewer.js';
import { COMPLAINT_PRIORITIES } from '../complaints/complaint.entity.js';
import { CrmDatabase } from '../shared/crm-database.js';
import type { ComplaintsByTypeQuery, SlaQuery } from './report-schemas.js';
import { SqlConditions } from './sql-conditions.js';

/** Complaint reports: by type per manager per period, and SLA compliance per priority, over the complaints the caller sees. */
@Injectable()
export class ServiceReportsService {
  constructor(private readonly db: CrmDatabase) {}

  async complaintsByType(query: ComplaintsByTypeQuery, viewer: RecordViewer) {
    const where = new SqlConditions()
      .when(query.from, 'k.created_at >= ?')
      .when(query.to, 'k.created_at < ?')
      .when(query.ownerId, 'k.assignee_id = ?')
      .when(query.teamId, 'k.assignee_id IN (SELECT id FROM crm.users WHERE team_id = ?)')
      .bound((bind) => visibleCondition('complaint', 'k', viewer, bind));
    const bucket = query.bucket ? `date_trunc('${query.bucket}', k.created_at)` : 'NULL::timestamptz';
    const rows = await this.db.query<{ bucket: Date | null; assignee_id: string | null; assignee_name: string | null; type: string; count: number }>(
      `WITH a AS (
         SELECT ${bucket} AS bucket, k.assignee_id, k.type, count(*)::int AS count
         FROM crm.complaints k WHERE ${where}
         GROUP BY 1, 2, 3)
       SELECT a.bucket, a.assignee_id::text AS assignee_id, u.name AS assignee_name, a.type, a.count
       FROM a LEFT JOIN crm.users u ON u.id = a.assignee_id
       ORDER BY 1, 3 NULLS LAST, 4`,
      where.params,
    );
    return {
      period: { from: query.from ?? null, to: query.to ?? null, bucket: query.bucket ?? null },
      rows: rows.map((r) => ({
        ...(query.bucket ? { periodStart: r.bucket } : {}),
        manager: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name } : null,
        type: r.type,
        count: r.count,
      })),
    };
  }

  /**
   * met / breached / pending per priority against the working-time due time (crm.complaint.setSla),
   * which every wait for the customer moved by the working time it took; a complaint waiting now is
   * judged at the moment its wait began (its clock stands still), and counted as `waiting` too;
   * `ownerId` narrows to one assignee's complaints, `teamId` to a team's
   */
  async slaCompliance(query: SlaQuery, viewer: RecordViewer) {
    const where = new SqlConditions()
      .when(query.from, 'k.created_at >= ?')
      .when(query.to, 'k.created_at < ?')
      .when(query.ownerId, 'k.assignee_id = ?')
      .when(query.teamId, 'k.assignee_id IN (SELECT id FROM crm.users WHERE team_id = ?)')
      .bound((bind) => visibleCondition('complaint', 'k', viewer, bind));
    const rows = await this.db.query<{ priority: string; total: number; met: number; breached: number; pending: number; escalated: number; waiting: number; paused_minutes: number }>(
      `SELECT k.priority, count(*)::int AS total,
         count(*) FILTER (WHERE k.resolved_at IS NOT NULL AND k.resolved_at <= k.sla_due_at)::int AS met,
         count(*) FILTER (WHERE coalesce(k.resolved_at, k.sla_paused_at, now()) > k.sla_due_at)::int AS breached,
         count(*) FILTER (WHERE k.resolved_at IS NULL AND coalesce(k.sla_paused_at, now()) <= k.sla_due_at)::int AS pending,
         count(*) FILTER (WHERE k.escalation_level > 0)::int AS escalated,
         count(*) FILTER (WHERE k.status = 'waiting_for_customer')::int AS waiting,
         coalesce(sum(k.sla_paused_minutes), 0)::int AS paused_minutes
       FROM crm.complaints k
       WHERE ${where}
       GROUP BY k.priority`,
      where.params,
    );
    const byPriority = COMPLAINT_PRIORITIES.map((priority) => {
      const r = rows.find((x) => x.priority === priority) ?? { total: 0, met: 0, breached: 0, pending: 0, escalated: 0, waiting: 0, paused_minutes: 0 };
      return {
        priority, total: r.total, met: r.met, breached: r.breached, pending: r.pending, escalated: r.escalated,
        waiting: r.waiting, pausedMinutes: r.paused_minutes, compliancePercent: percent(r.met, r.met + r.breached),
      };
    });
    const met = byPriority.reduce((n, p) => n + p.met, 0);
    const breached = byPriority.reduce((n, p) => n + p.breached, 0);
    const pausedMinutes = byPriority.reduce((n, p) => n + p.pausedMinutes, 0);
    return { period: { from: query.from ?? null, to: query.to ?? null }, byPriority, overall: { met, breached, pausedMinutes, compliancePercent: percent(met, met + breached) } };
  }
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

import { Injectable } from '@nestjs/common';
import { visibleCondition } from '../access/record-access.js';
import type { RecordViewer } from '../access/record-viewer.js';
import { DEAL_STAGES } from '../deals/deal.entity.js';
import { CrmDatabase } from '../shared/crm-database.js';
import type { FunnelQuery } from './report-schemas.js';
import { SqlConditions } from './sql-conditions.js';

interface FunnelRow {
  bucket: Date | null;
  stage: string;
  currency: string;
  group_id: string | null;
  group_name: string | null;
  count: number;
  amount: string;
  weighted: string;
}

/** The sales funnel: deals per stage (count, amount, probability-weighted amount) per currency, optionally per period, over the deals the caller sees. */
@Injectable()
export class SalesReportsService {
  constructor(private readonly db: CrmDatabase) {}

  async funnel(query: FunnelQuery, viewer: RecordViewer) {
    const where = new SqlConditions('d.archived_at IS NULL')
      .when(query.from, 'd.created_at >= ?')
      .when(query.to, 'd.created_at < ?')
      .when(query.ownerId, 'd.owner_id = ?')
      .when(query.teamId, 'd.owner_id IN (SELECT id FROM crm.users WHERE team_id = ?)')
      .bound((bind) => visibleCondition('deal', 'd', viewer, bind));
    const group = query.groupBy === 'owner' ? { id: 'a.owner_id::text', name: 'u.name' } : query.groupBy === 'team' ? { id: 't.id::text', name: 't.name' } : { id: 'NULL::text', name: 'NULL::text' };
    const bucket = query.bucket ? `date_trunc('${query.bucket}', d.created_at)` : 'NULL::timestamptz';
    // aggregate the deals first (period × stage × currency × owner: a few hundred rows), then name the owners and teams
    const rows = await this.db.query<FunnelRow>(
      `WITH a AS (
         SELECT ${bucket} AS bucket, d.stage, d.currency, d.owner_id, count(*) AS count, sum(d.amount) AS amount, sum(d.amount::float8 * d.probability) / 100 AS weighted
         FROM crm.deals d WHERE ${where}
         GROUP BY 1, d.stage, d.currency, d.owner_id)
       SELECT a.bucket, a.stage, a.currency, ${group.id} AS group_id, ${group.name} AS group_name, sum(a.count)::int AS count,
              sum(a.amount)::text AS amount, round(sum(a.weighted)::numeric, 2)::text AS weighted
       FROM a LEFT JOIN crm.users u ON u.id = a.owner_id LEFT JOIN crm.teams t ON t.id = u.team_id
       GROUP BY a.bucket, a.stage, a.currency, 4, 5`,
      where.params,
    );
    const order = (stage: string) => DEAL_STAGES.indexOf(stage as (typeof DEAL_STAGES)[number]);
    const lines = rows
      .map((r) => ({
        ...(query.bucket ? { periodStart: r.bucket === null ? null : new Date(r.bucket) } : {}),
        stage: r.stage,
        currency: r.currency,
        ...(query.groupBy ? { [query.groupBy]: { id: r.group_id, name: r.group_name } } : {}),
        count: r.count,
        amount: Number(r.amount),
        weightedAmount: Number(r.weighted),
      }))
      .sort((a, b) => periodOrder(a, b) || order(a.stage) - order(b.stage) || a.currency.localeCompare(b.currency));
    const stages = DEAL_STAGES.map((stage) => {
      const inStage = lines.filter((l) => l.stage === stage);
      return { stage, count: inStage.reduce((n, l) => n + l.count, 0), amountByCurrency: sumByCurrency(inStage) };
    });
    return { period: { from: query.from ?? null, to: query.to ?? null, bucket: query.bucket ?? null }, stages, rows: lines };
  }
}

function sumByCurrency(lines: readonly { currency: string; amount: number }[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const line of lines) sums[line.currency] = Math.round(((sums[line.currency] ?? 0) + line.amount) * 100) / 100;
  return sums;
}

function periodOrder(a: { periodStart?: Date | null }, b: { periodStart?: Date | null }): number {
  return (a.periodStart?.getTime() ?? 0) - (b.periodStart?.getTime() ?? 0);
}

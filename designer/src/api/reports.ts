import { get, queryString } from './http';

/** The CRM's reports (`/api/reports/*`): each covers the records the caller sees; filters narrow, never widen. */
export type Bucket = 'day' | 'week' | 'month';

/** the API's parameters: `to` is exclusive (records created before it) */
export interface ReportParams {
  readonly from?: string | null;
  readonly to?: string | null;
  readonly ownerId?: string | null;
  readonly teamId?: string | null;
  readonly bucket?: Bucket | null;
}

export interface NamedRef {
  readonly id: string | null;
  readonly name: string | null;
}

export interface SalesFunnel {
  readonly stages: readonly { readonly stage: string; readonly count: number; readonly amountByCurrency: Readonly<Record<string, number>> }[];
  readonly rows: readonly { readonly periodStart?: string | null; readonly stage: string; readonly currency: string; readonly count: number; readonly amount: number; readonly weightedAmount: number }[];
}

export interface ComplaintsByType {
  readonly rows: readonly { readonly periodStart?: string | null; readonly manager: NamedRef | null; readonly type: string; readonly count: number }[];
}

export interface SlaCompliance {
  readonly byPriority: readonly {
    readonly priority: string;
    readonly total: number;
    readonly met: number;
    readonly breached: number;
    readonly pending: number;
    readonly escalated: number;
    readonly compliancePercent: number | null;
  }[];
  readonly overall: { readonly met: number; readonly breached: number; readonly compliancePercent: number | null };
}

export interface OpenTasks {
  readonly rows: readonly {
    readonly user: { readonly id: string; readonly name: string; readonly role: string; readonly teamId: string | null };
    readonly processTasks: number;
    readonly overdueProcessTasks: number;
    readonly crmTasks: number;
    readonly overdueCrmTasks: number;
    readonly total: number;
  }[];
  readonly unassignedProcessTasks: number;
}

export const reports = {
  salesFunnel: (p: ReportParams) => get<SalesFunnel>(`/api/reports/sales-funnel${queryString({ from: p.from, to: p.to, ownerId: p.ownerId, teamId: p.teamId, bucket: p.bucket })}`),
  complaintsByType: (p: ReportParams) =>
    get<ComplaintsByType>(`/api/reports/complaints-by-type${queryString({ from: p.from, to: p.to, ownerId: p.ownerId, teamId: p.teamId, bucket: p.bucket })}`),
  slaCompliance: (p: ReportParams) => get<SlaCompliance>(`/api/reports/sla-compliance${queryString({ from: p.from, to: p.to, ownerId: p.ownerId, teamId: p.teamId })}`),
  openTasks: (p: ReportParams) => get<OpenTasks>(`/api/reports/open-tasks${queryString({ teamId: p.teamId })}`),
};

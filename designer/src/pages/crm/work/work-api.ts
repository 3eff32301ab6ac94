import { get, patch, post, queryString } from '../../../api/http';

/** Calls of the workspace's work screens: the pipeline board, the complaints desk and my day. */

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export const DEAL_STAGES = ['new', 'qualification', 'proposal', 'negotiation', 'won', 'lost'] as const;
export type DealStage = (typeof DEAL_STAGES)[number];

export interface Deal {
  readonly id: string;
  readonly title: string;
  readonly companyId: string;
  readonly amount: number;
  readonly currency: string;
  readonly stage: DealStage;
  readonly ownerId: string | null;
  readonly approvalStatus: string;
  readonly expectedCloseDate: string | null;
}

export interface PipelineColumn {
  readonly stage: DealStage;
  readonly count: number;
  readonly amountByCurrency: Readonly<Record<string, number>>;
}

export const COMPLAINT_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export interface Complaint {
  readonly id: string;
  readonly companyId: string;
  readonly type: string;
  readonly description: string;
  readonly priority: string;
  readonly status: string;
  readonly slaDueAt: string;
  readonly assigneeId: string | null;
  readonly escalationLevel: number;
}

export interface Activity {
  readonly id: string;
  readonly kind: string;
  readonly subject: string;
  readonly dueAt: string | null;
  readonly done: boolean;
  readonly overdue: boolean;
  readonly recordType: string | null;
  readonly recordId: string | null;
}

export interface Lead {
  readonly id: string;
  readonly personName: string;
  readonly companyName: string | null;
  readonly estimatedAmount: number | null;
  readonly currency: string;
  readonly source: string;
  readonly createdAt: string;
}

export interface WorkTask {
  readonly id: string;
  readonly name: string;
  readonly due: string | null;
  readonly created: string;
  readonly record: { readonly type: string; readonly id: string; readonly title: string } | null;
}

export interface Team {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
}

type Params = Record<string, string | number | boolean | null | undefined>;
const id = encodeURIComponent;

export const dealsApi = {
  list: (params: Params) => get<Page<Deal>>(`/api/deals${queryString(params)}`),
  pipeline: (params: Params) => get<{ stages: PipelineColumn[] }>(`/api/deals/pipeline${queryString(params)}`),
  move: (dealId: string, stage: DealStage, lostReason?: string) => patch<Deal>(`/api/deals/${id(dealId)}`, lostReason ? { stage, lostReason } : { stage }),
};

export const complaintsApi = {
  list: (params: Params) => get<Page<Complaint>>(`/api/complaints${queryString(params)}`),
  take: (complaintId: string, userId: string) => patch<Complaint>(`/api/complaints/${id(complaintId)}`, { assigneeId: userId, status: 'in_progress' }),
  resolve: (complaintId: string, resolution: string) => post<Complaint>(`/api/complaints/${id(complaintId)}/resolve`, { resolution }),
};

export const activitiesApi = {
  list: (params: Params) => get<Page<Activity>>(`/api/activities${queryString(params)}`),
  markDone: (activityId: string) => patch<Activity>(`/api/activities/${id(activityId)}`, { done: true }),
};

export const leadsApi = {
  list: (params: Params) => get<Page<Lead>>(`/api/leads${queryString(params)}`),
};

export const tasksApi = {
  mine: (userId: string) => get<Page<WorkTask>>(`/api/tasks${queryString({ assignee: userId, pageSize: 50 })}`),
};

export const teamsApi = {
  list: () => get<Page<Team>>('/api/teams?pageSize=200'),
};

/** "12,500 EUR · 3,000 USD" */
export function amountsText(byCurrency: Readonly<Record<string, number>>): string {
  const parts = Object.entries(byCurrency).map(([currency, amount]) => `${amount.toLocaleString('en')} ${currency}`);
  return parts.length > 0 ? parts.join(' · ') : '0';
}

/** the card of a record in the workspace (the records pages) */
export function cardPath(type: string, recordId: string): string {
  const path = type === 'company' ? 'companies' : `${type}s`;
  return `/crm/${path}/${encodeURIComponent(recordId)}`;
}

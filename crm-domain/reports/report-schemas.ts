import { z } from 'zod';
import { q } from '../shared/list-query.js';

const period = { from: q.date(), to: q.date() };

export const funnelQuery = z.strictObject({ ...period, ownerId: q.id(), teamId: q.id(), groupBy: q.oneOf(['owner', 'team']) });
export const complaintsByTypeQuery = z.strictObject({ ...period, teamId: q.id(), bucket: q.oneOf(['day', 'week', 'month']) });
export const slaQuery = z.strictObject({ ...period, teamId: q.id() });
export const openTasksQuery = z.strictObject({ teamId: q.id() });

export type FunnelQuery = z.infer<typeof funnelQuery>;
export type ComplaintsByTypeQuery = z.infer<typeof complaintsByTypeQuery>;
export type SlaQuery = z.infer<typeof slaQuery>;

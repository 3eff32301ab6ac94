import { z } from 'zod';
import { q } from '../shared/list-query.js';

const period = { from: q.date(), to: q.date() };
/** counts per day, week (from Monday) or month (`periodStart` of each row) */
const bucket = q.oneOf(['day', 'week', 'month']);
export type Bucket = NonNullable<z.infer<typeof bucket>>;

export const funnelQuery = z.strictObject({ ...period, ownerId: q.id(), teamId: q.id(), groupBy: q.oneOf(['owner', 'team']), bucket });
export const complaintsByTypeQuery = z.strictObject({ ...period, ownerId: q.id(), teamId: q.id(), bucket });
export const slaQuery = z.strictObject({ ...period, ownerId: q.id(), teamId: q.id() });
export const openTasksQuery = z.strictObject({ teamId: q.id() });

export type FunnelQuery = z.infer<typeof funnelQuery>;
export type ComplaintsByTypeQuery = z.infer<typeof complaintsByTypeQuery>;
export type SlaQuery = z.infer<typeof slaQuery>;

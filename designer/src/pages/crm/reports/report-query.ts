// the report pages' filters as the URL holds them, and the API parameters they make (no DOM: the unit specs use it too)
import type { Bucket, ReportParams } from '../../../api/reports';

export type FilterName = 'period' | 'owner' | 'team' | 'bucket';

/** A report's filters as the URL holds them (`from`, `to`: days, both included; `owner`, `team`: ids; `bucket`). */
export interface ReportFilters {
  readonly from: string | null;
  readonly to: string | null;
  readonly owner: string | null;
  readonly team: string | null;
  readonly bucket: Bucket | null;
}

export const BUCKETS: readonly Bucket[] = ['day', 'week', 'month'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** the filters of the URL; a malformed value counts as absent (the page shows what it asked for) */
export function filtersOf(query: URLSearchParams): ReportFilters {
  const day = (name: string) => (DAY.test(query.get(name) ?? '') ? query.get(name) : null);
  const bucket = query.get('bucket');
  return {
    from: day('from'),
    to: day('to'),
    owner: query.get('owner') || null,
    team: query.get('team') || null,
    bucket: BUCKETS.find((b) => b === bucket) ?? null,
  };
}

/** the day after, for the API's `to`, which excludes its day */
export function dayAfter(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** the API's parameters for the filters a report takes */
export function apiParams(filters: ReportFilters, used: readonly FilterName[]): ReportParams {
  const uses = (name: FilterName) => used.includes(name);
  return {
    from: uses('period') ? filters.from : null,
    to: uses('period') && filters.to ? dayAfter(filters.to) : null,
    ownerId: uses('owner') ? filters.owner : null,
    teamId: uses('team') ? filters.team : null,
    bucket: uses('bucket') ? filters.bucket : null,
  };
}

/** the URL's filters a report takes, for links between reports */
export function sharedQuery(filters: ReportFilters): Record<string, string | null> {
  return { from: filters.from, to: filters.to, owner: filters.owner, team: filters.team, bucket: filters.bucket };
}

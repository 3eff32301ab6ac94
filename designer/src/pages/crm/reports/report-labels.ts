import type { Bucket } from '../../../api/reports';

/** `product_quality` → "Product quality" */
export function wordsOf(value: string): string {
  const words = value.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** a period's start as the bucket names it: "2026-12" for a month, "week of 2026-11-30", "2026-12-06" */
export function periodLabel(start: string | null | undefined, bucket: Bucket | null): string {
  if (!start) return '—';
  const day = new Date(start).toISOString().slice(0, 10);
  return bucket === 'month' ? day.slice(0, 7) : bucket === 'week' ? `week of ${day}` : day;
}

export function sum(values: readonly number[]): number {
  return Math.round(values.reduce((n, v) => n + v, 0) * 100) / 100;
}

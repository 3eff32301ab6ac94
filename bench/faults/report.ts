import { FAULT_TITLES, type FaultFigures } from './run-fault.js';

export const FIGURE_HEADER = [
  'fault', 'nodes', 'verdict', 'kill → last orphan resumed', 'timers due after the loss: late by p50 / max (before it: p50 / max)', 'instances/s before / during / after',
  'fault window', 'fault → last completion', 'total', 'what the fault did', 'retried calls (unreachable / 5xx)',
];

/** one row of the fault suite's table (bench/README.md) */
export function figureRow(f: FaultFigures): string[] {
  const s = (v: number) => `${v.toFixed(1)} s`;
  const r = (v: number | null) => (v === null ? '-' : v.toFixed(1));
  const late = (t: { p50: number; max: number; count: number }) => `${t.p50.toFixed(1)} / ${s(t.max)} of ${t.count}`;
  return [
    FAULT_TITLES[f.fault], String(f.nodes), f.verdict.problems.length === 0 ? 'sound' : `${f.verdict.problems.length} problems`,
    f.killToLastOrphanResumedS === undefined ? '-' : `${s(f.killToLastOrphanResumedS)} (${f.orphans} jobs)`,
    f.timerLatenessAfterLossS === undefined ? '-' : `${late(f.timerLatenessAfterLossS)} (${late(f.timerLatenessBeforeLossS!)})`,
    `${r(f.rates.before)} / ${r(f.rates.during)} / ${r(f.rates.after)}`,
    s(f.faultWindowS), s(f.faultToLastCompletionS), s(f.totalS), f.detail, `${f.transport.unreachable} / ${f.transport.unavailable}`,
  ];
}

export function markdownTable(title: string, rows: readonly (readonly string[])[]): string {
  return [`### ${title}`, '', `| ${FIGURE_HEADER.join(' | ')} |`, `| ${FIGURE_HEADER.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`), ''].join('\n');
}

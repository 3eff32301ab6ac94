import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { html } from '../../../app/html';

// only the parts the report charts use, registered once: the rest of chart.js stays out of the bundle
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const PALETTE = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#64748b'];

export interface ChartSeries {
  readonly label: string;
  readonly data: readonly number[];
  /** the scale on the right (amounts beside counts) */
  readonly secondAxis?: boolean;
  readonly color?: string;
}

/** What a report draws: bars per label, one colour per series. */
export interface ChartSpec {
  readonly labels: readonly string[];
  readonly series: readonly ChartSeries[];
  /** series stacked into one bar per label */
  readonly stacked?: boolean;
  /** bars from the left, for long label lists (people) */
  readonly horizontal?: boolean;
  readonly valueAxis: string;
  readonly secondAxis?: string;
}

function configOf(spec: ChartSpec): ChartConfiguration<'bar'> {
  // the value scale counts (deals, complaints, tasks): whole numbers only
  const value = { beginAtZero: true, stacked: !!spec.stacked, ticks: { precision: 0 }, title: { display: true, text: spec.valueAxis } };
  const labels = { stacked: !!spec.stacked };
  const valueKey = spec.horizontal ? 'x' : 'y';
  const labelKey = spec.horizontal ? 'y' : 'x';
  return {
    type: 'bar',
    data: {
      labels: [...spec.labels],
      datasets: spec.series.map((s, i) => ({
        label: s.label,
        data: [...s.data],
        backgroundColor: s.color ?? PALETTE[i % PALETTE.length]!,
        maxBarThickness: 56,
        ...(s.secondAxis ? { [`${valueKey}AxisID`]: 'second' } : {}),
      })),
    },
    options: {
      // drawn at once: no animation to wait for (and none for those who asked for less motion)
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: spec.horizontal ? 'y' : 'x',
      plugins: { legend: { position: 'bottom' } },
      scales: {
        [labelKey]: labels,
        [valueKey]: value,
        ...(spec.secondAxis ? { second: { axis: valueKey, position: spec.horizontal ? 'top' : 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: spec.secondAxis } } } : {}),
      },
    },
  };
}

/** A bar chart on a canvas; `label` says what it shows (the table beside it has the numbers, for screen readers too). */
export function ReportChart({ spec, label }: { spec: ChartSpec; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const key = JSON.stringify(spec);
  useEffect(() => {
    if (!canvas.current) return undefined;
    const chart = new Chart(canvas.current, configOf(spec));
    return () => chart.destroy();
  }, [key]);
  // bars from the left get room per label (people); upright bars share the width
  const height = spec.horizontal ? Math.max(240, spec.labels.length * 28 + 110) : 360;
  return html`<div class="report-chart" style=${{ height: `${height}px` }}><canvas ref=${canvas} role="img" aria-label=${label} data-testid="report-chart"></canvas></div>`;
}

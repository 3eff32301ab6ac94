import { useEffect, useState } from 'preact/hooks';
import { html } from '../../app/html';
import { metrics } from '../../api/engine';
import { fromCamundaDate, toCamundaDate } from '../../api/variables';
import { ErrorNote, Section, errorText } from '../../components/common';

const MINUTES = 15;
const SERIES = ['started', 'completed', 'failed'] as const;
const POLL_MS = 10_000;

interface Minute {
  readonly at: Date;
  started: number;
  completed: number;
  failed: number;
}

/** per-minute counts from the engine's metrics API: three requests, however busy the engine is */
async function countsPerMinute(): Promise<Minute[]> {
  const now = new Date();
  now.setSeconds(0, 0);
  const from = new Date(now.getTime() - (MINUTES - 1) * 60_000);
  const buckets: Minute[] = Array.from({ length: MINUTES }, (_, i) => ({ at: new Date(from.getTime() + i * 60_000), started: 0, completed: 0, failed: 0 }));
  const since = toCamundaDate(from);
  const series = await Promise.all((['root-process-instance-start', 'root-process-instance-complete', 'incident-create'] as const).map((name) => metrics.perInterval(name, since, 60)));
  const keys = ['started', 'completed', 'failed'] as const;
  series.forEach((points, i) => {
    for (const point of points) {
      const at = fromCamundaDate(point.timestamp);
      const bucket = at ? buckets[Math.round((at.getTime() - from.getTime()) / 60_000)] : undefined;
      if (bucket) bucket[keys[i]!] += point.value;
    }
  });
  return buckets;
}

/** Instances started, completed and failed per minute over the last quarter hour, polled. */
export function LiveView() {
  const [minutes, setMinutes] = useState<Minute[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    const poll = () => countsPerMinute().then((m) => !stopped && (setMinutes(m), setError(null))).catch((e) => !stopped && setError(errorText(e)));
    void poll();
    const timer = window.setInterval(poll, POLL_MS);
    return () => { stopped = true; window.clearInterval(timer); };
  }, []);
  const max = Math.max(1, ...minutes.flatMap((m) => [m.started, m.completed, m.failed]));
  const total = (key: (typeof SERIES)[number]) => minutes.reduce((n, m) => n + m[key], 0);
  return html`<${Section} title=${`Live: last ${MINUTES} minutes (refreshes every ${POLL_MS / 1000} s)`}>
    <${ErrorNote} error=${error} />
    <p data-testid="live-totals" class="legend">${SERIES.map((key) => html`<span data-series=${key}><span class=${`legend-swatch ${key}`}></span>${key} ${total(key)}</span>`)}</p>
    <div class="bars">${minutes.map((m) => html`<div class="bar-group" title=${`${m.at.toLocaleTimeString()}: ${m.started} started, ${m.completed} completed, ${m.failed} failed`}>
      ${SERIES.map((key) => html`<div class=${`bar ${key}`} style=${{ height: `${(100 * m[key]) / max}%` }}></div>`)}
    </div>`)}</div>
    <p class="muted">${minutes[0]?.at.toLocaleTimeString() ?? ''} – now</p>
  <//>`;
}

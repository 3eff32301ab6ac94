import { useEffect, useState } from 'preact/hooks';
import { html } from '../../../app/html';

/** the time now, renewed every `everyMs` while the component is shown (live countdowns) */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "2h 05m 10s" */
export function durationText(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return days > 0 ? `${days}d ${hours}h ${pad(minutes)}m` : hours > 0 ? `${hours}h ${pad(minutes)}m ${pad(seconds)}s` : `${minutes}m ${pad(seconds)}s`;
}

/** time left until a due time, or how long ago it passed (breached) */
export function TimeLeft({ due, now }: { due: string; now: number }) {
  const left = new Date(due).getTime() - now;
  return left < 0
    ? html`<span class="time-left breached" data-testid="time-left" title=${new Date(due).toLocaleString()}>breached ${durationText(left)} ago</span>`
    : html`<span class="time-left" data-testid="time-left" title=${new Date(due).toLocaleString()}>${durationText(left)} left</span>`;
}

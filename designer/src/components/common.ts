import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { html } from '../app/html';
import { errorText } from './error-text';

export { errorText } from './error-text';

/** Loads data for a component and reloads on demand or when `deps` change. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: string | null; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let cancelled = false;
    setState((s) => ({ ...s, loading: true }));
    load()
      .then((data) => !cancelled && setState({ data, error: null, loading: false }))
      .catch((e: unknown) => !cancelled && setState({ data: null, error: errorText(e), loading: false }));
    return () => void (cancelled = true);
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

export function ErrorNote({ error }: { error: string | null }) {
  return error ? html`<p class="error" role="alert">${error}</p>` : null;
}

export function Section({ title, children, actions }: { title: string; children: ComponentChildren; actions?: ComponentChildren }) {
  return html`<section class="panel">
    <header class="panel-header"><h2 title=${title}>${title}</h2>${actions && html`<div class="panel-actions">${actions}</div>`}</header>
    ${children}
  </section>`;
}

export function Modal({ title, children, onClose }: { title: string; children: ComponentChildren; onClose: () => void }) {
  return html`<div class="modal-backdrop" onClick=${(e: MouseEvent) => e.target === e.currentTarget && onClose()}>
    <div class="modal" role="dialog" aria-label=${title}>
      <header class="panel-header"><h2 title=${title}>${title}</h2><button type="button" class="link" onClick=${onClose} aria-label="Close">✕</button></header>
      ${children}
    </div>
  </div>`;
}

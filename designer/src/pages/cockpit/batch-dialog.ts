import { useState } from 'preact/hooks';
import { html } from '../../app/html';
import { incidents, instances } from '../../api/engine';
import type { HistoricProcessInstance } from '../../api/engine-types';
import { ErrorNote, Modal, errorText } from '../../components/common';

export type BatchKind = 'retry' | 'cancel';

interface Props {
  readonly kind: BatchKind;
  readonly targets: readonly HistoricProcessInstance[];
  readonly onClose: () => void;
  readonly onDone: (message: string) => void;
}

/** Retries every incident of, or cancels, the instances of the current filter, after confirming the count. */
export function BatchDialog({ kind, targets, onClose, onDone }: Props) {
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    let done = 0;
    const failures: string[] = [];
    setProgress(0);
    for (const target of targets) {
      try {
        if (kind === 'cancel') await instances.cancel(target.id, 'canceled by batch in the cockpit');
        else for (const incident of await incidents.list({ processInstanceId: target.id })) await incidents.retry(incident);
      } catch (e) {
        failures.push(`${target.id}: ${errorText(e)}`);
      }
      setProgress(++done);
    }
    if (failures.length) setError(`${failures.length} failed: ${failures.slice(0, 3).join('; ')}`);
    else onDone(`${kind === 'cancel' ? 'Canceled' : 'Retried'} ${targets.length} instance(s)`);
  };
  const verb = kind === 'cancel' ? 'Cancel' : 'Retry the incidents of';
  return html`<${Modal} title=${kind === 'cancel' ? 'Cancel instances' : 'Retry incidents'} onClose=${onClose}>
    <p data-testid="batch-count">${verb} <strong>${targets.length}</strong> instance(s) matching the current filter?</p>
    ${progress !== null && html`<p>${progress} / ${targets.length}</p>`}
    <${ErrorNote} error=${error} />
    <div class="actions outcomes">
      <button type="button" class=${kind === 'cancel' ? 'danger' : 'primary'} disabled=${progress !== null || targets.length === 0} onClick=${run}>${kind === 'cancel' ? 'Cancel' : 'Retry'} ${targets.length}</button>
      <button type="button" onClick=${onClose}>Close</button>
    </div>
  <//>`;
}

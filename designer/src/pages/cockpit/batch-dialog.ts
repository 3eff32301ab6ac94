import { useState } from 'preact/hooks';
import { html } from '../../app/html';
import { href, linkTo } from '../../app/router';
import { batches, history } from '../../api/engine';
import { ErrorNote, Modal, errorText } from '../../components/common';
import { BatchProgress } from './batch-progress';

export type BatchKind = 'retry' | 'cancel';

/** the history instance query of the current filter (see instance-filter.ts) */
export type InstanceScope = Record<string, string | boolean | undefined>;

interface Props {
  readonly kind: BatchKind;
  readonly scope: InstanceScope;
  /** instances the scope matches now */
  readonly count: number;
  readonly onClose: () => void;
}

const REASON = 'canceled by batch in the cockpit';

/**
 * Confirms the count over the current filter, then creates the server batch (cancel: one
 * instance-deletion batch; retry: a job-retries batch over the instances with a failed job and
 * an external-task-retries batch over those with a failed external task) and follows it until it
 * has ended. The work runs on the server: closing the dialog or the tab does not stop it, and the
 * Batches page records it.
 */
export function BatchDialog({ kind, scope, count, onClose }: Props) {
  const [batchIds, setBatchIds] = useState<string[] | null>(null);
  const [starting, setStarting] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setStarting(true);
    setError(null);
    try {
      const ids = kind === 'cancel'
        ? [(await batches.deleteInstances({ historicProcessInstanceQuery: scope, deleteReason: REASON })).id]
        : await startRetries(scope);
      if (ids.length === 0) setNote('Nothing to retry: these instances have no failed job or external task.');
      setBatchIds(ids);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setStarting(false);
    }
  };

  const verb = kind === 'cancel' ? 'Cancel' : 'Retry the incidents of';
  const batchesLink = href('/cockpit/batches');
  return html`<${Modal} title=${kind === 'cancel' ? 'Cancel instances' : 'Retry incidents'} onClose=${onClose}>
    <p data-testid="batch-count">${verb} <strong>${count}</strong> instance(s) matching the current filter?</p>
    <${ErrorNote} error=${error} />
    ${note && html`<p class="muted">${note}</p>`}
    ${batchIds && batchIds.length > 0 && html`
      <p class="muted">Running on the server: closing this dialog does not stop it. <a href=${batchesLink} onClick=${linkTo(batchesLink)}>All batches</a></p>
      <${BatchProgress} batchIds=${batchIds} />`}
    <div class="actions outcomes">
      ${!batchIds && html`<button type="button" class=${kind === 'cancel' ? 'danger' : 'primary'} data-testid="batch-start" disabled=${starting || count === 0} onClick=${run}>
        ${kind === 'cancel' ? 'Cancel' : 'Retry'} ${count}</button>`}
      <button type="button" data-testid="batch-close" onClick=${onClose}>Close</button>
    </div>
  <//>`;
}

/** retries 1 for the jobs and for the external tasks of the instances with an open incident of that kind; a kind none has is left out */
async function startRetries(scope: InstanceScope): Promise<string[]> {
  const [jobScope, externalTaskScope] = [{ ...scope, incidentType: 'failedJob' }, { ...scope, incidentType: 'failedExternalTask' }];
  const [jobInstances, externalTaskInstances] = await Promise.all([history.countInstances(jobScope), history.countInstances(externalTaskScope)]);
  const started = await Promise.all([
    jobInstances > 0 ? batches.setJobRetries({ historicProcessInstanceQuery: jobScope, retries: 1 }) : null,
    externalTaskInstances > 0 ? batches.setExternalTaskRetries({ historicProcessInstanceQuery: externalTaskScope, retries: 1 }) : null,
  ]);
  return started.flatMap((batch) => (batch ? [batch.id] : []));
}

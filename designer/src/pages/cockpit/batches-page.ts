import { useEffect, useState } from 'preact/hooks';
import { html } from '../../app/html';
import { batches } from '../../api/engine';
import type { BatchStatistics, HistoricBatch } from '../../api/engine-types';
import { formatDate } from '../../api/variables';
import { ErrorNote, Section, errorText, useLoad } from '../../components/common';
import { usePeople } from '../../components/people';
import { BatchFailures, ItemProgress, batchTypeLabel } from './batch-progress';

/** Running batches (refreshed while any runs) with suspend, resume and delete; finished ones below with what failed. */
export function BatchesPage() {
  const running = useLoad(() => batches.statistics({ sortBy: 'batchId', sortOrder: 'asc' }), []);
  const finished = useLoad(() => batches.history({ completed: true, sortBy: 'endTime', sortOrder: 'desc', maxResults: 50 }), []);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const people = usePeople();
  const who = (userId: string | null) => (userId ? (people.get(userId) ?? userId) : '');
  const reload = () => {
    running.reload();
    finished.reload();
  };
  const anyRunning = (running.data ?? []).length > 0;
  useEffect(() => {
    if (!anyRunning) return;
    const timer = setInterval(reload, 2000);
    return () => clearInterval(timer);
  }, [anyRunning]);

  const act = (action: () => Promise<void>) => async () => {
    try {
      await action();
      setError(null);
      setConfirming(null);
      reload();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const runningRow = (b: BatchStatistics) => html`<tr data-batch-id=${b.id} data-state=${b.suspended ? 'suspended' : 'running'}>
    <td>${batchTypeLabel(b.type)} ${b.suspended && html`<span class="pill">suspended</span>`}</td>
    <td><${ItemProgress} items=${b.items} /></td>
    <td>${b.failedJobs > 0 && html`<span class="pill incident" title="jobs of the batch out of retries: its items wait">${b.failedJobs} failed jobs</span>
      <button type="button" class="link" data-testid="batch-retry-jobs" onClick=${act(() => retryFailedJobs(b.id))}>retry</button>`}</td>
    <td data-testid="batch-user">${who(b.createUserId)}</td>
    <td>${formatDate(b.startTime)}</td>
    <td><div class="outcomes">
      <button type="button" data-testid="batch-suspend" onClick=${act(() => batches.setSuspended(b.id, !b.suspended))}>${b.suspended ? 'Resume' : 'Suspend'}</button>
      ${confirming === b.id
        ? html`<button type="button" class="danger" data-testid="batch-delete-confirm" onClick=${act(() => batches.remove(b.id))}>Really delete</button>`
        : html`<button type="button" data-testid="batch-delete" onClick=${() => setConfirming(b.id)}>Delete</button>`}
    </div></td>
  </tr>`;

  const finishedRow = (b: HistoricBatch) => html`<tr data-batch-id=${b.id} data-state="ended">
    <td>${batchTypeLabel(b.type)}</td>
    <td><${ItemProgress} items=${b.items} />
      ${b.items.failed > 0 && html` <button type="button" class="link" onClick=${() => setOpen(open === b.id ? null : b.id)}>${open === b.id ? 'hide' : 'show'} failures</button>`}
      ${open === b.id && html`<${BatchFailures} batchId=${b.id} />`}</td>
    <td data-testid="batch-user">${who(b.createUserId)}</td>
    <td>${formatDate(b.startTime)}</td>
    <td>${formatDate(b.endTime)}</td>
    <td><button type="button" class="link" onClick=${act(() => batches.removeHistoric(b.id))}>remove</button></td>
  </tr>`;

  return html`<div>
    <${Section} title="Running batches" actions=${html`<button type="button" onClick=${reload}>Refresh</button>`}>
      <${ErrorNote} error=${error ?? running.error} />
      <table data-testid="running-batches">
        <thead><tr><th>Operation</th><th>Progress</th><th>Failures</th><th>Started by</th><th>Started</th><th></th></tr></thead>
        <tbody>${(running.data ?? []).map(runningRow)}</tbody>
      </table>
      ${running.data?.length === 0 && html`<p class="muted">No batch is running.</p>`}
    <//>
    <${Section} title="Finished batches">
      <${ErrorNote} error=${finished.error} />
      <table data-testid="finished-batches">
        <thead><tr><th>Operation</th><th>Outcome</th><th>Started by</th><th>Started</th><th>Ended</th><th></th></tr></thead>
        <tbody>${(finished.data ?? []).map(finishedRow)}</tbody>
      </table>
      ${finished.data?.length === 0 && html`<p class="muted">No batch has finished yet.</p>`}
    <//>
  </div>`;
}

/** the batch's jobs that ran out of retries (a store failure, not an item's) get one more try */
async function retryFailedJobs(batchId: string): Promise<void> {
  for (const job of await batches.failedJobs(batchId)) await batches.retryJob(job.id);
}

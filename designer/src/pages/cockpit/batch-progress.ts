import { useEffect, useState } from 'preact/hooks';
import { html } from '../../app/html';
import { batches } from '../../api/engine';
import type { BatchItem, BatchItemCounts } from '../../api/engine-types';
import { ErrorNote, errorText } from '../../components/common';

const TYPE_LABELS: Record<string, string> = {
  'instance-deletion': 'Cancel instances',
  'set-job-retries': 'Retry failed jobs',
  'set-external-task-retries': 'Retry failed external tasks',
};

export const batchTypeLabel = (type: string): string => TYPE_LABELS[type] ?? type;

/** targets the batch is through with, whatever the outcome */
export const processedItems = (items: BatchItemCounts): number => items.done + items.skipped + items.failed + items.canceled;

/** a progress bar with "processed / total" and the outcomes worth a look */
export function ItemProgress({ items }: { items: BatchItemCounts }) {
  return html`<span class="batch-progress">
    <progress value=${processedItems(items)} max=${Math.max(items.total, 1)}></progress>
    <span data-testid="batch-processed"> ${processedItems(items)} / ${items.total}</span>
    ${items.failed > 0 && html` <span class="pill incident" data-testid="batch-failed">${items.failed} failed</span>`}
    ${items.skipped > 0 && html` <span class="pill" title="already gone when the batch reached them">${items.skipped} skipped</span>`}
    ${items.canceled > 0 && html` <span class="pill">${items.canceled} canceled</span>`}
  </span>`;
}

/** the items of a batch that failed, with the engine's message */
export function BatchFailures({ batchId }: { batchId: string }) {
  const [failures, setFailures] = useState<BatchItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    batches.items(batchId, { status: 'failed', maxResults: 50 }).then(setFailures, (e: unknown) => setError(errorText(e)));
  }, [batchId]);
  if (error) return html`<${ErrorNote} error=${error} />`;
  if (!failures || failures.length === 0) return null;
  return html`<ul class="batch-failures" data-testid="batch-failures">
    ${failures.map((f) => html`<li><code>${f.targetId}</code>: ${f.message ?? 'no message'}</li>`)}
  </ul>`;
}

interface Followed {
  readonly type: string;
  readonly items: BatchItemCounts;
  readonly ended: boolean;
  readonly suspended: boolean;
}

/**
 * Follows batches on the server: polls GET /batch/statistics while they run, then reads their
 * history once they have ended, and lists what failed. Closing the page does not stop them.
 */
export function BatchProgress({ batchIds, onAllEnded }: { batchIds: readonly string[]; onAllEnded?: () => void }) {
  const [state, setState] = useState<Record<string, Followed>>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      try {
        const next: Record<string, Followed> = {};
        for (const id of batchIds) {
          const [running] = await batches.statistics({ batchId: id });
          if (running) next[id] = { type: running.type, items: running.items, ended: false, suspended: running.suspended };
          else {
            const ended = await batches.historic(id);
            next[id] = { type: ended.type, items: ended.items, ended: true, suspended: false };
          }
        }
        if (stopped) return;
        setState(next);
        setError(null);
        if (Object.values(next).every((b) => b.ended)) {
          onAllEnded?.();
          return;
        }
      } catch (e) {
        if (!stopped) setError(errorText(e));
      }
      if (!stopped) timer = setTimeout(poll, 1000);
    };
    let timer = setTimeout(poll, 0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [batchIds.join(',')]);

  return html`<div>
    <${ErrorNote} error=${error} />
    ${batchIds.map((id) => {
      const followed = state[id];
      if (!followed) return html`<p class="muted" key=${id}>Batch <code>${id.slice(0, 8)}</code> created…</p>`;
      return html`<div class="panel" key=${id} data-testid="batch-progress" data-batch-id=${id} data-state=${followed.ended ? 'ended' : 'running'}>
        <strong>${batchTypeLabel(followed.type)}</strong> <small class="muted">${followed.ended ? 'finished' : followed.suspended ? 'suspended' : 'running'}</small>
        <div><${ItemProgress} items=${followed.items} /></div>
        ${followed.ended && followed.items.failed > 0 && html`<${BatchFailures} batchId=${id} />`}
      </div>`;
    })}
  </div>`;
}

import { useState } from 'preact/hooks';
import { html } from '../../app/html';
import { instances } from '../../api/engine';
import type { ActivityInstance, ModificationInstruction } from '../../api/engine-types';
import { ErrorNote, Modal, errorText } from '../../components/common';
import type { ModdleNode } from '../../model/definition-model';

/** an active token: a leaf activity instance or an async transition instance */
export interface ActiveToken {
  id: string;
  activityId: string;
  name: string;
  transition: boolean;
}

export function activeTokens(tree: ActivityInstance | null): ActiveToken[] {
  if (!tree) return [];
  const tokens: ActiveToken[] = [];
  const walk = (node: ActivityInstance) => {
    if (node.childActivityInstances.length === 0 && node.childTransitionInstances.length === 0 && node.activityType !== 'processDefinition') {
      tokens.push({ id: node.id, activityId: node.activityId, name: node.activityName ?? node.activityId, transition: false });
    }
    node.childActivityInstances.forEach(walk);
    node.childTransitionInstances.forEach((t) => tokens.push({ id: t.id, activityId: t.activityId, name: t.activityName ?? t.activityId, transition: true }));
  };
  walk(tree);
  return tokens;
}

export interface FlowNodeChoice {
  id: string;
  name: string;
  type: string;
}

/** the diagram's flow nodes a token can start before (sequence flows, the process and boundary events excluded) */
export function flowNodeChoices(elements: ReadonlyMap<string, ModdleNode>): FlowNodeChoice[] {
  return [...elements.values()]
    .filter((e) => e.id && typeof e['$instanceOf'] === 'function' && e['$instanceOf']('bpmn:FlowNode') && e.$type !== 'bpmn:BoundaryEvent')
    .map((e) => ({ id: e.id!, name: e.name || e.id!, type: e.$type.replace('bpmn:', '') }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The change a token move makes, in words: what is canceled, what is started. */
export function describeMove(token: ActiveToken, target: FlowNodeChoice): string {
  return `cancel '${token.name}' (${token.transition ? 'transition instance' : 'activity instance'} ${token.id}), start before '${target.name}'`;
}

export function moveInstructions(token: ActiveToken, target: FlowNodeChoice): ModificationInstruction[] {
  return [
    token.transition ? { type: 'cancel', transitionInstanceId: token.id } : { type: 'cancel', activityInstanceId: token.id },
    { type: 'startBeforeActivity', activityId: target.id },
  ];
}

/**
 * Move token: pick an active activity instance and a target flow node, review the exact change,
 * then send the process-instance modification; the engine's error message shows on failure.
 */
export function MoveTokenDialog({ instanceId, tree, elements, onClose, onMoved }: {
  instanceId: string;
  tree: ActivityInstance | null;
  elements: ReadonlyMap<string, ModdleNode>;
  onClose: () => void;
  onMoved: (summary: string) => void;
}) {
  const tokens = activeTokens(tree);
  const targets = flowNodeChoices(elements);
  const [tokenId, setTokenId] = useState(tokens[0]?.id ?? '');
  const [targetId, setTargetId] = useState('');
  const [reviewing, setReviewing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const token = tokens.find((t) => t.id === tokenId) ?? null;
  const target = targets.find((t) => t.id === targetId) ?? null;

  const confirm = async () => {
    if (!token || !target) return;
    setBusy(true);
    try {
      await instances.modify(instanceId, moveInstructions(token, target));
      onMoved(describeMove(token, target));
    } catch (e) {
      setError(errorText(e));
      setReviewing(false);
    } finally {
      setBusy(false);
    }
  };

  return html`<${Modal} title="Move token" onClose=${onClose}>
    <div data-testid="move-token">
      <${ErrorNote} error=${error} />
      ${tokens.length === 0
        ? html`<p class="muted">The instance has no active activity to move.</p>`
        : reviewing && token && target
          ? html`<p>This will change the instance:</p>
            <p data-testid="move-token-summary"><strong>${describeMove(token, target)}</strong></p>
            <p class="muted">Both happen in one transaction; the canceled activity's task or job is removed.</p>
            <div class="outcomes">
              <button type="button" class="primary" data-testid="move-token-confirm" disabled=${busy} onClick=${confirm}>Move token</button>
              <button type="button" disabled=${busy} onClick=${() => setReviewing(false)}>Back</button>
            </div>`
          : html`<form class="form" onSubmit=${(e: Event) => { e.preventDefault(); if (token && target) { setError(null); setReviewing(true); } }}>
              <label>From the active activity
                <select name="activityInstance" data-testid="move-token-from" value=${tokenId} onChange=${(e: Event) => setTokenId((e.target as HTMLSelectElement).value)}>
                  ${tokens.map((t) => html`<option value=${t.id}>${t.name} (${t.id.slice(0, 8)}${t.transition ? ', waiting async' : ''})</option>`)}
                </select></label>
              <label>To before
                <select name="targetActivity" data-testid="move-token-to" value=${targetId} onChange=${(e: Event) => setTargetId((e.target as HTMLSelectElement).value)}>
                  <option value="">choose a step…</option>
                  ${targets.map((t) => html`<option value=${t.id}>${t.name} · ${t.type}</option>`)}
                </select></label>
              <div class="outcomes">
                <button type="submit" class="primary" data-testid="move-token-review" disabled=${!token || !target}>Review</button>
                <button type="button" onClick=${onClose}>Close</button>
              </div>
            </form>`}
    </div>
  <//>`;
}

import { useState } from 'preact/hooks';
import { html } from '../../app/html';
import { roleTitle } from '../../app/roles';
import { apiKeys, type ApiKey } from '../../api/admin';
import { formatDate } from '../../api/variables';
import { ErrorNote, Section, useLoad } from '../../components/common';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { usePeople } from '../../components/people';
import { ApiKeyDialog, EXTERNAL_TASK_ROLES } from './api-key-dialog';

function stateOf(key: ApiKey): 'revoked' | 'expired' | 'active' {
  if (key.revokedAt) return 'revoked';
  return key.expiresAt && new Date(key.expiresAt).getTime() <= Date.now() ? 'expired' : 'active';
}

/** API keys of workers and integrations: their roles, who made them, when used; create (the key shown once) and revoke. */
export function ApiKeysPage() {
  const list = useLoad(apiKeys.list, []);
  const people = usePeople();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const row = (key: ApiKey) => {
    const state = stateOf(key);
    return html`<tr data-api-key-id=${key.id} data-state=${state}>
      <td><strong>${key.name}</strong></td>
      <td>${key.roles.map(roleTitle).join(', ')}</td>
      <td data-testid="api-key-topics">${key.topics ? key.topics.join(', ') : key.roles.some((role) => EXTERNAL_TASK_ROLES.includes(role)) ? html`<span class="muted">every topic</span>` : html`<span class="muted">—</span>`}</td>
      <td>${key.actForUsers ? 'yes' : 'no'}</td>
      <td>${key.createdBy ? (people.get(key.createdBy) ?? 'a deactivated user') : html`<span class="muted">—</span>`}<br /><small class="muted">${formatDate(key.createdAt)}</small></td>
      <td>${key.expiresAt ? formatDate(key.expiresAt) : html`<span class="muted">never</span>`}</td>
      <td>${key.lastUsedAt ? formatDate(key.lastUsedAt) : html`<span class="muted">not yet</span>`}</td>
      <td>${state === 'active' ? 'active' : html`<span class="pill">${state}</span>`}</td>
      <td>${!key.revokedAt && html`<button type="button" class="link" data-testid="revoke-api-key" onClick=${() => setRevoking(key)}>Revoke</button>`}</td>
    </tr>`;
  };
  return html`<${Section} title="API keys" actions=${html`<button type="button" class="primary" data-testid="new-api-key" onClick=${() => setCreating(true)}>New API key</button>`}>
    <p class="muted">External task workers and integrations send an API key instead of signing in; its roles decide what it may do.</p>
    <${ErrorNote} error=${list.error} />
    <table data-testid="api-keys">
      <thead><tr><th>Name</th><th>Roles</th><th>External-task topics</th><th>Acts for users</th><th>Created by</th><th>Expires</th><th>Last used</th><th>State</th><th></th></tr></thead>
      <tbody>${(list.data ?? []).map(row)}</tbody>
    </table>
    ${list.data?.length === 0 && html`<p class="muted">No API keys yet.</p>`}
    ${creating && html`<${ApiKeyDialog} onCreated=${list.reload} onClose=${() => setCreating(false)} />`}
    ${revoking && html`<${ConfirmDialog} title=${`Revoke ${revoking.name}?`} confirmLabel="Revoke" onConfirm=${async () => { await apiKeys.revoke(revoking.id); list.reload(); }} onClose=${() => setRevoking(null)}>
      <p>Requests with the key <strong>${revoking.name}</strong> are refused from now on. This cannot be undone: a revoked key is replaced by a new one.</p>
    <//>`}
  <//>`;
}

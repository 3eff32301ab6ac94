import { useState } from 'preact/hooks';
import { html } from '../../app/html';
import { API_KEY_ROLES, roleTitle, roleWork, type ApiKeyRole } from '../../app/roles';
import { apiKeys, type ApiKey } from '../../api/admin';
import { ErrorNote, Modal, errorText } from '../../components/common';
import { CopyField } from '../../components/copy-field';

/** the end of the chosen day, local time */
function endOfDay(date: string): string | undefined {
  return date ? new Date(`${date}T23:59:59`).toISOString() : undefined;
}

/** the roles whose keys fetch and complete external tasks: only for them do topics mean anything */
export const EXTERNAL_TASK_ROLES: readonly ApiKeyRole[] = ['worker', 'ops', 'admin'];

/** topics as typed: one per line or separated by commas, each taken exactly as the model names it */
function topicsOf(text: string): string[] {
  return [...new Set(text.split(/[\n,]/).map((topic) => topic.trim()).filter((topic) => topic.length > 0))];
}

function tomorrow(): string {
  const date = new Date(Date.now() + 24 * 60 * 60 * 1000);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** A new API key: name, roles, whether it may act for users, the external-task topics it is limited to, an optional expiry; then the key, shown this once. */
export function ApiKeyDialog({ onCreated, onClose }: { onCreated: () => void; onClose: () => void }) {
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<readonly ApiKeyRole[]>(['worker']);
  const [actForUsers, setActForUsers] = useState(false);
  const [topicText, setTopicText] = useState('');
  const [expires, setExpires] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<(ApiKey & { key: string }) | null>(null);
  const toggle = (role: ApiKeyRole) => setRoles(roles.includes(role) ? roles.filter((r) => r !== role) : [...roles, role]);
  const worksExternalTasks = roles.some((role) => EXTERNAL_TASK_ROLES.includes(role));
  const topics = worksExternalTasks ? topicsOf(topicText) : [];
  const submit = async (e: Event) => {
    e.preventDefault();
    const problem = !name.trim() ? 'Enter a name that says who uses the key' : roles.length === 0 ? 'Pick at least one role' : null;
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      const expiresAt = endOfDay(expires);
      setCreated(await apiKeys.create({ name: name.trim(), roles, actForUsers, ...(topics.length > 0 ? { topics } : {}), ...(expiresAt ? { expiresAt } : {}) }));
      onCreated();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  if (created) {
    return html`<${Modal} title=${`API key ${created.name}`} onClose=${onClose}>
      <div class="form" data-testid="api-key-created">
        <p>Give this key to <strong>${created.name}</strong>; it sends it as <code>Authorization: Bearer …</code> or <code>X-API-Key</code>.</p>
        <${CopyField} label="API key" value=${created.key} testId="api-key-secret" />
        <p class="warning" role="alert">Copy the key now: it is not shown again. Only a hash of it is kept; a lost key is revoked and replaced.</p>
        <div class="actions"><button type="button" class="primary" onClick=${onClose}>I have copied it</button></div>
      </div>
    <//>`;
  }
  return html`<${Modal} title="New API key" onClose=${onClose}>
    <form class="form" data-testid="api-key-form" noValidate onSubmit=${submit}>
      <label>Name (who uses it) <input name="key-name" autocomplete="off" value=${name} onInput=${(e: Event) => setName((e.target as HTMLInputElement).value)} /></label>
      <fieldset>
        <legend>Roles</legend>
        ${API_KEY_ROLES.map((role) => html`<label class="choice">
          <input type="checkbox" name="roles" value=${role} checked=${roles.includes(role)} onChange=${() => toggle(role)} />
          <span><strong>${roleTitle(role)}</strong> <small class="muted">${roleWork(role)}</small></span>
        </label>`)}
      </fieldset>
      ${worksExternalTasks && html`<label>External-task topics (optional: one per line or separated by commas)
        <textarea name="topics" rows="2" autocomplete="off" placeholder="every topic" value=${topicText} onInput=${(e: Event) => setTopicText((e.target as HTMLTextAreaElement).value)}></textarea>
        <small class="muted">${topics.length > 0 ? `The key fetches, sees and completes tasks of ${topics.join(', ')} only.` : 'Empty: the key works on external tasks of every topic. Name the topics its worker serves, so that a leaked key cannot reach the others.'}</small>
      </label>`}
      <label class="choice"><input type="checkbox" name="act-for-users" checked=${actForUsers} onChange=${() => setActForUsers(!actForUsers)} />
        <span>May act for users: names the user in <code>X-User-Id</code> and then has that user's rights, not the key's</span></label>
      <label>Expires at the end of (optional) <input type="date" name="expires" min=${tomorrow()} value=${expires} onInput=${(e: Event) => setExpires((e.target as HTMLInputElement).value)} /></label>
      <${ErrorNote} error=${error} />
      <div class="actions">
        <button type="submit" class="primary" disabled=${busy} data-testid="create-api-key">Create key</button>
        <button type="button" onClick=${onClose}>Cancel</button>
      </div>
    </form>
  <//>`;
}

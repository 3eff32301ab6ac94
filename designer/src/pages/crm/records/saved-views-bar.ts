import { useState } from 'preact/hooks';
import { html } from '../../../app/html';
import { href, navigate } from '../../../app/router';
import { savedViews } from '../../../api/crm-records';
import { ErrorNote, errorText, useLoad } from '../../../components/common';

/** the user's saved views of a list: pick one (its filters and sort become the URL), save the current ones under a name, delete one */
export function SavedViewsBar({ list, current }: { list: string; current: Record<string, string> }) {
  const views = useLoad(() => savedViews.list(list), [list]);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const same = (query: Record<string, string>) => JSON.stringify(Object.entries(query).sort()) === JSON.stringify(Object.entries(current).sort());
  const selected = (views.data ?? []).find((v) => same(v.query));
  const act = async (action: () => Promise<string>) => {
    try {
      setMessage(await action());
      setError(null);
      views.reload();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const save = (event: Event) => {
    event.preventDefault();
    void act(async () => {
      const view = await savedViews.save(list, name, current);
      setName('');
      return `Saved view “${view.name}”`;
    });
  };
  const pick = (id: string) => {
    const view = views.data?.find((v) => v.id === id);
    navigate(href(`/crm/${list}`, view?.query ?? {}));
  };
  return html`<form class="saved-views" data-testid="saved-views" onSubmit=${save}>
    <label>View <select name="view" value=${selected?.id ?? ''} onChange=${(e: Event) => pick((e.target as HTMLSelectElement).value)}>
      <option value="">${selected ? 'all (no filters)' : '(current filters)'}</option>
      ${(views.data ?? []).map((v) => html`<option value=${v.id}>${v.name}</option>`)}
    </select></label>
    ${selected && html`<button type="button" class="link" data-testid="delete-view" onClick=${() => act(async () => { await savedViews.remove(selected.id); return `Deleted view “${selected.name}”`; })}>Delete view</button>`}
    <label>Save as <input name="viewName" placeholder="name of this view" value=${name} onInput=${(e: Event) => setName((e.target as HTMLInputElement).value)} /></label>
    <button type="submit" disabled=${!name.trim()}>Save view</button>
    ${message && html`<span class="message" role="status" data-testid="views-message">${message}</span>`}
    <${ErrorNote} error=${error ?? views.error} />
  </form>`;
}

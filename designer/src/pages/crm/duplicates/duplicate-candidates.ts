import { html } from '../../../app/html';
import { linkTo } from '../../../app/router';
import { RULE_LABELS, recordPath, type DuplicateCandidate } from '../../../api/duplicates';

interface Props {
  readonly candidates: readonly DuplicateCandidate[];
  /** repeat the create with `confirmDuplicate` (api/crm-records.ts, createRecord) */
  readonly onCreateAnyway: () => void;
  readonly onCancel: () => void;
  readonly busy?: boolean;
  /** the confirm button's words (a lead's conversion: "Convert anyway") */
  readonly anywayLabel?: string;
  /** a button beside each company found, e.g. "Convert into it" */
  readonly useCompany?: { readonly label: string; readonly onUse: (candidate: DuplicateCandidate) => void };
}

/**
 * What a create form shows when the server answers 409 CRM_LIKELY_DUPLICATE (likelyDuplicates(error)):
 * the records the new one looks like, why (the rules matched), each linked to its card; then
 * "Create anyway" or "Cancel".
 */
export function DuplicateCandidates({ candidates, onCreateAnyway, onCancel, busy = false, anywayLabel = 'Create anyway', useCompany }: Props) {
  const what = candidates[0]?.type === 'company' ? 'companies' : `${candidates[0]?.type ?? 'record'}s`;
  return html`<div class="duplicate-candidates" role="alert" data-testid="duplicate-candidates">
    <p><strong>This looks like ${candidates.length === 1 ? 'a record' : `${candidates.length} ${what}`} you already have.</strong> Open ${candidates.length === 1 ? 'it' : 'one'} instead, or go on anyway.</p>
    <ul>
      ${candidates.map((c) => html`<li data-testid="duplicate-candidate" data-record-id=${c.id}>
        <a href=${recordPath(c.type, c.id)} onClick=${linkTo(recordPath(c.type, c.id))}>${c.title}</a>
        ${c.detail && html` <span class="muted">· ${c.detail}</span>`}
        ${c.ownerName && html` <span class="muted">· ${c.ownerName}</span>`}
        ${' '}${c.matched.map((rule) => html`<span class="pill duplicate-rule" data-rule=${rule}>${RULE_LABELS[rule]}</span> `)}
        ${useCompany && c.type === 'company' && html` <button type="button" data-testid="use-candidate" disabled=${busy} onClick=${() => useCompany.onUse(c)}>${useCompany.label}</button>`}
      </li>`)}
    </ul>
    <div class="actions">
      <button type="button" data-testid="create-anyway" disabled=${busy} onClick=${onCreateAnyway}>${anywayLabel}</button>
      <button type="button" data-testid="cancel-create" disabled=${busy} onClick=${onCancel}>Cancel</button>
    </div>
  </div>`;
}

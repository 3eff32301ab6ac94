import { useState } from 'preact/hooks';
import { html } from '../../../app/html';
import { href, linkTo, navigate } from '../../../app/router';
import { recordAction, updateRecord, type CrmRecord } from '../../../api/crm-records';
import { likelyDuplicates, type DuplicateCandidate } from '../../../api/duplicates';
import { ErrorNote, errorText } from '../../../components/common';
import { DuplicateCandidates } from '../duplicates/duplicate-candidates';
import { CreateDialog } from './create-dialog';
import { ACTIVITY_KINDS, DEAL_STAGES, kindOfList, words, type RecordKind } from './record-kinds';

interface Props {
  readonly kind: RecordKind;
  readonly record: CrmRecord;
  readonly people: readonly { id: string; name: string }[];
  readonly onChanged: (message: string) => void;
}

const activityKind = kindOfList('activities')!;
const ACTIVITY_FIELDS = [
  { name: 'kind', label: 'Kind', input: 'select' as const, options: ACTIVITY_KINDS, required: true },
  { name: 'subject', label: 'Subject', input: 'text' as const, required: true },
  { name: 'dueAt', label: 'Due', input: 'datetime' as const },
  { name: 'ownerId', label: 'Owner', input: 'user' as const },
];

/**
 * What can be done to the record besides editing its fields: a lead is converted or disqualified,
 * a deal moves to another stage (the server keeps the stage rules: its 409 shows as it is) or asks
 * for approval, a complaint is resolved; any record gets an activity. The server decides who may.
 */
export function RecordActions({ kind, record, people, onChanged }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [stage, setStage] = useState(String(record['stage'] ?? ''));
  const [duplicates, setDuplicates] = useState<DuplicateCandidate[] | null>(null);
  const act = async (action: () => Promise<string>) => {
    try {
      const message = await action();
      setError(null);
      setOpen(null);
      setText('');
      setDuplicates(null);
      onChanged(message);
    } catch (e) {
      const candidates = likelyDuplicates(e);
      setDuplicates(candidates);
      setError(candidates ? null : errorText(e));
    }
  };
  /** a conversion that would make a likely duplicate is refused with the records found: into one of them, or anyway */
  const convert = (options: { confirmDuplicate?: boolean; companyId?: string } = {}) => act(async () => {
    const body = { ...(text.trim() ? { dealTitle: text.trim() } : {}), ...(options.companyId ? { companyId: options.companyId } : {}) };
    const converted = await recordAction('leads', record.id, options.confirmDuplicate ? 'convert?confirmDuplicate=true' : 'convert', body);
    const dealId = converted['dealId'] as string | undefined;
    if (dealId) navigate(href(`/crm/deals/${dealId}`));
    return 'Converted: the company, its contact and a deal were made';
  });
  const prompt = (name: string, label: string, submitLabel: string, run: () => Promise<string>) => open === name && html`<form class="form crm-action-form" data-testid=${`${name}-form`}
      onSubmit=${(e: Event) => { e.preventDefault(); void act(run); }}>
      <label>${label} <input name=${name} value=${text} onInput=${(e: Event) => setText((e.target as HTMLInputElement).value)} /></label>
      <div class="actions"><button type="submit" class="primary">${submitLabel}</button><button type="button" onClick=${() => setOpen(null)}>Cancel</button></div>
    </form>`;
  const toggle = (name: string) => () => { setText(''); setError(null); setDuplicates(null); setOpen(open === name ? null : name); };

  const leadOpen = kind.type === 'lead' && ['new', 'qualifying'].includes(String(record['status']));
  const dealOpen = kind.type === 'deal' && !['won', 'lost'].includes(String(record['stage']));
  const complaintOpen = kind.type === 'complaint' && ['new', 'in_progress', 'waiting_for_customer'].includes(String(record['status']));
  const mergeable = ['company', 'contact', 'lead'].includes(kind.type) && !record['archivedAt'];
  const mergePath = href('/crm/merge', { type: kind.type, keep: record.id });
  return html`<div class="crm-actions" data-testid="record-actions">
    <div class="toolbar">
      ${leadOpen && html`<button type="button" class="primary" data-testid="convert-lead" onClick=${toggle('convert')}>Convert…</button>
        <button type="button" data-testid="disqualify-lead" onClick=${toggle('disqualify')}>Disqualify…</button>`}
      ${dealOpen && html`<label class="inline">Stage <select name="stage" data-testid="deal-stage" value=${stage} onChange=${(e: Event) => setStage((e.target as HTMLSelectElement).value)}>
          ${DEAL_STAGES.map((s) => html`<option value=${s}>${words(s)}</option>`)}</select></label>
        <button type="button" data-testid="move-stage" disabled=${stage === record['stage']} onClick=${() => (stage === 'lost' ? toggle('lostReason')() : act(async () => { await updateRecord('deals', record.id, { stage }); return `Moved to ${words(stage)}`; }))}>Move</button>
        <button type="button" data-testid="request-approval" onClick=${toggle('discountPercent')}>Request approval…</button>`}
      ${complaintOpen && html`<button type="button" class="primary" data-testid="resolve-complaint" onClick=${toggle('resolution')}>Resolve…</button>`}
      <button type="button" data-testid="add-activity" onClick=${toggle('activity')}>Add activity…</button>
      ${mergeable && html`<a href=${mergePath} onClick=${linkTo(mergePath)} data-testid="find-duplicates">Duplicates…</a>`}
    </div>
    ${open === 'convert' && !duplicates && html`<form class="form crm-action-form" data-testid="convert-form"
      onSubmit=${(e: Event) => { e.preventDefault(); void convert(); }}>
      <label>Deal title (optional: the lead's company and person name it) <input name="convert" value=${text} onInput=${(e: Event) => setText((e.target as HTMLInputElement).value)} /></label>
      <div class="actions"><button type="submit" class="primary">Convert</button><button type="button" onClick=${() => setOpen(null)}>Cancel</button></div>
    </form>`}
    ${open === 'convert' && duplicates && html`<${DuplicateCandidates} candidates=${duplicates} anywayLabel="Convert anyway"
      useCompany=${{ label: 'Convert into this company', onUse: (c: DuplicateCandidate) => void convert({ companyId: c.id }) }}
      onCreateAnyway=${() => void convert({ confirmDuplicate: true })} onCancel=${() => { setDuplicates(null); setOpen(null); }} />`}
    ${prompt('disqualify', 'Reason', 'Disqualify', async () => { await recordAction('leads', record.id, 'disqualify', { reason: text }); return 'Disqualified'; })}
    ${prompt('lostReason', 'Lost reason', 'Mark as lost', async () => { await updateRecord('deals', record.id, { stage: 'lost', lostReason: text }); return 'Marked as lost'; })}
    ${prompt('discountPercent', 'Discount % (optional)', 'Request approval', async () => {
      await recordAction('deals', record.id, 'approval-requests', text.trim() ? { discountPercent: Number(text) } : {});
      return 'Approval requested: the approvers find it in their tasklist';
    })}
    ${prompt('resolution', 'Resolution', 'Resolve', async () => { await recordAction('complaints', record.id, 'resolve', { resolution: text }); return 'Resolved'; })}
    ${open === 'activity' && html`<${CreateDialog} kind=${activityKind} people=${people} fields=${ACTIVITY_FIELDS} preset=${{ recordType: kind.type, recordId: record.id }}
      onClose=${() => setOpen(null)} onCreated=${() => { setOpen(null); onChanged('Activity added'); }} />`}
    <${ErrorNote} error=${error} />
  </div>`;
}

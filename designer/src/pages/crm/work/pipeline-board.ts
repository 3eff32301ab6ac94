import { useEffect, useState } from 'preact/hooks';
import { html } from '../../../app/html';
import { linkTo, type Route } from '../../../app/router';
import { recordTitles } from '../../../api/crm';
import { ErrorNote, errorText, useLoad } from '../../../components/common';
import { usePeople } from '../../../components/people';
import { TextPromptDialog } from './text-prompt-dialog';
import { WorkFilters } from './work-filters';
import { amountsText, cardPath, DEAL_STAGES, dealsApi, type Deal, type DealStage } from './work-api';

const PAGE_SIZE = 20;
const STAGE_LABELS: Record<DealStage, string> = { new: 'New', qualification: 'Qualification', proposal: 'Proposal', negotiation: 'Negotiation', won: 'Won', lost: 'Lost' };

interface Card {
  readonly deal: Deal;
  readonly company: string | null;
}
interface Column {
  readonly items: readonly Card[];
  readonly total: number;
  readonly page: number;
}
type Columns = Readonly<Record<DealStage, Column>>;

/** the board's filters, kept in the URL */
function filtersOf(query: URLSearchParams) {
  return { ownerId: query.get('owner'), teamId: query.get('team'), minAmount: query.get('min'), maxAmount: query.get('max'), q: query.get('q') };
}
type Filters = ReturnType<typeof filtersOf>;

/** one page of a stage's deals, largest first, with their companies' names */
async function loadCards(filters: Filters, stage: DealStage, page: number): Promise<{ items: Card[]; total: number }> {
  const result = await dealsApi.list({ ...filters, stage, page, pageSize: PAGE_SIZE, sort: '-amount' });
  const companies = await recordTitles(result.items.map((d) => d.companyId));
  return { items: result.items.map((deal) => ({ deal, company: companies.get(deal.companyId)?.title ?? null })), total: result.total };
}

/** the card taken out of its column and put on top of `to` */
function withCardMoved(columns: Columns, card: Card, to: DealStage): Columns {
  const from = card.deal.stage;
  const moved: Card = { ...card, deal: { ...card.deal, stage: to } };
  return {
    ...columns,
    [from]: { ...columns[from], items: columns[from].items.filter((c) => c.deal.id !== card.deal.id), total: columns[from].total - 1 },
    [to]: { ...columns[to], items: [moved, ...columns[to].items], total: columns[to].total + 1 },
  };
}

/**
 * The pipeline board: deals by stage, each column with its count and amount and paged (load more).
 * A card is dragged to another column (or moved with its menu) and the server decides: a refused
 * move (a won deal whose approval is pending, ...) puts the card back and says why; lost asks for the reason.
 */
export function PipelineBoard({ route }: { route: Route }) {
  const filters = filtersOf(route.query);
  const key = JSON.stringify(filters);
  const people = usePeople();
  const summary = useLoad(() => dealsApi.pipeline(filters), [key]);
  const [columns, setColumns] = useState<Columns | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [askLost, setAskLost] = useState<Card | null>(null);
  const [dragOver, setDragOver] = useState<DealStage | null>(null);

  useEffect(() => {
    let cancelled = false;
    setColumns(null);
    Promise.all(DEAL_STAGES.map((stage) => loadCards(filters, stage, 1)))
      .then((loaded) => !cancelled && setColumns(Object.fromEntries(DEAL_STAGES.map((stage, i) => [stage, { ...loaded[i]!, page: 1 }])) as unknown as Columns))
      .catch((e: unknown) => !cancelled && setError(errorText(e)));
    return () => void (cancelled = true);
  }, [key]);

  const loadMore = async (stage: DealStage) => {
    if (!columns) return;
    const next = columns[stage].page + 1;
    try {
      const more = await loadCards(filters, stage, next);
      setColumns((c) => c && { ...c, [stage]: { items: [...c[stage].items, ...more.items.filter((m) => !c[stage].items.some((i) => i.deal.id === m.deal.id))], total: more.total, page: next } });
    } catch (e) {
      setError(errorText(e));
    }
  };

  const move = async (card: Card, to: DealStage, lostReason?: string) => {
    if (!columns || card.deal.stage === to) return;
    if (to === 'lost' && !lostReason) return setAskLost(card);
    const before = columns;
    setColumns(withCardMoved(columns, card, to));
    setError(null);
    setMessage(null);
    try {
      await dealsApi.move(card.deal.id, to, lostReason);
      setMessage(`${card.deal.title} moved to ${STAGE_LABELS[to]}`);
      summary.reload();
    } catch (e) {
      setColumns(before);
      setError(`${card.deal.title} stays in ${STAGE_LABELS[card.deal.stage]}: ${errorText(e)}`);
    }
  };

  const cardById = (id: string) => (columns ? DEAL_STAGES.flatMap((s) => columns[s].items).find((c) => c.deal.id === id) : undefined);
  const drop = (stage: DealStage) => (event: DragEvent) => {
    event.preventDefault();
    setDragOver(null);
    const card = cardById(event.dataTransfer?.getData('text/plain') ?? '');
    if (card) void move(card, stage);
  };

  const renderCard = (card: Card) => {
    const { deal } = card;
    return html`<article class="deal-card" draggable=${true} data-testid="deal-card" data-deal-id=${deal.id} data-stage=${deal.stage}
      onDragStart=${(e: DragEvent) => { e.dataTransfer?.setData('text/plain', deal.id); if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move'; }}>
      <a class="deal-title" href=${cardPath('deal', deal.id)} onClick=${linkTo(cardPath('deal', deal.id))}>${deal.title}</a>
      <div class="muted small">${card.company ? html`<a href=${cardPath('company', deal.companyId)} onClick=${linkTo(cardPath('company', deal.companyId))}>${card.company}</a>` : 'company not visible'}</div>
      <div class="deal-facts"><strong>${deal.amount.toLocaleString('en')} ${deal.currency}</strong><span class="muted small" data-testid="deal-owner">${deal.ownerId ? (people.get(deal.ownerId) ?? 'former user') : 'no owner'}</span></div>
      ${deal.approvalStatus === 'pending' && html`<span class="pill warn-pill">approval pending</span>`}
      <select class="move-menu small" aria-label=${`Move ${deal.title} to`} data-testid="move-menu" value="" onChange=${(e: Event) => {
        const to = (e.target as HTMLSelectElement).value as DealStage;
        (e.target as HTMLSelectElement).value = '';
        if (to) void move(card, to);
      }}>
        <option value="">Move to…</option>
        ${DEAL_STAGES.filter((s) => s !== deal.stage).map((s) => html`<option value=${s}>${STAGE_LABELS[s]}</option>`)}
      </select>
    </article>`;
  };

  const renderColumn = (stage: DealStage) => {
    const column = columns?.[stage];
    const head = summary.data?.stages.find((s) => s.stage === stage);
    return html`<section class=${`pipeline-column${dragOver === stage ? ' drag-over' : ''}`} data-testid="pipeline-column" data-stage=${stage} aria-label=${STAGE_LABELS[stage]}
      onDragOver=${(e: DragEvent) => { e.preventDefault(); if (dragOver !== stage) setDragOver(stage); }}
      onDragLeave=${() => setDragOver(null)} onDrop=${drop(stage)}>
      <header class="pipeline-column-head">
        <h3>${STAGE_LABELS[stage]} <span class="count" data-testid="column-count">${column?.total ?? head?.count ?? '…'}</span></h3>
        <div class="muted small" data-testid="column-amount">${head ? amountsText(head.amountByCurrency) : '…'}</div>
      </header>
      <div class="pipeline-cards">${column ? column.items.map(renderCard) : html`<p class="muted small">Loading…</p>`}</div>
      ${column && column.items.length < column.total && html`<button type="button" class="link" data-testid="load-more" onClick=${() => loadMore(stage)}>Load more (${column.items.length} of ${column.total})</button>`}
    </section>`;
  };

  return html`<div class="pipeline" data-testid="pipeline">
    <${WorkFilters} query=${route.query} people=${people} fields=${['owner', 'team', 'min', 'max', 'q']} />
    ${message && html`<p class="message" role="status" data-testid="pipeline-message">${message}</p>`}
    <${ErrorNote} error=${error ?? summary.error} />
    <div class="pipeline-board">${DEAL_STAGES.map(renderColumn)}</div>
    ${askLost && html`<${TextPromptDialog} title=${`Why was ${askLost.deal.title} lost?`} label="Lost reason" confirmLabel="Mark lost" testId="lost-reason-dialog"
      onSubmit=${(reason: string) => move(askLost, 'lost', reason)} onClose=${() => setAskLost(null)} />`}
  </div>`;
}

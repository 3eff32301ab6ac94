import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { checkOwnerChange, ownerOfNew } from '../access/owner-rules.js';
import { whereVisible } from '../access/record-access.js';
import type { RecordViewer } from '../access/record-viewer.js';
import { Company } from '../companies/company.entity.js';
import { Contact } from '../companies/contact.entity.js';
import { CrmDatabase } from '../shared/crm-database.js';
import type { CrmTx } from '../shared/crm-tx.js';
import { applyFilters } from '../shared/list-filters.js';
import { readPage, type ListedQuery, type PageResult } from '../shared/list-query.js';
import { RecordStore } from '../shared/record-store.js';
import { isUuid } from '../shared/record-types.js';
import { definedOnly } from '../shared/defined-only.js';
import { users } from '../users/users.service.js';
import { Deal, DEAL_STAGES, type DealStage } from './deal.entity.js';
import { DealProductsService } from './deal-products.service.js';
import { dealList, type ApprovalRequest, type CreateDeal, type DealListQuery, type DealProductLine, type UpdateDeal } from './deal-schemas.js';
import { isClosed, STAGE_PROBABILITY } from './deal-stages.js';
import type { DealProduct } from './product.entity.js';
import { CrmConflictError, CrmInvalidRequestError } from '../shared/crm-errors.js';

export const deals = new RecordStore(Deal, 'deal', 'Deal');
const companyRefs = new RecordStore(Company, 'company', 'Company');
const contactRefs = new RecordStore(Contact, 'contact', 'Contact');

const SORT = {
  sortable: { title: 'title', amount: 'amount', stage: 'stage', probability: 'probability', expectedCloseDate: 'expectedCloseDate', createdAt: 'createdAt', updatedAt: 'updatedAt' },
  defaultSort: '-createdAt',
};

export type DealWithProducts = Deal & { products: DealProduct[] };

export interface PipelineColumn {
  readonly stage: DealStage;
  readonly count: number;
  readonly amountByCurrency: Readonly<Record<string, number>>;
}

/** Deals through their stages; an approval request starts deal-approval. */
@Injectable()
export class DealsService {
  constructor(
    private readonly db: CrmDatabase,
    private readonly lines: DealProductsService,
  ) {}

  list(query: DealListQuery, viewer: RecordViewer): Promise<PageResult<Deal>> {
    const { qb, spec, options } = this.listed(query, viewer);
    return readPage(qb, query, spec, options);
  }

  /** the list's rows before paging (an export reads them page by page after the last row read) */
  listed(query: DealListQuery, viewer: RecordViewer): ListedQuery<Deal> {
    const qb = whereVisible(this.db.dataSource.getRepository(Deal).createQueryBuilder('d'), 'deal', viewer);
    return { qb, spec: SORT, options: applyFilters(qb, dealList, query) };
  }

  /** per stage: how many deals the filters leave and their amount per currency (paging and sort ignored) */
  async pipeline(query: DealListQuery, viewer: RecordViewer): Promise<{ stages: PipelineColumn[] }> {
    const qb = whereVisible(this.db.dataSource.getRepository(Deal).createQueryBuilder('d'), 'deal', viewer);
    applyFilters(qb, dealList, query);
    const rows = await qb
      .select('d.stage', 'stage').addSelect('d.currency', 'currency').addSelect('count(*)::int', 'count').addSelect('sum(d.amount)::text', 'amount')
      .groupBy('d.stage').addGroupBy('d.currency')
      .getRawMany<{ stage: DealStage; currency: string; count: number; amount: string }>();
    return {
      stages: DEAL_STAGES.map((stage) => {
        const inStage = rows.filter((r) => r.stage === stage);
        return { stage, count: inStage.reduce((n, r) => n + Number(r.count), 0), amountByCurrency: Object.fromEntries(inStage.map((r) => [r.currency, Number(r.amount)])) };
      }),
    };
  }

  async get(id: string, viewer: RecordViewer): Promise<DealWithProducts> {
    const manager = this.db.dataSource.manager;
    const deal = await deals.visible(manager, id, viewer);
    return { ...deal, products: await this.lines.of(manager, id) };
  }

  /** a deal with a company (and contact) the caller sees; the caller owns it unless they may give it to someone */
  create(actor: string, input: CreateDeal, viewer: RecordViewer): Promise<DealWithProducts> {
    return this.db.transaction(actor, async (tx) => {
      await this.checkRecords(tx, input.companyId, input.contactId ?? null, viewer);
      return this.insert(tx, { ...input, ownerId: await ownerOfNew(tx.manager, viewer, input.ownerId, 'ownerId', 'deal') });
    });
  }

  async insert(tx: CrmTx, input: CreateDeal & { leadId?: string }): Promise<DealWithProducts> {
    await this.checkReferences(tx, input.companyId, input.contactId ?? null, input.ownerId ?? null);
    const lines = input.products ? await this.lines.price(tx, input.products, input.currency) : [];
    const amount = input.amount ?? lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
    const stage = input.stage ?? 'new';
    if (stage === 'lost' && !input.lostReason) throw new CrmInvalidRequestError(`Invalid request body: 'lostReason' is required for a lost deal`);
    const now = new Date();
    const deal = await deals.insert(tx, {
      id: randomUUID(),
      title: input.title,
      companyId: input.companyId,
      contactId: input.contactId ?? null,
      amount,
      currency: input.currency,
      stage,
      probability: input.probability ?? STAGE_PROBABILITY[stage],
      ownerId: input.ownerId ?? null,
      expectedCloseDate: input.expectedCloseDate ?? null,
      lostReason: input.lostReason ?? null,
      productCategory: input.productCategory ?? null,
      discountPercent: 0,
      requestedDiscountPercent: null,
      approvalStatus: 'none',
      leadId: input.leadId ?? null,
      closedAt: isClosed(stage) ? now : null,
      archivedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    return { ...deal, products: await this.lines.replace(tx, deal.id, lines) };
  }

  update(actor: string, id: string, patch: UpdateDeal, viewer: RecordViewer): Promise<Deal> {
    return this.db.transaction(actor, async (tx) => {
      const before = await deals.visible(tx.manager, id, viewer);
      await checkOwnerChange(tx.manager, viewer, before.ownerId, patch.ownerId, 'ownerId', 'deal');
      if (patch.companyId || patch.contactId) await this.checkRecords(tx, patch.companyId ?? before.companyId, patch.contactId ?? null, viewer);
      await this.checkReferences(tx, patch.companyId ?? before.companyId, patch.contactId === undefined ? before.contactId : patch.contactId, patch.ownerId ?? null);
      return this.applyChange(tx, before, definedOnly(patch) as Partial<Deal>);
    });
  }

  /**
   * stage changes keep probability, closing date and lost reason consistent; a deal whose approval
   * is pending or was rejected cannot be won (from any path: the API, the web app, a process)
   */
  async applyChange(tx: CrmTx, before: Deal, patch: Partial<Deal>, action = 'updated'): Promise<Deal> {
    const change = { ...patch };
    const approval = change.approvalStatus ?? before.approvalStatus;
    if (change.stage === 'won' && before.stage !== 'won' && (approval === 'pending' || approval === 'rejected')) {
      throw new CrmConflictError(
        `Deal '${before.title}' cannot be won while its approval is ${approval}: ${approval === 'pending' ? 'wait for the approval to decide' : 'revise and resubmit it, or withdraw the request'}`,
        'CRM_DEAL_APPROVAL_OPEN',
      );
    }
    if (change.stage && change.stage !== before.stage) {
      change.probability ??= STAGE_PROBABILITY[change.stage];
      change.closedAt = isClosed(change.stage) ? new Date() : null;
    }
    const stage = change.stage ?? before.stage;
    if (stage === 'lost' && !(change.lostReason ?? before.lostReason)) {
      throw new CrmInvalidRequestError(`Invalid request body: 'lostReason' is required for a lost deal`);
    }
    const after = await deals.update(tx, before, change, action);
    if (after.stage !== before.stage) await tx.emit('deal.stageChanged', 'deal', before.id, { dealId: before.id, from: before.stage, to: after.stage });
    return after;
  }

  setProducts(actor: string, id: string, input: DealProductLine[], viewer: RecordViewer): Promise<DealWithProducts> {
    return this.db.transaction(actor, async (tx) => {
      const before = await deals.visible(tx.manager, id, viewer);
      const lines = await this.lines.price(tx, input, before.currency);
      const products = await this.lines.replace(tx, id, lines);
      const amount = lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
      const deal = await deals.update(tx, before, { amount }, 'products changed');
      return { ...deal, products };
    });
  }

  /**
   * asks for approval of the deal (and a discount): emits `deal.approvalRequested`. The discount is
   * kept as requested; the approval process applies it when it approves (crm.deal.updateStage).
   */
  requestApproval(actor: string, id: string, request: ApprovalRequest, viewer: RecordViewer): Promise<Deal> {
    return this.db.transaction(actor, async (tx) => {
      const before = await deals.visible(tx.manager, id, viewer);
      if (before.approvalStatus === 'pending') throw new CrmInvalidRequestError(`Deal '${before.title}' already waits for approval`, 'CRM_INVALID_STATE');
      if (isClosed(before.stage)) throw new CrmInvalidRequestError(`Deal '${before.title}' is ${before.stage}: closed deals need no approval`, 'CRM_INVALID_STATE');
      const discountPercent = request.discountPercent ?? before.discountPercent;
      const deal = await deals.update(tx, before, { approvalStatus: 'pending', requestedDiscountPercent: discountPercent }, 'approval requested');
      const requester = (await users.find(tx.manager, isUuid(actor) ? actor : '00000000-0000-0000-0000-000000000000')) ? actor : before.ownerId;
      await tx.emit('deal.approvalRequested', 'deal', id, {
        dealId: id,
        title: deal.title,
        amount: deal.amount,
        currency: deal.currency,
        discountPercent,
        productCategory: deal.productCategory,
        requesterId: requester,
        comment: request.comment ?? null,
      });
      return deal;
    });
  }

  archive(actor: string, id: string, viewer: RecordViewer): Promise<Deal> {
    return this.db.transaction(actor, async (tx) => {
      const before = await deals.visible(tx.manager, id, viewer);
      return before.archivedAt ? before : deals.update(tx, before, { archivedAt: new Date() }, 'archived');
    });
  }

  /** a company and contact named in a request must be ones the caller sees: others are answered like unknown ids */
  private async checkRecords(tx: CrmTx, companyId: string, contactId: string | null, viewer: RecordViewer): Promise<void> {
    await companyRefs.referenced(tx.manager, companyId, 'companyId', viewer);
    if (contactId) await contactRefs.referenced(tx.manager, contactId, 'contactId', viewer);
  }

  private async checkReferences(tx: CrmTx, companyId: string, contactId: string | null, ownerId: string | null): Promise<void> {
    await companyRefs.referenced(tx.manager, companyId, 'companyId');
    if (contactId) {
      const contact = await contactRefs.referenced(tx.manager, contactId, 'contactId');
      if (contact.companyId !== companyId) throw new CrmInvalidRequestError(`Invalid request body: 'contactId' is a contact of another company`);
    }
    if (ownerId) await users.referenced(tx.manager, ownerId, 'ownerId');
  }
}

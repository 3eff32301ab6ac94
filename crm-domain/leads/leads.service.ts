import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { checkOwnerChange, ownerOfNew } from '../access/owner-rules.js';
import { whereVisible } from '../access/record-access.js';
import type { RecordViewer } from '../access/record-viewer.js';
import { CrmDatabase } from '../shared/crm-database.js';
import type { CrmTx } from '../shared/crm-tx.js';
import { applyFilters } from '../shared/list-filters.js';
import { readPage, type ListedQuery, type PageResult } from '../shared/list-query.js';
import { RecordStore } from '../shared/record-store.js';
import { definedOnly } from '../shared/defined-only.js';
import { users } from '../users/users.service.js';
import { Lead } from './lead.entity.js';
import { leadList, type CreateLead, type LeadListQuery, type UpdateLead } from './lead-schemas.js';
import { CrmInvalidRequestError } from '../shared/crm-errors.js';

export const leads = new RecordStore(Lead, 'lead', 'Lead');

const SORT = {
  sortable: { createdAt: 'createdAt', personName: 'personName', companyName: 'companyName', estimatedAmount: 'estimatedAmount', status: 'status' },
  defaultSort: '-createdAt',
};

/** Leads from web forms, seminars, calls and imports; a new lead starts its routing process. */
@Injectable()
export class LeadsService {
  constructor(private readonly db: CrmDatabase) {}

  list(query: LeadListQuery, viewer: RecordViewer): Promise<PageResult<Lead>> {
    const { qb, spec, options } = this.listed(query, viewer);
    return readPage(qb, query, spec, options);
  }

  /** the list's rows before paging (an export reads them page by page after the last row read) */
  listed(query: LeadListQuery, viewer: RecordViewer): ListedQuery<Lead> {
    const qb = whereVisible(this.db.dataSource.getRepository(Lead).createQueryBuilder('l'), 'lead', viewer);
    return { qb, spec: SORT, options: applyFilters(qb, leadList, query) };
  }

  get(id: string, viewer: RecordViewer): Promise<Lead> {
    return leads.visible(this.db.dataSource.manager, id, viewer);
  }

  /** the caller owns the lead they create, unless they may give it to someone (see owner-rules) */
  create(actor: string, input: CreateLead, viewer: RecordViewer): Promise<Lead> {
    return this.db.transaction(actor, async (tx) => this.insert(tx, { ...input, ownerId: await ownerOfNew(tx.manager, viewer, input.ownerId, 'ownerId', 'lead') }));
  }

  /** inserts the lead and emits `lead.created` (which starts lead-routing by default) */
  async insert(tx: CrmTx, input: CreateLead): Promise<Lead> {
    if (input.ownerId) await users.referenced(tx.manager, input.ownerId, 'ownerId');
    const now = new Date();
    const lead = await leads.insert(tx, {
      id: randomUUID(),
      source: input.source,
      personName: input.personName,
      companyName: input.companyName ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      estimatedAmount: input.estimatedAmount ?? null,
      currency: input.currency ?? 'EUR',
      region: input.region ?? null,
      status: 'new',
      ownerId: input.ownerId ?? null,
      notes: input.notes ?? null,
      disqualifyReason: null,
      convertedCompanyId: null,
      convertedContactId: null,
      convertedDealId: null,
      convertedAt: null,
      archivedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await tx.emit('lead.created', 'lead', lead.id, {
      leadId: lead.id,
      amount: lead.estimatedAmount ?? 0,
      currency: lead.currency,
      source: lead.source,
      region: lead.region,
      personName: lead.personName,
      companyName: lead.companyName,
    });
    return lead;
  }

  update(actor: string, id: string, patch: UpdateLead, viewer: RecordViewer): Promise<Lead> {
    return this.db.transaction(actor, async (tx) => {
      const before = await leads.visible(tx.manager, id, viewer);
      this.assertOpen(before);
      await checkOwnerChange(tx.manager, viewer, before.ownerId, patch.ownerId, 'ownerId', 'lead');
      if (patch.ownerId) await users.referenced(tx.manager, patch.ownerId, 'ownerId');
      return leads.update(tx, before, definedOnly(patch) as Partial<Lead>);
    });
  }

  /** disqualifies the lead and tells its waiting process (`lead.disqualified`) */
  disqualify(actor: string, id: string, reason: string, viewer: RecordViewer): Promise<Lead> {
    return this.db.transaction(actor, async (tx) => {
      const before = await leads.visible(tx.manager, id, viewer);
      this.assertOpen(before);
      const lead = await leads.update(tx, before, { status: 'disqualified', disqualifyReason: reason }, 'disqualified');
      await tx.emit('lead.disqualified', 'lead', id, { disqualifyReason: reason });
      return lead;
    });
  }

  archive(actor: string, id: string, viewer: RecordViewer): Promise<Lead> {
    return this.db.transaction(actor, async (tx) => {
      const before = await leads.visible(tx.manager, id, viewer);
      return before.archivedAt ? before : leads.update(tx, before, { archivedAt: new Date() }, 'archived');
    });
  }

  assertOpen(lead: Lead): void {
    if (lead.status === 'converted' || lead.status === 'disqualified') {
      throw new CrmInvalidRequestError(`Lead '${lead.id}' is already ${lead.status}`, 'CRM_INVALID_STATE');
    }
  }
}

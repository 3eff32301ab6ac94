import { Injectable } from '@nestjs/common';
import type { RecordViewer } from '../access/record-viewer.js';
import { CompaniesService } from '../companies/companies.service.js';
import { Company } from '../companies/company.entity.js';
import { ContactsService } from '../companies/contacts.service.js';
import { DealsService } from '../deals/deals.service.js';
import type { DuplicateCandidate } from '../duplicates/duplicate-finder.js';
import { DuplicatesService } from '../duplicates/duplicates.service.js';
import { CrmDatabase } from '../shared/crm-database.js';
import type { CrmTx } from '../shared/crm-tx.js';
import { RecordStore } from '../shared/record-store.js';
import type { Lead } from './lead.entity.js';
import type { ConvertLead } from './lead-schemas.js';
import { leads, LeadsService } from './leads.service.js';

const companyRefs = new RecordStore(Company, 'company', 'Company');

export interface Conversion {
  readonly lead: Lead;
  readonly companyId: string;
  readonly contactId: string;
  readonly dealId: string;
}

/** Converts a lead into a company (new or existing), a contact and a deal in one transaction. */
@Injectable()
export class LeadConversionService {
  constructor(
    private readonly db: CrmDatabase,
    private readonly leadsService: LeadsService,
    private readonly companies: CompaniesService,
    private readonly contacts: ContactsService,
    private readonly deals: DealsService,
    private readonly duplicates: DuplicatesService,
  ) {}

  /**
   * The new company, contact and deal belong to the lead's owner; an existing company must be one
   * the caller sees. Like a create, the conversion is refused (409 CRM_LIKELY_DUPLICATE) when the
   * company or the contact it would make looks like one the caller has, unless `query` says
   * `confirmDuplicate=true`: the caller then converts into that company, or confirms.
   */
  convert(actor: string, id: string, input: ConvertLead, viewer: RecordViewer, query: unknown = {}): Promise<Conversion> {
    return this.db.transaction(actor, async (tx) => {
      const before = await leads.visible(tx.manager, id, viewer);
      this.leadsService.assertOpen(before);
      await this.duplicates.refuseLikely(wouldMake(before, input), viewer, query, tx.manager);
      const { companyId, contactId } = await this.account(tx, before, input, viewer);
      const deal = await this.deals.insert(tx, {
        title: input.dealTitle ?? `${before.companyName ?? before.personName}: first deal`,
        companyId,
        contactId,
        amount: input.amount ?? before.estimatedAmount ?? 0,
        currency: input.currency ?? before.currency,
        stage: 'qualification',
        ownerId: before.ownerId,
        expectedCloseDate: input.expectedCloseDate ?? null,
        leadId: before.id,
      });
      const lead = await leads.update(tx, before, {
        status: 'converted',
        convertedCompanyId: companyId,
        convertedContactId: contactId,
        convertedDealId: deal.id,
        convertedAt: new Date(),
      }, 'converted');
      await tx.emit('lead.converted', 'lead', id, { companyId, contactId, dealId: deal.id });
      return { lead, companyId, contactId, dealId: deal.id };
    });
  }

  private async account(tx: CrmTx, lead: Lead, input: ConvertLead, viewer: RecordViewer): Promise<{ companyId: string; contactId: string }> {
    const person = { fullName: lead.personName, email: lead.email, mobilePhone: lead.phone, ownerId: lead.ownerId };
    if (input.companyId) {
      await companyRefs.referenced(tx.manager, input.companyId, 'companyId', viewer);
      const contact = await this.contacts.insert(tx, { ...person, companyId: input.companyId });
      return { companyId: input.companyId, contactId: contact.id };
    }
    const company = await this.companies.insert(tx, {
      name: lead.companyName ?? lead.personName,
      type: input.companyType ?? 'client',
      email: lead.email,
      phones: lead.phone ? [lead.phone] : [],
      ownerId: lead.ownerId,
      primaryContact: person,
    });
    return { companyId: company.id, contactId: company.contacts[0]!.id };
  }
}

/** what the conversion would create, as the duplicates rules see it: a new company with its contact, or a contact at the company given */
function wouldMake(lead: Lead, input: ConvertLead): DuplicateCandidate[] {
  const contact: DuplicateCandidate = { type: 'contact', name: lead.personName, email: lead.email, phones: [lead.phone], companyId: input.companyId ?? null };
  if (input.companyId) return [contact];
  return [{ type: 'company', name: lead.companyName ?? lead.personName, email: lead.email, phones: [lead.phone] }, contact];
}

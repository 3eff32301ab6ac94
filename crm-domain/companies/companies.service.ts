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
import { Company } from './company.entity.js';
import { companyList, type CompanyListQuery, type CreateCompany, type UpdateCompany } from './company-schemas.js';
import type { Contact } from './contact.entity.js';
import { ContactsService } from './contacts.service.js';

export const companies = new RecordStore(Company, 'company', 'Company');

const SORT = { sortable: { name: 'name', type: 'type', industry: 'industry', employees: 'employees', createdAt: 'createdAt' }, defaultSort: 'name' };

@Injectable()
export class CompaniesService {
  constructor(
    private readonly db: CrmDatabase,
    private readonly contactsService: ContactsService,
  ) {}

  list(query: CompanyListQuery, viewer: RecordViewer): Promise<PageResult<Company>> {
    const { qb, spec, options } = this.listed(query, viewer);
    return readPage(qb, query, spec, options);
  }

  /** the list's rows before paging (an export reads them page by page after the last row read) */
  listed(query: CompanyListQuery, viewer: RecordViewer): ListedQuery<Company> {
    const qb = whereVisible(this.db.dataSource.getRepository(Company).createQueryBuilder('c'), 'company', viewer);
    return { qb, spec: SORT, options: applyFilters(qb, companyList, query) };
  }

  /** the company with its contacts */
  async get(id: string, viewer: RecordViewer): Promise<Company & { contacts: Contact[] }> {
    const company = await companies.visible(this.db.dataSource.manager, id, viewer);
    const list = await this.contactsService.list({ companyId: id, page: 1, pageSize: 200 }, viewer);
    return { ...company, contacts: list.items };
  }

  /** the caller owns what they create, unless they may give it to someone (see owner-rules) */
  create(actor: string, input: CreateCompany, viewer: RecordViewer): Promise<Company & { contacts: Contact[] }> {
    return this.db.transaction(actor, async (tx) => {
      const ownerId = await ownerOfNew(tx.manager, viewer, input.ownerId, 'ownerId', 'company');
      const contactOwner = input.primaryContact.ownerId ? await ownerOfNew(tx.manager, viewer, input.primaryContact.ownerId, 'primaryContact.ownerId', 'contact') : ownerId;
      return this.insert(tx, { ...input, ownerId, primaryContact: { ...input.primaryContact, ownerId: contactOwner } });
    });
  }

  async insert(tx: CrmTx, input: CreateCompany): Promise<Company & { contacts: Contact[] }> {
    if (input.ownerId) await users.referenced(tx.manager, input.ownerId, 'ownerId');
    const now = new Date();
    const { primaryContact, ...fields } = input;
    const company = await companies.insert(tx, {
      id: randomUUID(),
      name: fields.name,
      type: fields.type,
      industry: fields.industry ?? null,
      employees: fields.employees ?? null,
      founded: fields.founded ?? null,
      phones: fields.phones ?? [],
      email: fields.email ?? null,
      address: fields.address ?? null,
      taxId: fields.taxId ?? null,
      city: fields.city ?? null,
      ownerId: fields.ownerId ?? null,
      archivedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    const contact = await this.contactsService.insert(tx, { ...primaryContact, companyId: company.id, ownerId: primaryContact.ownerId ?? company.ownerId });
    return { ...company, contacts: [contact] };
  }

  update(actor: string, id: string, patch: UpdateCompany, viewer: RecordViewer): Promise<Company> {
    return this.db.transaction(actor, async (tx) => {
      const before = await companies.visible(tx.manager, id, viewer);
      await checkOwnerChange(tx.manager, viewer, before.ownerId, patch.ownerId, 'ownerId', 'company');
      if (patch.ownerId) await users.referenced(tx.manager, patch.ownerId, 'ownerId');
      return companies.update(tx, before, definedOnly(patch) as Partial<Company>);
    });
  }

  archive(actor: string, id: string, viewer: RecordViewer): Promise<Company> {
    return this.db.transaction(actor, async (tx) => {
      const before = await companies.visible(tx.manager, id, viewer);
      return before.archivedAt ? before : companies.update(tx, before, { archivedAt: new Date() }, 'archived');
    });
  }
}


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
import { Contact } from './contact.entity.js';
import { contactList, type ContactListQuery, type CreateContact, type UpdateContact } from './company-schemas.js';
import { CrmInvalidRequestError } from '../shared/crm-errors.js';

export const contacts = new RecordStore(Contact, 'contact', 'Contact');
const companyRefs = new RecordStore(Company, 'company', 'Company');

const SORT = { sortable: { fullName: 'fullName', email: 'email', createdAt: 'createdAt' }, defaultSort: 'fullName' };

@Injectable()
export class ContactsService {
  constructor(private readonly db: CrmDatabase) {}

  list(query: ContactListQuery, viewer: RecordViewer): Promise<PageResult<Contact>> {
    const { qb, spec, options } = this.listed(query, viewer);
    return readPage(qb, query, spec, options);
  }

  /** the list's rows before paging (an export reads them page by page after the last row read) */
  listed(query: ContactListQuery, viewer: RecordViewer): ListedQuery<Contact> {
    const qb = whereVisible(this.db.dataSource.getRepository(Contact).createQueryBuilder('p'), 'contact', viewer);
    return { qb, spec: SORT, options: applyFilters(qb, contactList, query) };
  }

  get(id: string, viewer: RecordViewer): Promise<Contact> {
    return contacts.visible(this.db.dataSource.manager, id, viewer);
  }

  /** a contact of a company the caller sees; the caller owns it unless they may give it to someone */
  create(actor: string, input: CreateContact, viewer: RecordViewer): Promise<Contact> {
    return this.db.transaction(actor, async (tx) => {
      await companyRefs.referenced(tx.manager, input.companyId, 'companyId', viewer);
      return this.insert(tx, { ...input, ownerId: await ownerOfNew(tx.manager, viewer, input.ownerId, 'ownerId', 'contact') });
    });
  }

  async insert(tx: CrmTx, input: CreateContact): Promise<Contact> {
    await companyRefs.referenced(tx.manager, input.companyId, 'companyId');
    if (input.ownerId) await users.referenced(tx.manager, input.ownerId, 'ownerId');
    const now = new Date();
    return contacts.insert(tx, {
      id: randomUUID(),
      companyId: input.companyId,
      fullName: input.fullName,
      position: input.position ?? null,
      workPhone: input.workPhone ?? null,
      mobilePhone: input.mobilePhone ?? null,
      email: input.email ?? null,
      birthday: input.birthday ?? null,
      ownerId: input.ownerId ?? null,
      archivedAt: null,
      createdAt: now,
      updatedAt: now,
    });
  }

  update(actor: string, id: string, patch: UpdateContact, viewer: RecordViewer): Promise<Contact> {
    return this.db.transaction(actor, async (tx) => {
      const before = await contacts.visible(tx.manager, id, viewer);
      await checkOwnerChange(tx.manager, viewer, before.ownerId, patch.ownerId, 'ownerId', 'contact');
      if (patch.companyId) await companyRefs.referenced(tx.manager, patch.companyId, 'companyId', viewer);
      if (patch.ownerId) await users.referenced(tx.manager, patch.ownerId, 'ownerId');
      if (patch.companyId && patch.companyId !== before.companyId) await this.assertNotLast(tx, before);
      return contacts.update(tx, before, definedOnly(patch) as Partial<Contact>);
    });
  }

  /** archives; the last contact of an active company stays */
  archive(actor: string, id: string, viewer: RecordViewer): Promise<Contact> {
    return this.db.transaction(actor, async (tx) => {
      const before = await contacts.visible(tx.manager, id, viewer);
      if (before.archivedAt) return before;
      await this.assertNotLast(tx, before);
      return contacts.update(tx, before, { archivedAt: new Date() }, 'archived');
    });
  }

  private async assertNotLast(tx: CrmTx, contact: Contact): Promise<void> {
    const [row] = await tx.manager.query(
      `SELECT count(*)::int AS n, bool_or(c.archived_at IS NULL) AS company_active
       FROM crm.contacts p JOIN crm.companies c ON c.id = p.company_id
       WHERE p.company_id = $1 AND p.archived_at IS NULL`,
      [contact.companyId],
    );
    if (row.n <= 1 && row.company_active) {
      throw new CrmInvalidRequestError(`Contact '${contact.fullName}' is the only contact of its company: a company keeps at least one contact`, 'CRM_INVALID_STATE');
    }
  }
}

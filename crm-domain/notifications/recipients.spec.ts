import type { OpenedDatabase } from '../../engine/adapters/typeorm/data-source.js';
import { openEmbeddedTestDatabase, type EmbeddedTestDatabase } from '../../test/support/test-database.js';
import { CompaniesService } from '../companies/companies.service.js';
import { ContactsService } from '../companies/contacts.service.js';
import { DealProductsService } from '../deals/deal-products.service.js';
import { DealsService } from '../deals/deals.service.js';
import { crmEntities } from '../entities.js';
import { LeadsService } from '../leads/leads.service.js';
import { CrmDatabase } from '../shared/crm-database.js';
import { UsersService } from '../users/users.service.js';
import { isAllowListed, RecipientRefusedError } from './recipient-policy.js';
import { resolveRecipient, type RecordRef } from './recipients.js';
import { SYSTEM_VIEWER } from '../access/record-viewer.js';

describe('crm.notify recipients', () => {
  let embedded: EmbeddedTestDatabase;
  let opened: OpenedDatabase;
  let db: CrmDatabase;
  let activeUser: { id: string; email: string };
  let formerUser: { id: string; email: string };
  let deal: RecordRef;
  let lead: RecordRef;

  beforeAll(async () => {
    embedded = await openEmbeddedTestDatabase(crmEntities);
    opened = embedded.opened;
    db = new CrmDatabase(opened);
    const users = new UsersService(db);
    activeUser = await users.create('spec', { name: 'Ada Analyst', email: 'ada@crm.test', role: 'analyst' });
    formerUser = await users.create('spec', { name: 'Fred Former', email: 'fred@crm.test', role: 'analyst' });
    await users.deactivate('spec', formerUser.id);
    const contacts = new ContactsService(db);
    const company = await new CompaniesService(db, contacts).create('spec', {
      name: 'Globex', type: 'client', email: 'info@globex.test', primaryContact: { fullName: 'Gina Buyer', email: 'gina@globex.test' },
    }, SYSTEM_VIEWER);
    await contacts.create('spec', { companyId: company.id, fullName: 'Carl Finance', email: 'carl@globex.test' }, SYSTEM_VIEWER);
    const created = await new DealsService(db, new DealProductsService()).create('spec', { title: 'Globex renewal', currency: 'EUR', companyId: company.id, contactId: company.contacts[0]!.id }, SYSTEM_VIEWER);
    deal = { type: 'deal', id: created.id };
    lead = { type: 'lead', id: (await new LeadsService(db).create('spec', { source: 'call', personName: 'Liam Lead', email: 'liam@lead.test' }, SYSTEM_VIEWER)).id };
  }, 180_000);
  afterAll(() => embedded?.close());

  const resolve = (to: string, record: RecordRef = { type: null, id: null }, allowList: readonly string[] = [], variables: Record<string, unknown> = {}) =>
    resolveRecipient(opened.dataSource.manager, to, record, variables, allowList);

  it('writes to active users by id, role word or their own address (any case)', async () => {
    await expect(resolve(activeUser.id)).resolves.toEqual({ address: 'ada@crm.test' });
    await expect(resolve('requester', deal, [], { requesterId: activeUser.id })).resolves.toEqual({ address: 'ada@crm.test' });
    await expect(resolve('ADA@crm.test')).resolves.toEqual({ address: 'ADA@crm.test' });
  });

  it('writes to nobody for a deactivated user, and refuses their address', async () => {
    await expect(resolve(formerUser.id)).resolves.toEqual({ address: null, missing: `user '${formerUser.id}' is deactivated` });
    await expect(resolve('fred@crm.test')).rejects.toThrow(RecipientRefusedError);
  });

  it("writes to the record's own customer: the deal's contact, its company and the company's other contacts", async () => {
    await expect(resolve('customer', deal)).resolves.toEqual({ address: 'gina@globex.test' });
    for (const address of ['gina@globex.test', 'info@globex.test', 'CARL@globex.test']) await expect(resolve(address, deal)).resolves.toEqual({ address });
    await expect(resolve('liam@lead.test', lead)).resolves.toEqual({ address: 'liam@lead.test' });
  });

  it("refuses another record's customer and any address outside the CRM", async () => {
    await expect(resolve('liam@lead.test', deal)).rejects.toThrow(/Refused recipient 'liam@lead.test'/);
    await expect(resolve('gina@globex.test', lead)).rejects.toThrow(RecipientRefusedError);
    await expect(resolve('exfil@attacker.test')).rejects.toThrow(/NOTIFY_ALLOWED_RECIPIENTS/);
    await expect(resolve('exfil@attacker.test', { type: 'deal', id: 'not-a-uuid' })).rejects.toThrow(RecipientRefusedError);
  });

  it('writes to addresses and domains on the allow-list, not to their subdomains', async () => {
    const allowList = ['audit@bank.test', '@partner.test'];
    await expect(resolve('Audit@Bank.test', { type: null, id: null }, allowList)).resolves.toEqual({ address: 'Audit@Bank.test' });
    await expect(resolve('anyone@partner.test', { type: null, id: null }, allowList)).resolves.toEqual({ address: 'anyone@partner.test' });
    await expect(resolve('other@bank.test', { type: null, id: null }, allowList)).rejects.toThrow(RecipientRefusedError);
    await expect(resolve('x@evil.partner.test', { type: null, id: null }, allowList)).rejects.toThrow(RecipientRefusedError);
  });

  it.each([
    ['a list', 'ada@crm.test, exfil@attacker.test'],
    ['a display name', 'Ada <ada@crm.test>'],
    ['a line break', 'ada@crm.test\nBcc: exfil@attacker.test'],
  ])('refuses %s in `to`: one address only', async (_what, to) => {
    await expect(resolve(to, { type: null, id: null }, ['@crm.test'])).rejects.toThrow(/Expected 'to' to be one email address/);
  });

  it('matches allow-list entries on the whole address or the exact domain', () => {
    expect(isAllowListed('A@X.test', ['a@x.test'])).toBe(true);
    expect(isAllowListed('b@x.test', ['@x.test'])).toBe(true);
    expect(isAllowListed('b@sub.x.test', ['@x.test'])).toBe(false);
    expect(isAllowListed('b@x.test.evil', ['@x.test'])).toBe(false);
  });
});

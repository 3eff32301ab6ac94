import { CrmClient, type CrmResponse } from '../support/crm-client.js';
import { eventually } from '../support/eventually.js';
import { startTestApp, TEST_USER_PASSWORD, type TestApp } from '../support/test-app.js';

/** likely duplicates (GET /api/duplicates), the 409 before a create, and merges, through HTTP (PostgreSQL with DATABASE_URL, else PGlite) */
describe('CRM duplicates and merging', () => {
  let app: TestApp;
  let admin: CrmClient;
  const u = {} as Record<'m1' | 'm2' | 'head' | 'director', string>;
  const as = (who: keyof typeof u) => admin.as(u[who]);
  let acme: { id: string; contactId: string };

  beforeAll(async () => {
    app = await startTestApp({ env: { SEED_DEMO: 'false' } });
    admin = new CrmClient(app.url, app.adminAuth);
    const team = (await admin.ok('POST', '/api/teams', { name: 'Dup Sales', kind: 'sales' })).id as string;
    const user = async (name: string, role: string, teamId: string | null) =>
      (await admin.ok('POST', '/api/users', { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@dup.test`, role, teamId, password: TEST_USER_PASSWORD, ...(role === 'manager' ? { level: 'senior' } : {}) })).id as string;
    Object.assign(u, {
      m1: await user('Mona One', 'manager', team), m2: await user('Mark Two', 'manager', team),
      head: await user('Hedda Head', 'head', team), director: await user('Dirk Director', 'director', null),
    });
    const created = await admin.ok('POST', '/api/companies', {
      name: 'Acme Trading GmbH', type: 'client', city: 'Berlin', taxId: 'de 123.456-789', email: 'info@acme.test', phones: ['+49 30 1234 5678'], ownerId: u.m1,
      primaryContact: { fullName: 'Anna Acme', email: 'anna@acme.test', mobilePhone: '+49 171 555 0101' },
    });
    acme = { id: created.id, contactId: created.contacts[0].id };
  }, 240_000);
  afterAll(() => app?.close());

  const matches = async (client: CrmClient, query: Record<string, string>) =>
    (await client.ok('GET', '/api/duplicates', query)).items.map((m: any) => [m.title, m.matched]);
  const expectError = (response: CrmResponse, status: number, code: string, message: RegExp) =>
    expect({ status: response.status, code: response.body?.code, message: response.body?.message }).toEqual({ status, code, message: expect.stringMatching(message) });

  it('stores the tax id normalised', async () => {
    expect((await admin.ok('GET', `/api/companies/${acme.id}`)).taxId).toBe('DE123456789');
  });

  it('finds a company by tax id, email (any case), phone (last 9 digits) and a close name in the same city, naming the rules matched', async () => {
    const m1 = as('m1');
    expect(await matches(m1, { type: 'company', taxId: 'DE-123 456 789' })).toEqual([['Acme Trading GmbH', ['taxId']]]);
    expect(await matches(m1, { type: 'company', email: 'INFO@Acme.TEST' })).toEqual([['Acme Trading GmbH', ['email']]]);
    expect(await matches(m1, { type: 'company', phone: '030 12345678' })).toEqual([['Acme Trading GmbH', ['phone']]]);
    expect(await matches(m1, { type: 'company', name: 'ACME Trading', city: ' berlin ' })).toEqual([['Acme Trading GmbH', ['name']]]);
    expect(await matches(m1, { type: 'company', name: 'ACME Trading', city: 'Munich' })).toEqual([]);
    expect(await matches(m1, { type: 'company', name: 'Acme Holding International', city: 'Berlin' })).toEqual([]);
    expect(await matches(m1, { type: 'company', name: 'Acme Trading', city: 'Berlin', email: 'info@acme.test', taxId: 'DE123456789', phone: '+49 30 12345678' }))
      .toEqual([['Acme Trading GmbH', ['taxId', 'email', 'phone', 'name']]]);
    expect(await matches(m1, { type: 'company', taxId: 'DE123456789', excludeId: acme.id })).toEqual([]);
  });

  it('finds contacts (close name at the same company) and leads (close name with the same company name)', async () => {
    expect(await matches(admin, { type: 'contact', name: 'Ana Acme', companyId: acme.id })).toEqual([['Anna Acme', ['name']]]);
    expect(await matches(admin, { type: 'contact', phone: '0171 5550101' })).toEqual([['Anna Acme', ['phone']]]);
    expect(await matches(admin, { type: 'contact', email: 'ANNA@acme.test' })).toEqual([['Anna Acme', ['email']]]);
    await admin.ok('POST', '/api/leads', { source: 'call', personName: 'Leo Lead', companyName: 'Leadworks', email: 'leo@leadworks.test', phone: '+44 20 7946 0958' });
    expect(await matches(admin, { type: 'lead', name: 'Leo Leader', companyName: 'LEADWORKS' })).toEqual([['Leo Lead', ['name']]]);
    expect(await matches(admin, { type: 'lead', name: 'Leo Leader', companyName: 'Other' })).toEqual([]);
    // similarity 0.4: below the threshold 0.5
    expect(await matches(admin, { type: 'lead', name: 'Leo Leed', companyName: 'Leadworks' })).toEqual([]);
    expect(await matches(admin, { type: 'lead', phone: '020 7946 0958' })).toEqual([['Leo Lead', ['phone']]]);
  });

  it('answers only records the caller sees, and refuses bad parameters naming them', async () => {
    expect(await matches(as('m2'), { type: 'company', taxId: 'DE123456789' })).toEqual([]);
    expect(await matches(as('head'), { type: 'company', taxId: 'DE123456789' })).toEqual([['Acme Trading GmbH', ['taxId']]]);
    expectError(await admin.get('/api/duplicates', { type: 'deal' }), 400, 'CRM_INVALID_REQUEST', /'type': expected one of company, contact, lead/);
    expectError(await admin.get('/api/duplicates', { type: 'company', colour: 'red' }), 400, 'CRM_INVALID_REQUEST', /Unknown query parameter 'colour'/);
    expect((await new CrmClient(app.url).get('/api/duplicates', { type: 'company' })).status).toBe(401);
  });

  it('a contact the caller sees at a company they do not see: found, but without the company’s name', async () => {
    const hidden = await admin.ok('POST', '/api/companies', { name: 'Hidden Holdings', type: 'client', ownerId: u.m1, primaryContact: { fullName: 'Primary Person' } });
    const seen = await admin.ok('POST', '/api/contacts', { companyId: hidden.id, fullName: 'Vera Visible', email: 'vera@hidden.test', ownerId: u.m2 });
    expect((await as('m2').get(`/api/companies/${hidden.id}`)).status).toBe(404);
    const found = (await as('m2').ok('GET', '/api/duplicates', { type: 'contact', email: 'vera@hidden.test' })).items;
    expect(found.map((m: any) => [m.id, m.title, m.detail])).toEqual([[seen.id, 'Vera Visible', null]]);
    // the owner of the company sees it named
    expect((await admin.ok('GET', '/api/duplicates', { type: 'contact', email: 'vera@hidden.test' })).items[0].detail).toBe('Hidden Holdings');
    const own = await as('m2').ok('POST', '/api/companies?confirmDuplicate=true', { name: 'Mark Own Ltd', type: 'client', ownerId: u.m2, primaryContact: { fullName: 'Owen Own' } });
    const refused = await as('m2').post('/api/contacts', { companyId: own.id, fullName: 'Vera V.', email: 'VERA@hidden.test' });
    expectError(refused, 409, 'CRM_LIKELY_DUPLICATE', /existing contact/);
    expect(refused.body.candidates.map((c: any) => [c.id, c.detail])).toEqual([[seen.id, null]]);
    expect(JSON.stringify(refused.body)).not.toContain('Hidden Holdings');
  });

  it('a create with likely duplicates answers 409 with the candidates, unless ?confirmDuplicate=true', async () => {
    const body = { name: 'Acme Trading', type: 'partner', city: 'Berlin', primaryContact: { fullName: 'Otto Other' } };
    const refused = await as('m1').post('/api/companies', body);
    expectError(refused, 409, 'CRM_LIKELY_DUPLICATE', /looks like an existing company .*confirmDuplicate=true/);
    expect(refused.body.candidates.map((c: any) => [c.id, c.title, c.detail, c.ownerName, c.matched])).toEqual([[acme.id, 'Acme Trading GmbH', 'Berlin', 'Mona One', ['name']]]);
    expect((await as('m1').get('/api/companies', { q: 'Acme' })).body.total).toBe(1);
    expectError(await as('m1').request('POST', '/api/companies?confirmDuplicate=maybe', body), 400, 'CRM_INVALID_REQUEST', /'confirmDuplicate': expected true or false/);
    const confirmed = await as('m1').request('POST', '/api/companies?confirmDuplicate=true', body);
    expect(confirmed.status).toBe(201);
    // records the caller does not see do not refuse (nor show): m2 sees neither Acme
    expect((await as('m2').post('/api/companies', { ...body, name: 'Acme Trading AG', taxId: 'DE123456789' })).status).toBe(201);

    expectError(await admin.post('/api/contacts', { companyId: acme.id, fullName: 'Ana Acme' }), 409, 'CRM_LIKELY_DUPLICATE', /existing contact/);
    expectError(await admin.post('/api/leads', { source: 'call', personName: 'Someone', email: 'LEO@leadworks.test' }), 409, 'CRM_LIKELY_DUPLICATE', /existing lead/);
    // the public web form is never refused: the lead is taken, a person sorts it out
    expect((await new CrmClient(app.url).post('/api/public/leads', { name: 'Leo Lead', email: 'leo@leadworks.test', company: 'Leadworks' })).status).toBe(202);
  });

  it('a lead conversion that would make a likely duplicate company or contact answers 409 with them; the caller converts into the company found, or confirms', async () => {
    const m1 = as('m1');
    const lead = async (body: Record<string, unknown>) => (await m1.ok('POST', '/api/leads?confirmDuplicate=true', { source: 'call', ownerId: u.m1, ...body })).id as string;
    // the lead's e-mail is Acme's: converting it would make a second Acme and a second contact of that address
    const acmeLead = await lead({ personName: 'Anna Acme', companyName: 'Acme', email: 'anna@acme.test' });
    const refused = await m1.post(`/api/leads/${acmeLead}/convert`, {});
    expectError(refused, 409, 'CRM_LIKELY_DUPLICATE', /new company and contact looks like an existing contact .*confirmDuplicate=true/);
    expect(refused.body.candidates.map((c: any) => [c.type, c.id, c.matched])).toEqual([['contact', acme.contactId, ['email']]]);
    expect((await m1.ok('GET', `/api/leads/${acmeLead}`)).status).not.toBe('converted');
    // converting into the company found adds the person there: still refused while Anna is there already
    expectError(await m1.post(`/api/leads/${acmeLead}/convert`, { companyId: acme.id }), 409, 'CRM_LIKELY_DUPLICATE', /new contact looks like an existing contact/);
    const phoneLead = await lead({ personName: 'Paul Phone', companyName: 'Phonecorp', phone: '+49 (30) 1234-5678' });
    const byPhone = await m1.post(`/api/leads/${phoneLead}/convert`, {});
    expect(byPhone.body.candidates.map((c: any) => [c.type, c.id, c.matched])).toEqual([['company', acme.id, ['phone']]]);
    const into = await m1.ok('POST', `/api/leads/${phoneLead}/convert`, { companyId: acme.id });
    expect(into.companyId).toBe(acme.id);
    const confirmed = await m1.request('POST', `/api/leads/${acmeLead}/convert?confirmDuplicate=true`, {});
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.companyId).not.toBe(acme.id);
    // a lead nothing resembles converts at once
    expect((await m1.post(`/api/leads/${await lead({ personName: 'Nora New', companyName: 'Brand New Ltd', email: 'nora@brandnew.test' })}/convert`, {})).status).toBe(201);
  });

  describe('merging companies', () => {
    let kept: string;
    let duplicate: string;
    let duplicateContact: string;
    let deal: string;
    let complaint: string;

    beforeAll(async () => {
      const m1 = as('m1');
      kept = (await m1.ok('POST', '/api/companies?confirmDuplicate=true', { name: 'Globex', type: 'client', city: 'Hamburg', primaryContact: { fullName: 'Gina Globex' } })).id;
      const dup = await m1.ok('POST', '/api/companies?confirmDuplicate=true', { name: 'Globex Corp', type: 'client', city: 'Hamburg', taxId: 'DE999', primaryContact: { fullName: 'Gus Globex' } });
      duplicate = dup.id;
      duplicateContact = dup.contacts[0].id;
      await m1.ok('PATCH', `/api/companies/${duplicate}`, { industry: 'Chemicals' });
      deal = (await m1.ok('POST', '/api/deals', { title: 'Globex plant', companyId: duplicate, amount: 5000, currency: 'EUR' })).id;
      await m1.ok('POST', '/api/activities', { kind: 'call', subject: 'Call Globex Corp', recordType: 'company', recordId: duplicate });
      complaint = (await admin.ok('POST', '/api/complaints', { companyId: duplicate, type: 'billing', channel: 'email', priority: 'low', description: 'Billed twice', assigneeId: u.m1 })).id;
    }, 120_000);

    it('is refused to whoever may not change both: a manager who does not see one (404), a head who owns neither (403)', async () => {
      expectError(await as('m2').post(`/api/companies/${kept}/merge`, { duplicateId: duplicate }), 404, 'CRM_NOT_FOUND', /does not exist/);
      expectError(await as('head').post(`/api/companies/${kept}/merge`, { duplicateId: duplicate }), 403, 'CRM_MERGE_FORBIDDEN', /owner of both, a director or an admin/);
      expect((await admin.ok('GET', `/api/companies/${duplicate}`)).archivedAt).toBeNull();
    });

    it('refuses a merge into itself, another type and a bad body, naming the field', async () => {
      expectError(await as('m1').post(`/api/companies/${kept}/merge`, { duplicateId: kept }), 400, 'CRM_INVALID_REQUEST', /'duplicateId' is the company itself/);
      expectError(await as('m1').post(`/api/companies/${kept}/merge`, { duplicateId: duplicateContact }), 409, 'CRM_MERGE_REFUSED', /'duplicateId' names a contact, not a company/);
      expectError(await as('m1').post(`/api/companies/${kept}/merge`, {}), 400, 'CRM_INVALID_REQUEST', /'duplicateId'/);
    });

    it('moves contacts, deals, activities and complaints to the kept company, archives the duplicate and keeps both histories on its timeline', async () => {
      const merged = await as('m1').ok('POST', `/api/companies/${kept}/merge`, { duplicateId: duplicate });
      expect(merged.moved).toEqual({ contacts: 1, deals: 1, leads: 0, complaints: 1, activities: 1 });
      const archived = await admin.ok('GET', `/api/companies/${duplicate}`);
      expect([archived.mergedInto, archived.archivedAt === null]).toEqual([kept, false]);
      const keptCompany = await as('m1').ok('GET', `/api/companies/${kept}`);
      expect(keptCompany.contacts.map((c: any) => c.fullName).sort()).toEqual(['Gina Globex', 'Gus Globex']);
      expect((await as('m1').ok('GET', `/api/deals/${deal}`)).companyId).toBe(kept);
      expect((await admin.ok('GET', `/api/complaints/${complaint}`)).companyId).toBe(kept);

      const timeline = await as('m1').ok('GET', `/api/companies/${kept}/timeline`);
      const changes = timeline.entries.filter((e: any) => e.kind === 'change');
      // the duplicate's own history (created as Globex Corp, its industry set) and the merge, with who
      expect(changes.some((e: any) => e.action === 'created' && e.changes.name?.[1] === 'Globex Corp')).toBe(true);
      expect(changes.some((e: any) => e.changes.industry?.[1] === 'Chemicals')).toBe(true);
      expect(changes.filter((e: any) => e.action === 'merged').map((e: any) => [e.who.name, e.changes.mergedFrom?.[1] ?? e.changes.mergedInto?.[1]]))
        .toEqual(expect.arrayContaining([['Mona One', duplicate], ['Mona One', kept]]));
      expect(timeline.entries.some((e: any) => e.kind === 'activity' && e.activity.subject === 'Call Globex Corp')).toBe(true);
      const dealTimeline = await as('m1').ok('GET', `/api/deals/${deal}/timeline`);
      expect(dealTimeline.entries.some((e: any) => e.kind === 'change' && e.changes.companyId?.[0] === duplicate && e.changes.companyId?.[1] === kept)).toBe(true);
    });

    it('refuses to merge an archived (merged) company, naming it', async () => {
      expectError(await as('m1').post(`/api/companies/${kept}/merge`, { duplicateId: duplicate }), 409, 'CRM_MERGE_REFUSED', /'duplicateId' is archived \(merged into/);
      expectError(await as('m1').post(`/api/companies/${duplicate}/merge`, { duplicateId: kept }), 409, 'CRM_MERGE_REFUSED', /kept \('id'\) is archived/);
      expect(await matches(admin, { type: 'company', taxId: 'DE999' })).toEqual([]);
    });
  });

  describe('taking values from the duplicate', () => {
    const company = async (fields: Record<string, unknown>) =>
      (await as('m1').ok('POST', '/api/companies?confirmDuplicate=true', { type: 'client', city: 'Cologne', primaryContact: { fullName: `Contact of ${String(fields['name'])}` }, ...fields })).id as string;

    it('takes the chosen fields, keeps both phone lists without repeating a number, and logs the change on the kept company', async () => {
      const kept = await company({ name: 'Umbrella', phones: ['+49 221 1111 1111', '+49 221 2222 2222'], industry: 'Pharma' });
      const duplicate = await company({ name: 'Umbrella Corp', email: 'hq@umbrella.test', taxId: 'DE777', phones: ['0221 22222222', '+49 221 3333 3333'], industry: 'Chemicals' });
      const merged = await as('m1').ok('POST', `/api/companies/${kept}/merge`, { duplicateId: duplicate, fields: { email: 'duplicate', taxId: 'duplicate', phones: 'both' } });
      expect(merged.kept).toMatchObject({ name: 'Umbrella', email: 'hq@umbrella.test', taxId: 'DE777', industry: 'Pharma', phones: ['+49 221 1111 1111', '+49 221 2222 2222', '+49 221 3333 3333'] });
      expect(await as('m1').ok('GET', `/api/companies/${kept}`)).toMatchObject({ email: 'hq@umbrella.test', taxId: 'DE777', industry: 'Pharma' });
      // the archived duplicate keeps its own values; the kept company is now what the duplicate rules find
      expect(await admin.ok('GET', `/api/companies/${duplicate}`)).toMatchObject({ email: 'hq@umbrella.test', mergedInto: kept });
      expect(await matches(admin, { type: 'company', taxId: 'DE777' })).toEqual([['Umbrella', ['taxId']]]);
      // the duplicate's own history shows there too (created with that email); the kept company's change is an update
      const updates = (await as('m1').ok('GET', `/api/companies/${kept}/timeline`)).entries.filter((e: any) => e.kind === 'change' && e.action === 'updated');
      expect(updates.map((e: any) => e.changes)).toContainEqual({
        email: [null, 'hq@umbrella.test'], taxId: [null, 'DE777'], phones: [['+49 221 1111 1111', '+49 221 2222 2222'], ['+49 221 1111 1111', '+49 221 2222 2222', '+49 221 3333 3333']],
      });
    });

    it("takes a lead's amount with its currency, and keeps both leads' notes", async () => {
      const director = as('director');
      const kept = (await director.ok('POST', '/api/leads', { source: 'call', personName: 'Quinn Quote', notes: 'Called twice.' })).id;
      const duplicate = (await director.ok('POST', '/api/leads?confirmDuplicate=true', { source: 'seminar', personName: 'Quinn Quote', estimatedAmount: 4200, currency: 'USD', notes: 'Met at the fair.' })).id;
      const merged = await director.ok('POST', `/api/leads/${kept}/merge`, { duplicateId: duplicate, fields: { estimatedAmount: 'duplicate', notes: 'both' } });
      expect(merged.kept).toMatchObject({ source: 'call', currency: 'USD', notes: 'Called twice.\n\nMet at the fair.' });
      expect(Number(merged.kept.estimatedAmount)).toBe(4200);
    });

    it('refuses fields that cannot be taken or combined, naming them, and changes nothing', async () => {
      const kept = await company({ name: 'Hooli', email: 'a@hooli.test' });
      const duplicate = await company({ name: 'Hooli Inc', email: 'b@hooli.test', phones: Array.from({ length: 6 }, (_, i) => `+49 221 5555 00${i}0`) });
      await as('m1').ok('PATCH', `/api/companies/${kept}`, { phones: Array.from({ length: 6 }, (_, i) => `+49 221 6666 00${i}0`) });
      const refused: [Record<string, unknown>, RegExp][] = [
        [{ ownerId: 'duplicate' }, /'fields\.ownerId' cannot be taken from the duplicate: a company's mergeable fields are name, type, /],
        [{ createdAt: 'duplicate' }, /'fields\.createdAt' cannot be taken/],
        [{ constructor: 'duplicate' }, /'fields\.constructor' cannot be taken/],
        [{ email: 'both' }, /'fields\.email' cannot keep both values: a company has one email/],
        [{ email: 'mine' }, /'fields\.email' expected 'duplicate' or 'both'/],
        [{ phones: 'both' }, /'fields\.phones': the two records have 12 different phone numbers together, at most 10 fit/],
      ];
      for (const [fields, message] of refused) {
        expectError(await as('m1').post(`/api/companies/${kept}/merge`, { duplicateId: duplicate, fields }), 400, 'CRM_INVALID_REQUEST', message);
      }
      expectError(await as('m1').post(`/api/companies/${kept}/merge`, { duplicateId: duplicate, fields: ['email'] }), 400, 'CRM_INVALID_REQUEST', /'fields'/);
      expect(await admin.ok('GET', `/api/companies/${duplicate}`)).toMatchObject({ archivedAt: null, mergedInto: null });
      expect((await admin.ok('GET', `/api/companies/${kept}`)).email).toBe('a@hooli.test');
    });
  });

  it('a manager who sees both contacts (through their company) but owns one may not merge them; the owner of both may', async () => {
    const company = (await admin.ok('POST', '/api/companies?confirmDuplicate=true', { name: 'Initech', type: 'client', ownerId: u.m1, primaryContact: { fullName: 'Peter Gibbons', ownerId: u.m1 } }));
    const theirs = (await admin.ok('POST', '/api/contacts?confirmDuplicate=true', { companyId: company.id, fullName: 'Peter Gibbons', ownerId: u.m2 })).id;
    const mine = company.contacts[0].id;
    expect((await as('m1').ok('GET', `/api/contacts/${theirs}`)).ownerId).toBe(u.m2);
    expectError(await as('m1').post(`/api/contacts/${mine}/merge`, { duplicateId: theirs }), 403, 'CRM_MERGE_FORBIDDEN', /Mona One \(manager\) may not merge these contacts/);
    await admin.ok('PATCH', `/api/contacts/${theirs}`, { ownerId: u.m1 });
    expect((await as('m1').ok('POST', `/api/contacts/${mine}/merge`, { duplicateId: theirs })).duplicate.mergedInto).toBe(mine);
  });

  it('merging leads: the duplicate lead keeps its routing process, and the kept lead shows both processes', async () => {
    const director = as('director');
    const first = (await director.ok('POST', '/api/leads', { source: 'call', personName: 'Pia Process', estimatedAmount: 1000 })).id;
    const second = (await director.ok('POST', '/api/leads?confirmDuplicate=true', { source: 'seminar', personName: 'Pia Process', estimatedAmount: 1000 })).id;
    for (const id of [first, second]) await eventually(async () => expect((await admin.ok('GET', '/engine-rest/process-instance', { businessKey: id })).length).toBe(1));
    await director.ok('POST', `/api/leads/${first}/merge`, { duplicateId: second });
    const processes = await director.ok('GET', `/api/leads/${first}/processes`);
    expect(processes.processes.map((p: any) => p.processDefinitionKey)).toEqual(['lead-routing', 'lead-routing']);
    expect((await admin.ok('GET', '/engine-rest/process-instance', { businessKey: second })).length).toBe(1);
    const timeline = await director.ok('GET', `/api/leads/${first}/timeline`);
    expect(new Set(timeline.entries.filter((e: any) => e.kind === 'process').map((e: any) => e.processInstanceId)).size).toBe(2);
  });
});

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { approvalProcessXml } from './support/approval-process.js';
import { allowProblem } from './support/browser-problems.js';
import { describeBrowser, launchChromium } from './support/chromium.js';
import { api, deployXml, eventually, rest } from './support/rest.js';
import { publishScreenshot, RESULTS, screenshot } from './support/screenshots.js';
import { signIn } from './support/session.js';
import { ensureWebAppBuilt, startWebApp, type WebApp } from './support/web-app.js';

interface Company { id: string; name: string; contacts: { id: string }[] }
interface Deal { id: string; title: string }

/**
 * The CRM workspace's record screens (issue 16): lists with filters and sort in the URL, saved
 * views, a card edited in place, a company's 360° timeline, and the record picker in the designer's
 * start dialog. Records are made through the API; everything checked happens in the web app.
 */
describeBrowser('CRM workspace: record lists and cards', () => {
  let web: WebApp;
  let browser: Browser;
  let page: Page;
  const stamp = Date.now();
  const companyName = `Kestrel Kites ${stamp}`;
  let company: Company;
  let deal: Deal;

  beforeAll(async () => {
    ensureWebAppBuilt();
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    company = await api<Company>(web, 'POST', '/api/companies', { name: companyName, type: 'partner', industry: 'Leisure', primaryContact: { fullName: 'Kim Kestrel', email: 'kim@kestrel.test' } });
    deal = await api<Deal>(web, 'POST', '/api/deals', { title: `Kestrel fleet ${stamp}`, companyId: company.id, amount: 60_000, currency: 'EUR', stage: 'proposal' });
    await api(web, 'POST', `/api/deals/${deal.id}/approval-requests`, { discountPercent: 5 });
    await api(web, 'POST', '/api/complaints', { companyId: company.id, type: 'delivery', channel: 'email', priority: 'high', description: `Kites arrived torn ${stamp}` });
    await eventually('the deal\'s first approval step', async () => (await rest<{ name: string }[]>(web, 'GET', `/task?processInstanceBusinessKey=${deal.id}`)).some((t) => t.name === 'Approval (manager)'));
    ({ page } = await signIn(browser, web.url, 'admin'));
  });

  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await web?.close();
  });

  const rows = () => page.locator('[data-testid="record-list"] tbody tr');

  it('lists deals with filters and sort in the URL, which survive a reload', async () => {
    await page.goto(`${web.url}/crm/deals`);
    await rows().first().waitFor();
    await page.selectOption('[data-testid="list-filters"] select[name="stage"]', 'proposal');
    await page.waitForURL((url) => url.searchParams.get('stage') === 'proposal');
    await page.click('[data-testid="record-list"] th button[data-sort="amount"]');
    await page.waitForURL((url) => url.searchParams.get('sort') === 'amount');
    await page.click('[data-testid="record-list"] th button[data-sort="amount"]');
    await page.waitForURL((url) => url.searchParams.get('sort') === '-amount');
    await page.reload();
    await page.locator('[data-testid="record-list"] th[aria-sort="descending"] button[data-sort="amount"]').waitFor();
    expect(await page.locator('[data-testid="list-filters"] select[name="stage"]').inputValue()).toBe('proposal');
    await eventually('only proposals, largest first', async () => {
      const stages = await page.locator('[data-testid="record-list"] tbody td:nth-child(3)').allTextContents();
      const amounts = (await page.locator('[data-testid="record-list"] tbody td:nth-child(4)').allTextContents()).map((a) => Number(a.replace(/[^0-9.]/g, '')));
      return stages.length > 0 && stages.every((s) => s === 'proposal') && amounts.every((a, i) => i === 0 || a <= amounts[i - 1]!);
    });
    // names, not ids: the company column names the company
    await page.locator('[data-testid="record-list"] tbody tr', { hasText: deal.title }).locator('[data-testid="record-link"]', { hasText: companyName }).waitFor();
    publishScreenshot(await screenshot(page, 'crm-deals-list'), 'crm-deals-list');
  });

  it('saves the filters and sort as a view, picks it later, and deletes it', async () => {
    await page.fill('[data-testid="saved-views"] input[name="viewName"]', 'Proposals by size');
    await page.click('[data-testid="saved-views"] button:has-text("Save view")');
    await page.locator('[data-testid="views-message"]', { hasText: 'Saved view “Proposals by size”' }).waitFor();

    await page.goto(`${web.url}/crm/deals`);
    await rows().first().waitFor();
    const option = page.locator('[data-testid="saved-views"] select[name="view"] option', { hasText: 'Proposals by size' });
    await page.selectOption('[data-testid="saved-views"] select[name="view"]', { value: (await option.getAttribute('value'))! });
    await page.waitForURL((url) => url.searchParams.get('stage') === 'proposal' && url.searchParams.get('sort') === '-amount');
    await page.click('[data-testid="delete-view"]');
    await page.locator('[data-testid="views-message"]', { hasText: 'Deleted view' }).waitFor();
    // the list of views is read again after the deletion
    await option.waitFor({ state: 'detached' });
    expect(await api<unknown[]>(web, 'GET', '/api/saved-views?list=deals')).toEqual([]);
  });

  it('edits a company on its card; the change stays after a reload', async () => {
    await page.goto(`${web.url}/crm/companies?q=${encodeURIComponent('Kestrel Kites')}`);
    await page.click(`[data-testid="row-link"]:has-text("${companyName}")`);
    await page.waitForURL(`**/crm/companies/${company.id}`);
    const industry = page.locator('[data-testid="record-card"] [data-field="industry"]');
    await industry.locator('[data-testid="edit-field"]').click();
    await industry.locator('input[name="industry"]').fill('Kite sports');
    await industry.locator('[data-testid="save-field"]').click();
    await page.locator('[data-testid="card-message"]', { hasText: 'Saved industry' }).waitFor();
    await page.reload();
    await industry.locator('[data-testid="field-value"]', { hasText: 'Kite sports' }).waitFor();
    expect((await api<{ industry: string }>(web, 'GET', `/api/companies/${company.id}`)).industry).toBe('Kite sports');
  });

  it('shows the company\'s 360° timeline: its deal, the approval step and the complaint', async () => {
    await page.goto(`${web.url}/crm/companies/${company.id}`);
    const timeline = page.locator('[data-testid="timeline"]');
    await timeline.locator('[data-about="deal"]', { hasText: deal.title }).first().waitFor();
    await timeline.locator('[data-kind="process"][data-about="deal"]', { hasText: 'Approval (manager)' }).waitFor();
    await timeline.locator('[data-about="complaint"]').first().waitFor();
    await page.locator('[data-testid="related-deals"] [data-testid="record-link"]', { hasText: deal.title }).waitFor();
    await page.locator('[data-testid="related-contacts"] [data-testid="record-link"]', { hasText: 'Kim Kestrel' }).waitFor();
    const times = await timeline.locator('time').evaluateAll((nodes) => nodes.map((n) => Date.parse(n.getAttribute('datetime') ?? '')));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    publishScreenshot(await screenshot(page, 'crm-company-card'), 'crm-company-card');
    // the timeline alone: the section around the list of entries
    const timelinePng = join(RESULTS, 'crm-company-timeline.png');
    await page.locator('section.panel', { has: timeline }).screenshot({ path: timelinePng });
    publishScreenshot(timelinePng, 'crm-company-timeline');
  });

  it("shows a contact's 360° timeline: their complaint, not their company's deal", async () => {
    const puffin = await api<Company>(web, 'POST', '/api/companies', { name: `Puffin Post ${stamp}`, type: 'client', primaryContact: { fullName: 'Pia Puffin' } });
    const pia = puffin.contacts[0]!.id;
    await api(web, 'POST', '/api/deals', { title: `Puffin parcels ${stamp}`, companyId: puffin.id, amount: 500, currency: 'EUR' });
    await api(web, 'POST', '/api/complaints', { companyId: puffin.id, contactId: pia, type: 'billing', channel: 'phone', priority: 'low', description: `Pia billed twice ${stamp}` });
    await page.goto(`${web.url}/crm/contacts/${pia}`);
    const section = page.locator('section.panel', { has: page.locator('[data-testid="timeline"]') });
    await section.locator('h2', { hasText: 'Timeline (360°: the contact and their deals, converted leads, complaints)' }).waitFor();
    await section.locator('[data-about="complaint"]', { hasText: 'billing' }).first().waitFor();
    expect(await section.locator('[data-about="deal"]').count()).toBe(0);
  });

  it('creates a company with its first contact; the server\'s 400 shows beside the field it names', async () => {
    allowProblem({ status: 400, method: 'POST', path: '/api/companies', reason: 'a first contact with a malformed email is refused, and the form shows why beside the field' });
    await page.goto(`${web.url}/crm/companies`);
    await page.click('[data-testid="new-record"]');
    const form = page.locator('[data-testid="create-form"]');
    await form.locator('input[name="name"]').fill(`Osprey Optics ${stamp}`);
    await form.locator('select[name="type"]').selectOption('client');
    await form.locator('input[name="primaryContact.fullName"]').fill('Oona Osprey');
    await form.locator('input[name="primaryContact.email"]').fill('oona-at-osprey');
    await form.locator('button[type="submit"]').click();
    await form.locator('.crm-field', { has: page.locator('input[name="primaryContact.email"]') }).locator('[data-testid="field-error"]', { hasText: 'expected an email address' }).waitFor();
    await form.locator('input[name="primaryContact.email"]').fill('oona@osprey.test');
    await form.locator('button[type="submit"]').click();
    await page.waitForURL(/\/crm\/companies\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="record-card"] h2', { hasText: `Osprey Optics ${stamp}` }).waitFor();
    await page.locator('[data-testid="related-contacts"] [data-testid="record-link"]', { hasText: 'Oona Osprey' }).waitFor();
  });

  it('warns of a likely duplicate on create: the existing company is named with the rule that matched, and "Create anyway" creates it', async () => {
    allowProblem({ status: 409, method: 'POST', path: '/api/companies', reason: 'a company with the email of an existing one is a likely duplicate: the form shows the candidates' });
    const heron = await api<Company>(web, 'POST', '/api/companies', { name: `Heron Hydraulics ${stamp}`, type: 'supplier', email: `desk-${stamp}@heron.test`, primaryContact: { fullName: 'Hal Heron' } });
    await page.goto(`${web.url}/crm/companies`);
    await page.click('[data-testid="new-record"]');
    const form = page.locator('[data-testid="create-form"]');
    await form.locator('input[name="name"]').fill(`Heron Pumps ${stamp}`);
    await form.locator('select[name="type"]').selectOption('client');
    await form.locator('input[name="email"]').fill(`DESK-${stamp}@heron.test`);
    await form.locator('input[name="primaryContact.fullName"]').fill('Hana Heron');
    await form.locator('button[type="submit"]').click();
    const candidate = form.locator(`[data-testid="duplicate-candidate"][data-record-id="${heron.id}"]`);
    await candidate.waitFor();
    expect(await candidate.locator('a').textContent()).toBe(heron.name);
    expect(await candidate.locator('[data-rule]').evaluateAll((pills) => pills.map((p) => p.getAttribute('data-rule')))).toContain('email');
    expect(page.url()).toMatch(/\/crm\/companies$/);
    await form.locator('[data-testid="create-anyway"]').click();
    await page.waitForURL(/\/crm\/companies\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="record-card"] h2', { hasText: `Heron Pumps ${stamp}` }).waitFor();
    await page.locator('[data-testid="find-duplicates"]').waitFor();
  });

  it('converting a lead that looks like an existing company shows it; "Convert into this company" adds the person and the deal there', async () => {
    allowProblem({ status: 409, method: 'POST', path: /^\/api\/leads\/[0-9a-f-]{36}\/convert$/, reason: 'a lead with the phone of an existing company is a likely duplicate: the card shows the candidates' });
    const osprey = await api<Company>(web, 'POST', '/api/companies', { name: `Osprey Optics ${stamp}`, type: 'client', phones: [`+49 40 ${String(stamp).slice(-7)}`], primaryContact: { fullName: 'Olga Osprey' } });
    const lead = await api<{ id: string }>(web, 'POST', '/api/leads?confirmDuplicate=true', { source: 'call', personName: `Otto Osprey ${stamp}`, companyName: 'Osprey Optical', phone: `040 ${String(stamp).slice(-7)}` });
    await page.goto(`${web.url}/crm/leads/${lead.id}`);
    await page.click('[data-testid="convert-lead"]');
    await page.locator('[data-testid="convert-form"] button[type="submit"]').click();
    const candidate = page.locator(`[data-testid="duplicate-candidate"][data-record-id="${osprey.id}"]`);
    await candidate.waitFor();
    expect(await candidate.locator('[data-rule]').evaluateAll((pills) => pills.map((p) => p.getAttribute('data-rule')))).toEqual(['phone']);
    await candidate.locator('[data-testid="use-candidate"]').click();
    await page.waitForURL(/\/crm\/deals\/[0-9a-f-]{36}$/);
    const converted = await api<{ status: string; convertedCompanyId: string }>(web, 'GET', `/api/leads/${lead.id}`);
    expect(converted).toMatchObject({ status: 'converted', convertedCompanyId: osprey.id });
  });

  it('exports the list as it is filtered: the CSV link carries the filters and answers those rows', async () => {
    await page.goto(`${web.url}/crm/companies?q=${encodeURIComponent(`Kestrel Kites ${stamp}`)}`);
    await page.locator('[data-testid="record-list"] tbody tr').first().waitFor();
    const link = await page.locator('[data-testid="export-csv"]').getAttribute('href');
    expect(link).toBe(`/api/companies/export?q=${encodeURIComponent(`Kestrel Kites ${stamp}`).replace(/%20/g, '+')}&format=csv`);
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), link!);
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(companyName);
  });

  it('adds a call with a due time to a record: it shows among its activities and on its timeline', async () => {
    await page.goto(`${web.url}/crm/companies/${company.id}`);
    await page.click('[data-testid="add-activity"]');
    const form = page.locator('[data-testid="create-form"]');
    await form.locator('select[name="kind"]').selectOption('call');
    await form.locator('input[name="subject"]').fill(`Call Kim about kites ${stamp}`);
    await form.locator('input[name="dueAt"]').fill('2030-05-04T10:30');
    await form.locator('button[type="submit"]').click();
    await page.locator('[data-testid="card-message"]', { hasText: 'Activity added' }).waitFor();
    await page.locator('[data-testid="related-activities"]', { hasText: `Call Kim about kites ${stamp}` }).waitFor();
    await page.locator('[data-testid="timeline"] [data-kind="activity"]', { hasText: `call: Call Kim about kites ${stamp}` }).waitFor();
    const [activity] = (await api<{ items: { dueAt: string; recordType: string }[] }>(web, 'GET', `/api/activities?recordId=${company.id}`)).items;
    expect(activity).toMatchObject({ recordType: 'company', dueAt: new Date(2030, 4, 4, 10, 30).toISOString() });
  });

  it('ops read a card and a list without the buttons that change records', async () => {
    const ops = await signIn(browser, web.url, 'ops');
    try {
      await ops.page.goto(`${web.url}/crm/companies/${company.id}`);
      await ops.page.locator('[data-testid="record-card"] [data-field="industry"] [data-testid="field-value"]').waitFor();
      await ops.page.locator('[data-testid="timeline"] [data-about="deal"]').first().waitFor();
      expect(await ops.page.locator('[data-testid="edit-field"]').count()).toBe(0);
      expect(await ops.page.locator('[data-testid="record-actions"]').count()).toBe(0);
      await ops.page.goto(`${web.url}/crm/deals`);
      await ops.page.locator('[data-testid="record-list"] tbody tr').first().waitFor();
      expect(await ops.page.locator('[data-testid="new-record"]').count()).toBe(0);
    } finally {
      await ops.page.close();
    }
  });

  it('picks the record a process is about in the designer\'s start dialog', async () => {
    await deployXml(web, `picker-${stamp}`, approvalProcessXml);
    const [definition] = await rest<{ id: string }[]>(web, 'GET', '/process-definition?key=two_step_approval&latestVersion=true');
    await page.goto(`${web.url}/designer?definition=${definition!.id}`);
    await page.click('button:has-text("Start instance"):not([disabled])');
    const picker = page.locator('.modal [data-testid="picker-record"] input[role="combobox"]');
    await picker.fill('Kestrel Ki');
    await page.locator(`.modal [role="option"][data-record-id="${company.id}"]`).waitFor();
    // the company's complaint is offered too, under the company's name
    expect(await page.locator('.modal [role="option"]').allTextContents()).toEqual([`company ${companyName}`, `complaint ${companyName} · delivery: Kites arrived torn ${stamp}`]);
    // keyboard only: down to the complaint, up to the company, Enter picks it
    await picker.press('ArrowDown');
    await picker.press('ArrowUp');
    await picker.press('Enter');
    await page.locator('.modal [data-testid="picked-record"]', { hasText: companyName }).waitFor();
    expect(await page.locator('.modal input[name="businessKey"]').inputValue()).toBe(company.id);
    await page.click('.modal button[type="submit"]');
    await page.locator('[data-testid="designer-message"]', { hasText: `(${company.id})` }).waitFor();
  });
});

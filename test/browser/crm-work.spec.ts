import type { Browser, Page } from 'playwright-core';
import { CrmDatabase } from '../../crm-domain/shared/crm-database.js';
import { allowProblem } from './support/browser-problems.js';
import { describeBrowser, launchChromium } from './support/chromium.js';
import { api, eventually, rest } from './support/rest.js';
import { publishScreenshot, screenshot } from './support/screenshots.js';
import { demoAccounts, signInWithForm } from './support/session.js';
import { ensureWebAppBuilt, startWebApp, type WebApp } from './support/web-app.js';

interface Deal { id: string; title: string; stage: string; lostReason: string | null }
interface Complaint { id: string; description: string; status: string; assigneeId: string | null; slaDueAt: string }
interface List<T> { items: T[]; total: number }

/**
 * The CRM workspace's work screens through the real web app: the pipeline board (drag, a refused
 * move, lost with its reason), my day, and the journey of a head of service who clears the
 * complaints desk.
 */
describeBrowser('CRM work screens', () => {
  let web: WebApp;
  let browser: Browser;
  let password: string;

  beforeAll(async () => {
    ensureWebAppBuilt();
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    password = (await demoAccounts(web.url)).password;
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  const signInAs = async (email: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => process.stdout.write(`[browser ${email}] ${error.message}\n`));
    await page.goto(`${web.url}/login`);
    await signInWithForm(page, email, password);
    return page;
  };
  const dealNamed = async (title: string) => (await api<List<Deal>>(web, 'GET', `/api/deals?q=${encodeURIComponent(title)}`)).items[0]!;

  describe('pipeline board (a director)', () => {
    let page: Page;
    const card = (title: string) => page.locator('[data-testid="deal-card"]', { hasText: title });
    const column = (stage: string) => page.locator(`[data-testid="pipeline-column"][data-stage="${stage}"]`);

    beforeAll(async () => {
      page = await signInAs('diana.director@demo.crm');
      await page.goto(`${web.url}/crm/pipeline`);
      await card('Fjord partner portal').waitFor();
    });
    afterAll(() => page.close());

    it('shows deals by stage with count and amount per column, and names, not ids', async () => {
      expect(await column('qualification').locator('[data-testid="column-count"]').innerText()).toBe('2');
      expect(await column('qualification').locator('[data-testid="column-amount"]').innerText()).toBe('634,000 EUR');
      expect(await card('Iris contact centre').innerText()).toContain('Sara Senior');
      expect(await card('Iris contact centre').innerText()).toContain('Iris Telecom');
      const path = await screenshot(page, 'crm-pipeline');
      publishScreenshot(path, 'crm-pipeline');
    });

    it('drags a deal to another column: the server moves it and the counts follow', async () => {
      await card('Fjord partner portal').dragTo(column('proposal'));
      await column('proposal').locator('[data-testid="deal-card"]', { hasText: 'Fjord partner portal' }).waitFor();
      await page.locator('[data-testid="pipeline-message"]', { hasText: 'Fjord partner portal moved to Proposal' }).waitFor();
      expect((await dealNamed('Fjord partner portal')).stage).toBe('proposal');
      await eventually('the proposal column to count 3', async () => (await column('proposal').locator('[data-testid="column-count"]').innerText()) === '3');
      expect(await column('new').locator('[data-testid="column-count"]').innerText()).toBe('1');
    });

    it('puts a refused move back and shows the server\'s reason (won while the approval is pending)', async () => {
      allowProblem({ status: 409, method: 'PATCH', path: /^\/api\/deals\/[0-9a-f-]+$/, reason: 'the server refuses to win a deal whose approval is pending: the card goes back' });
      await card('Iris contact centre').dragTo(column('won'));
      const alert = page.locator('[role="alert"]', { hasText: 'cannot be won while its approval is pending' });
      await alert.waitFor();
      expect(await alert.innerText()).toContain('Iris contact centre stays in Qualification');
      await column('qualification').locator('[data-testid="deal-card"]', { hasText: 'Iris contact centre' }).waitFor();
      expect(await column('won').locator('[data-testid="deal-card"]', { hasText: 'Iris contact centre' }).count()).toBe(0);
      expect((await dealNamed('Iris contact centre')).stage).toBe('qualification');
    });

    it('moves with the card\'s menu (the keyboard way); lost asks for the reason', async () => {
      await card('Delta ERP integration').locator('[data-testid="move-menu"]').selectOption('lost');
      const dialog = page.locator('[data-testid="lost-reason-dialog"]');
      await dialog.locator('textarea').fill('Budget frozen until next year');
      await dialog.locator('[data-testid="prompt-confirm"]').click();
      await column('lost').locator('[data-testid="deal-card"]', { hasText: 'Delta ERP integration' }).waitFor();
      // the card moves at once; the message says the server has taken the move
      await page.locator('[data-testid="pipeline-message"]', { hasText: 'Delta ERP integration moved to Lost' }).waitFor();
      const deal = await dealNamed('Delta ERP integration');
      expect(deal).toMatchObject({ stage: 'lost', lostReason: 'Budget frozen until next year' });
    });

    it('pages a long column: load more', async () => {
      const company = (await api<List<{ id: string }>>(web, 'GET', '/api/companies?pageSize=1')).items[0]!;
      for (let n = 1; n <= 23; n++) await api(web, 'POST', '/api/deals', { title: `Bulk ${String(n).padStart(2, '0')}`, companyId: company.id, amount: 100 + n, currency: 'EUR', stage: 'new' });
      await page.goto(`${web.url}/crm/pipeline?q=Bulk`);
      const cards = column('new').locator('[data-testid="deal-card"]');
      await eventually('the first page of the new column', async () => (await cards.count()) === 20);
      expect(await column('new').locator('[data-testid="column-count"]').innerText()).toBe('23');
      await column('new').locator('[data-testid="load-more"]').click();
      await eventually('the whole new column', async () => (await cards.count()) === 23);
      expect(await column('new').locator('[data-testid="load-more"]').count()).toBe(0);
      await page.goto(`${web.url}/crm/pipeline`);
      await card('Fjord partner portal').waitFor();
    });

    it('keeps its filters in the URL', async () => {
      await page.locator('[data-testid="filter-q"]').fill('Acme');
      await page.locator('[data-testid="filter-q"]').press('Enter');
      await page.waitForURL((url) => url.searchParams.get('q') === 'Acme');
      await eventually('only the Acme deals on the board', async () => (await page.locator('[data-testid="deal-card"]').count()) === 2);
      expect(await page.locator('[data-testid="deal-card"]').allInnerTexts()).toEqual([expect.stringContaining('Acme'), expect.stringContaining('Acme')]);
    });
  });

  describe('my day (the service manager with the urgent complaint)', () => {
    let page: Page;
    let activityId: string;

    beforeAll(async () => {
      const urgent = (await api<List<Complaint & { priority: string }>>(web, 'GET', '/api/complaints?priority=urgent')).items[0]!;
      const owner = await api<{ email: string }>(web, 'GET', `/api/users/${urgent.assigneeId}`);
      await eventually('the urgent complaint\'s task', async () => (await api<List<unknown>>(web, 'GET', `/api/tasks?assignee=${urgent.assigneeId}`)).total > 0);
      activityId = (await api<{ id: string }>(web, 'POST', '/api/activities', {
        kind: 'call', subject: 'Call back about the tablets', dueAt: new Date(Date.now() - 3600_000).toISOString(), ownerId: urgent.assigneeId, recordType: 'complaint', recordId: urgent.id,
      })).id;
      page = await signInAs(owner.email);
      await page.goto(`${web.url}/crm`);
      await page.locator('[data-testid="my-day"]').waitFor();
    });
    afterAll(() => page.close());

    it('shows my tasks with links into the tasklist and my overdue activities', async () => {
      const task = page.locator('[data-testid="my-task"]', { hasText: 'Resolve complaint' }).first();
      await task.waitFor();
      expect(await task.locator('a').getAttribute('href')).toMatch(/^\/tasklist\?task=[0-9a-f-]+$/);
      const activity = page.locator('[data-testid="my-activity"]', { hasText: 'Call back about the tablets' });
      await activity.waitFor();
      expect(await activity.getAttribute('data-overdue')).toBe('true');
      expect(await page.locator('h2', { hasText: 'My activities due today' }).innerText()).toMatch(/\(1\)$/);
      const path = await screenshot(page, 'crm-my-day');
      publishScreenshot(path, 'crm-my-day');
    });

    it('marks an activity done in place', async () => {
      await page.locator('[data-testid="my-activity"]', { hasText: 'Call back about the tablets' }).locator('[data-testid="activity-done"]').click();
      await page.locator('[data-testid="my-activity"]', { hasText: 'Call back about the tablets' }).waitFor({ state: 'detached' });
      expect((await api<{ done: boolean }>(web, 'GET', `/api/activities/${activityId}`)).done).toBe(true);
    });
  });

  describe('names, not ids, in the tasklist and the cockpit (the admin, demo data)', () => {
    const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
    let page: Page;

    beforeAll(async () => {
      page = await signInAs('ada.admin@demo.crm');
    });
    afterAll(() => page.close());

    /**
     * The lines of the page's main content that still hold something shaped like a UUID once
     * `ready` shows. Names and titles arrive in a later request, which a busy machine can start
     * after the network has looked idle for a while, so the lines are read until none is left or
     * 15 s have passed; a name that never comes stays in the answer.
     */
    const uuidLines = async (path: string, ready: string): Promise<string[]> => {
      await page.goto(`${web.url}${path}`);
      await page.locator(ready).first().waitFor();
      const read = async () => (await page.locator('.content').innerText()).split('\n').filter((line) => UUID.test(line)).map((line) => `${path}: ${line}`);
      const deadline = Date.now() + 15_000;
      let lines = await read();
      while (lines.length > 0 && Date.now() < deadline) {
        await page.waitForTimeout(250);
        lines = await read();
      }
      return lines;
    };

    it('shows tasks, instances, their variables and definitions by name', async () => {
      const tasks = await rest<{ id: string }[]>(web, 'GET', '/task?maxResults=6');
      const running = await rest<{ id: string; definitionId: string }[]>(web, 'GET', '/process-instance?maxResults=50');
      const byDefinition = [...new Map(running.map((i) => [i.definitionId, i])).values()];
      expect(tasks.length).toBeGreaterThan(0);
      expect(byDefinition.length).toBeGreaterThanOrEqual(3);
      const found: string[] = [];
      found.push(...(await uuidLines('/tasklist?view=all', '[data-testid="task-list"]')));
      for (const task of tasks) found.push(...(await uuidLines(`/tasklist?view=all&task=${task.id}`, '[data-testid="task-detail"]')));
      found.push(...(await uuidLines('/cockpit/instances', 'table tbody tr')));
      for (const instance of byDefinition) {
        found.push(...(await uuidLines(`/cockpit/instance?id=${instance.id}`, '[data-testid="variables"]')));
        found.push(...(await uuidLines(`/cockpit/definition?id=${encodeURIComponent(instance.definitionId)}`, '.djs-container')));
      }
      expect(found).toEqual([]);
    });
  });

  describe('journey: the head of service clears the complaints desk', () => {
    let page: Page;
    let breached: Complaint;

    beforeAll(async () => {
      const open = (await api<List<Complaint>>(web, 'GET', '/api/complaints?open=true&pageSize=200')).items;
      // complaint-sla sets each due time from its table first; then one complaint is made two hours late
      for (const c of open) await eventually(`the SLA process of ${c.id} at its task`, async () => (await api<List<unknown>>(web, 'GET', `/api/tasks?recordId=${c.id}`)).total > 0);
      breached = open.find((c) => c.description.startsWith('Invoice'))!;
      await web.app.get(CrmDatabase).query(`UPDATE crm.complaints SET sla_due_at = now() - interval '2 hours' WHERE id = $1`, [breached.id]);
      page = await signInAs('henry.servicehead@demo.crm');
      await page.goto(`${web.url}/crm/desk`);
      await page.locator('[data-testid="desk-row"]').first().waitFor();
    });
    afterAll(() => page.close());

    it('lists the breached complaint first, with the company and assignee by name', async () => {
      const first = page.locator('[data-testid="desk-row"]').first();
      expect(await first.getAttribute('data-complaint-id')).toBe(breached.id);
      expect(await first.locator('[data-testid="time-left"]').innerText()).toMatch(/^breached /);
      expect(await first.locator('[data-testid="desk-company"]').innerText()).toContain('Borealis Energy');
      expect(await first.locator('[data-testid="desk-assignee"]').innerText()).toMatch(/^(Sophie Service|Simon Support)$/);
      expect(await page.locator('[data-testid="desk-row"]').count()).toBe(4);
      const path = await screenshot(page, 'crm-complaints-desk');
      publishScreenshot(path, 'crm-complaints-desk');
    });

    it('takes and resolves every complaint until the desk is empty', async () => {
      for (let round = 0; round < 10; round++) {
        const rows = page.locator('[data-testid="desk-row"]');
        if ((await rows.count()) === 0) break;
        const row = rows.first();
        const id = (await row.getAttribute('data-complaint-id'))!;
        await row.locator('[data-testid="desk-take"]').click();
        await page.locator(`[data-testid="desk-row"][data-complaint-id="${id}"] [data-testid="desk-assignee"]`, { hasText: 'Henry Service-Head' }).waitFor();
        await page.locator(`[data-testid="desk-row"][data-complaint-id="${id}"] [data-testid="desk-resolve"]`).click();
        await page.locator('[data-testid="resolve-dialog"] textarea').fill('Called the customer and fixed it');
        await page.locator('[data-testid="resolve-dialog"] [data-testid="prompt-confirm"]').click();
        await page.locator(`[data-testid="desk-row"][data-complaint-id="${id}"]`).waitFor({ state: 'detached' });
      }
      await page.locator('[data-testid="desk-empty"]').waitFor();
      const left = await api<List<Complaint>>(web, 'GET', '/api/complaints?open=true');
      expect(left.total).toBe(0);
      const all = await api<List<Complaint>>(web, 'GET', '/api/complaints?pageSize=200');
      expect(all.items.map((c) => c.status).every((s) => s === 'resolved' || s === 'closed')).toBe(true);
    });
  });
});

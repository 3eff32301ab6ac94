import type { Browser, Page } from 'playwright-core';
import { allowProblem } from './support/browser-problems.js';
import { describeBrowser, launchChromium } from './support/chromium.js';
import { api, eventually } from './support/rest.js';
import { publishScreenshot, screenshot } from './support/screenshots.js';
import { demoAccounts, signInWithForm, type DemoUser } from './support/session.js';
import { ensureWebAppBuilt, startWebApp, type WebApp } from './support/web-app.js';

interface Lead { id: string; ownerId: string | null; status: string; convertedDealId: string | null; convertedCompanyId: string | null }
interface Deal { id: string; title: string; stage: string; approvalStatus: string; companyId: string }

/**
 * Issue 16's journey: a lead comes in through the public web form; its manager, only through the
 * web app, finds it, converts it on its card, moves the deal through the stages, asks for the
 * approval the discount needs (winning is refused while it is pending), another manager and a head
 * approve it in their tasklists, the deal is won, and the company's 360° timeline tells it all.
 */
describeBrowser('journey: from a web-form lead to a won deal', () => {
  let web: WebApp;
  let browser: Browser;
  let password = '';
  let users: readonly DemoUser[] = [];
  const stamp = Date.now();
  const person = `Wren Webform ${stamp}`;
  const companyName = `Wren Windows ${stamp}`;
  const dealTitle = `Wren windows rollout ${stamp}`;
  let lead: Lead;
  let owner: DemoUser;
  let ownerPage: Page;
  let deal: Deal;

  /** a page signed in through the login form as a demo user */
  async function pageOf(user: DemoUser): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => process.stdout.write(`[browser ${user.email}] ${error.message}\n`));
    await page.goto(`${web.url}/login`);
    await signInWithForm(page, user.email, password);
    return page;
  }

  const byEmail = (email: string) => users.find((u) => u.email === email)!;

  beforeAll(async () => {
    ensureWebAppBuilt();
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    ({ password, users } = await demoAccounts(web.url));
    // the web form: no sign-in, from another site
    const response = await fetch(`${web.url}/api/public/leads`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: person, company: companyName, email: `wren.${stamp}@windows.test`, estimatedAmount: 60_000, currency: 'EUR', message: 'We need new windows' }),
    });
    expect(response.status).toBe(202);
    // lead routing gives it an owner
    lead = await eventually('the web-form lead to get an owner', async () => {
      const found = await api<{ items: Lead[] }>(web, 'GET', `/api/leads?q=${encodeURIComponent(person)}`);
      return found.items[0]?.ownerId ? found.items[0] : null;
    });
    owner = users.find((u) => u.id === lead.ownerId)!;
    expect(owner.role).toBe('manager');
  });

  afterAll(async () => {
    await ownerPage?.close();
    await browser?.close();
    await web?.close();
  });

  it('the owner finds the lead in the leads list and converts it on its card', async () => {
    ownerPage = await pageOf(owner);
    const page = ownerPage;
    await page.click('nav.topbar a[href="/crm"]');
    await page.click('nav.tabs a:has-text("Leads")');
    await page.fill('[data-testid="list-filters"] input[name="q"]', 'Wren Web');
    await page.press('[data-testid="list-filters"] input[name="q"]', 'Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === 'Wren Web');
    await page.click(`[data-testid="row-link"]:has-text("${person}")`);
    await page.waitForURL(`**/crm/leads/${lead.id}`);
    await page.click('[data-testid="convert-lead"]');
    await page.fill('[data-testid="convert-form"] input[name="convert"]', dealTitle);
    await page.click('[data-testid="convert-form"] button[type="submit"]');
    await page.waitForURL(/\/crm\/deals\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="record-card"] h2', { hasText: dealTitle }).waitFor();
    lead = await api<Lead>(web, 'GET', `/api/leads/${lead.id}`);
    expect(lead.status).toBe('converted');
    deal = await api<Deal>(web, 'GET', `/api/deals/${lead.convertedDealId}`);
    expect(page.url()).toContain(`/crm/deals/${deal.id}`);
  });

  /** the owner moves the deal to a stage with the card's stage select */
  async function moveTo(stage: string): Promise<void> {
    await ownerPage.selectOption('[data-testid="deal-stage"]', stage);
    await ownerPage.click('[data-testid="move-stage"]');
  }

  it('moves the deal through the stages, asks for approval of a discount; winning waits for it', async () => {
    const page = ownerPage;
    // a converted lead's deal starts qualified
    expect(await page.locator('[data-testid="deal-stage"]').inputValue()).toBe('qualification');
    await moveTo('proposal');
    await page.locator('[data-testid="card-message"]', { hasText: 'Moved to proposal' }).waitFor();
    await page.locator('[data-field="stage"] [data-testid="field-value"]', { hasText: 'proposal' }).waitFor();
    await page.click('[data-testid="request-approval"]');
    await page.fill('[data-testid="discountPercent-form"] input[name="discountPercent"]', '10');
    await page.click('[data-testid="discountPercent-form"] button[type="submit"]');
    await page.locator('[data-testid="card-message"]', { hasText: 'Approval requested' }).waitFor();
    await page.locator('[data-field="approvalStatus"] [data-testid="field-value"]', { hasText: 'pending' }).waitFor();

    allowProblem({ status: 409, method: 'PATCH', path: `/api/deals/${deal.id}`, reason: 'winning a deal whose approval is pending is refused, and the card says why' });
    await moveTo('won');
    await page.locator('[data-testid="record-actions"] [role="alert"]', { hasText: 'cannot be won while its approval is pending' }).waitFor();
    expect((await api<Deal>(web, 'GET', `/api/deals/${deal.id}`)).stage).toBe('proposal');
  });

  /** claims the deal's approval step in My groups' tasks and approves it with the form */
  async function approve(approver: DemoUser, step: string): Promise<void> {
    const page = await pageOf(approver);
    await page.goto(`${web.url}/tasklist?view=groups`);
    await page.locator('.task-row', { hasText: step }).filter({ has: page.locator('.record-title', { hasText: dealTitle }) }).click();
    await page.locator('[data-testid="task-detail"]').waitFor();
    await page.click('[data-testid="task-detail"] button:has-text("Claim")');
    await page.locator(`[data-testid="task-assignee"][data-user="${approver.id}"]`).waitFor();
    await page.locator('[data-testid="task-form"][data-ready="true"] [data-outcome="approve"]:not([disabled])').click();
    await page.locator('[data-testid="task-done"]').waitFor();
    await page.close();
  }

  it('another manager and a head approve it in their tasklists', async () => {
    const otherManager = users.find((u) => u.role === 'manager' && u.id !== owner.id && u.email.includes('senior'))!;
    await approve(otherManager, 'Approval (manager)');
    await approve(byEmail('hugo.head@demo.crm'), 'Approval (head)');
    await eventually('the deal to be approved', async () => (await api<Deal>(web, 'GET', `/api/deals/${deal.id}`)).approvalStatus === 'approved');
  });

  it('the owner wins the deal, and the company\'s 360° timeline tells the whole story', async () => {
    const page = ownerPage;
    await page.reload();
    await page.locator('[data-field="approvalStatus"] [data-testid="field-value"]', { hasText: 'approved' }).waitFor();
    // the approval moved it on to negotiation
    await page.locator('[data-field="stage"] [data-testid="field-value"]', { hasText: 'negotiation' }).waitFor();
    await moveTo('won');
    await page.locator('[data-testid="card-message"]', { hasText: 'Moved to won' }).waitFor();
    expect((await api<Deal>(web, 'GET', `/api/deals/${deal.id}`)).stage).toBe('won');

    await page.click(`[data-field="companyId"] [data-testid="record-link"]`);
    await page.waitForURL(`**/crm/companies/${deal.companyId}`);
    const timeline = page.locator('[data-testid="timeline"]');
    // the lead's story (the web form, its routing, the conversion), the deal's stages and approvals, newest first
    await timeline.locator('[data-about="deal"]', { hasText: 'Approval (head)' }).waitFor();
    let text = '';
    await eventually('the whole story on the timeline', async () => {
      while (await page.locator('[data-testid="timeline-older"]').count()) await page.click('[data-testid="timeline-older"]');
      text = (await timeline.textContent()) ?? '';
      return ['Approval (manager)', 'Approval (head)', 'Approval requested', 'lead-routing', 'converted', 'stage'].every((part) => text.includes(part));
    });
    const aboutLead = timeline.locator('[data-about="lead"]');
    expect(await aboutLead.count()).toBeGreaterThan(0);
    expect(await timeline.locator('[data-about="deal"][data-kind="change"]', { hasText: 'stage' }).count()).toBeGreaterThanOrEqual(3);
    expect(await timeline.locator('[data-about="deal"][data-kind="process"]', { hasText: 'Approval (head)' }).locator('.crm-timeline-who', { hasText: 'Hugo Head' }).count()).toBe(1);
    const times = await timeline.locator('time').evaluateAll((nodes) => nodes.map((n) => Date.parse(n.getAttribute('datetime') ?? '')));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    await screenshot(page, 'crm-journey-company-timeline');
    publishScreenshot(await screenshot(page, 'crm-journey-company-timeline'), 'crm-journey-company-timeline');
  });
});

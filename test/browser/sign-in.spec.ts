import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { describeBrowser, launchChromium } from './support/chromium.js';
import { eventually, rest } from './support/rest.js';
import { screenshot } from './support/screenshots.js';
import { signIn } from './support/session.js';
import { ensureWebAppBuilt, startWebApp, type WebApp } from './support/web-app.js';

jest.setTimeout(180_000);

interface Incident { id: string; processInstanceId: string }

/** The sign-in through the server's session, the areas each role reaches, and the demo's repair for ops. */
describeBrowser('sign-in and the demo data', () => {
  let web: WebApp;
  let browser: Browser;

  beforeAll(async () => {
    ensureWebAppBuilt();
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('sends a visitor to the login and back to the page they asked for', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${web.url}/cockpit/instances?state=incidents`);
      await page.waitForURL((url) => url.pathname === '/login');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/cockpit/instances?state=incidents');
      await screenshot(page, 'login');
      await page.click('.user-card[data-role="ops"]');
      await page.waitForURL((url) => url.pathname === '/cockpit/instances');
      expect(new URL(page.url()).searchParams.get('state')).toBe('incidents');
      const cookies = await page.context().cookies();
      expect(cookies.find((c) => c.name === 'crm_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    } finally {
      await page.close();
    }
  });

  it('shows a manager only the tasklist, and the server refuses what the role may not do', async () => {
    const { page } = await signIn(browser, web.url, 'manager');
    try {
      expect(await page.locator('nav.topbar a').allTextContents()).toEqual(['CRM processes', 'Tasklist']);
      await page.goto(`${web.url}/designer`);
      await page.locator('p.error', { hasText: 'has no access to designer' }).waitFor();
      // Playwright's request API is no browser: it names our origin as the web app's fetch does
      const refused = await page.request.post(`${web.url}/engine-rest/deployment/create`, { multipart: { 'deployment-name': 'x' }, headers: { origin: web.url } });
      expect(refused.status()).toBe(403);
      expect(((await refused.json()) as { message: string }).message).toMatch(/may not deploy processes/);
    } finally {
      await page.close();
    }
  });

  it('returns to the login when the session ends, and says why', async () => {
    const { page } = await signIn(browser, web.url, 'manager');
    try {
      await page.locator('[data-testid="current-user"]').waitFor();
      // nothing in flight: the next request is the click's
      await page.waitForLoadState('networkidle');
      expect((await page.request.delete(`${web.url}/api/session`, { headers: { origin: web.url } })).status()).toBe(204);
      await page.click('[data-view="groups"]');
      await page.locator('[data-testid="session-ended"]').waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
    } finally {
      await page.close();
    }
  });

  describe('ops repairs the demo’s failed approval', () => {
    let page: Page;
    let incident: Incident;
    beforeAll(async () => {
      incident = await eventually('the demo incident', async () => (await rest<Incident[]>(web.url, 'GET', '/incident?activityId=Resubmit'))[0], 90_000);
      ({ page } = await signIn(browser, web.url, 'ops'));
    });
    afterAll(() => page.close());

    it('corrects the discount, retries, and the request goes back to the manager', async () => {
      await page.goto(`${web.url}/cockpit/instances?state=incidents`);
      await page.click(`[data-testid="instances"] tr[data-instance-id="${incident.processInstanceId}"] a`);
      await page.locator('[data-testid="incidents"] .incident-message', { hasText: "got '150'" }).waitFor();

      await page.click('[data-testid="variables"] tr:has(code:text-is("discountPercent")) button:has-text("edit")');
      await page.selectOption('[data-testid="variables"] [aria-label="Variable type"]', 'Integer');
      await page.fill('[data-testid="variables"] [aria-label="Variable value"]', '15');
      await page.click('[data-testid="variables"] button:has-text("Save")');
      await page.locator('[data-testid="variables"] tr:has(code:text-is("discountPercent"))', { hasText: '15' }).waitFor();
      await screenshot(page, 'cockpit-demo-repair');

      await page.click('[data-testid="retry-incident"]');
      await eventually('the approval back at the manager', async () => {
        const tasks = await rest<{ taskDefinitionKey: string }[]>(web.url, 'GET', `/task?processInstanceId=${incident.processInstanceId}`);
        return tasks.some((t) => t.taskDefinitionKey === 'ManagerApproval');
      });
      await page.click('button:has-text("Refresh")');
      await page.locator('[data-testid="instance-diagram"] .djs-element.crm-active[data-element-id="ManagerApproval"]').waitFor();
      expect(await page.locator('[data-testid="incidents"] .panel.incident').count()).toBe(0);
    });
  });
});

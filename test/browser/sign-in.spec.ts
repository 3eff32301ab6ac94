import type { Browser, Page } from 'playwright-core';
import { TEST_USER_PASSWORD } from '../support/test-app.js';
import { allowProblem, expectQuietBrowser } from './support/browser-problems.js';
import { describeBrowser, launchChromium } from './support/chromium.js';
import { api, eventually, rest } from './support/rest.js';
import { screenshot } from './support/screenshots.js';
import { demoUser, signIn, signInWithForm, type DemoRole } from './support/session.js';
import { ensureWebAppBuilt, startWebApp, type WebApp } from './support/web-app.js';


interface Incident { id: string; processInstanceId: string }

const HOMES: Record<DemoRole, { path: string; nav: string[] }> = {
  analyst: { path: '/designer', nav: ['Designer'] },
  manager: { path: '/tasklist', nav: ['Tasklist', 'CRM'] },
  head: { path: '/tasklist', nav: ['Tasklist', 'CRM'] },
  director: { path: '/tasklist', nav: ['Tasklist', 'CRM'] },
  ops: { path: '/cockpit', nav: ['Cockpit', 'CRM'] },
  admin: { path: '/designer', nav: ['Designer', 'Tasklist', 'Cockpit', 'CRM', 'Admin'] },
};

/** in the page: the wait after failed sign-ins is shown, and the button disabled, at the same time */

/** who the page's cookie signs in (null: nobody), asked from inside the page as the app asks */
async function sessionOf(page: Page): Promise<{ id: string } | null> {
  return page.evaluate(async () => {
    const response = await fetch('/api/session');
    return response.status === 204 ? null : ((await response.json()) as { id: string });
  });
}

/** Sign-in with email and password through the login page, the session's end, and what each role reaches. */
describeBrowser('sign-in', () => {
  let web: WebApp;
  let browser: Browser;
  /** a user of this spec alone, whose password the spec changes */
  const newUser = (name: string, role: string) =>
    api<{ id: string; email: string }>(web, 'POST', '/api/users', { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@sign-in.test`, role, ...(role === 'manager' ? { level: 'junior' } : {}), password: TEST_USER_PASSWORD });

  beforeAll(async () => {
    ensureWebAppBuilt();
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('sends a visitor to the login, fills the form from the demo box, and goes back to the page they asked for', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    try {
      await page.goto(`${web.url}/cockpit/instances?state=incidents`);
      await page.waitForURL((url) => url.pathname === '/login');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/cockpit/instances?state=incidents');
      const ops = page.locator('[data-testid="demo-box"] .demo-user[data-role="ops"]');
      await ops.waitFor();
      expect(await page.locator('[data-testid="demo-box"] .demo-badge').textContent()).toBe('Demo');
      expect(await page.locator('[data-testid="demo-password"]').textContent()).toBe('demo-password');
      expect(await page.locator('input[name="email"]').getAttribute('autocomplete')).toBe('username');
      expect(await page.locator('input[name="password"]').getAttribute('autocomplete')).toBe('current-password');
      await screenshot(page, 'login');

      await ops.click();
      const { user, password } = await demoUser(web.url, 'ops');
      expect(await page.locator('input[name="email"]').inputValue()).toBe(user.email);
      expect(await page.locator('input[name="password"]').inputValue()).toBe(password);
      await page.locator('[data-testid="sign-in"]').press('Enter');
      await page.waitForURL((url) => url.pathname === '/cockpit/instances');
      expect(new URL(page.url()).searchParams.get('state')).toBe('incidents');
      await page.locator('[data-testid="current-user"]', { hasText: user.name }).waitFor();
      const cookies = await page.context().cookies();
      expect(cookies.find((c) => c.name === 'crm_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    } finally {
      await page.close();
    }
  });

  it('refuses a wrong password with a message, and opens no session', async () => {
    allowProblem({ status: 401, method: 'POST', path: '/api/session', reason: 'a wrong password is refused with 401, as HTTP says; the form shows it' });
    const page = await browser.newPage();
    try {
      await page.goto(`${web.url}/login`);
      const { user } = await demoUser(web.url, 'admin');
      await page.fill('input[name="email"]', user.email);
      await page.fill('input[name="password"]', 'not-the-password');
      await page.press('input[name="password"]', 'Enter');
      await page.locator('[data-testid="sign-in-problem"]', { hasText: 'Wrong email or password' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
      expect((await page.context().cookies()).some((c) => c.name === 'crm_session')).toBe(false);
      expect(await sessionOf(page)).toBeNull();
      expect(await page.locator('[data-testid="sign-in"]').isEnabled()).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('after repeated failures says how long to wait, and keeps the form disabled until then', async () => {
    allowProblem({ status: 401, method: 'POST', path: '/api/session', reason: 'the failed sign-ins that lead to the wait' });
    allowProblem({ status: 429, method: 'POST', path: '/api/session', reason: 'the wait itself: 429 with Retry-After, which the form counts down' });
    const page = await browser.newPage();
    try {
      await page.goto(`${web.url}/login`);
      await page.fill('input[name="email"]', 'nobody@sign-in.test');
      await page.fill('input[name="password"]', 'guess-number-x');
      // locators poll in the page without eval (the Content Security Policy forbids it, also for waitForFunction)
      const waitMessage = page.locator('[data-testid="sign-in-problem"]', { hasText: /^Too many failed sign-ins: try again in \d+ s$/ });
      for (let attempt = 1; attempt <= 10 && (await waitMessage.count()) === 0; attempt++) {
        const answered = page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'POST');
        await page.click('[data-testid="sign-in"]', { timeout: 60_000 });
        await answered;
      }
      await waitMessage.waitFor({ timeout: 60_000 });
      expect(await page.locator('[data-testid="sign-in"]').isDisabled()).toBe(true);
      await page.locator('[data-testid="sign-in"]:enabled').waitFor({ timeout: 60_000 });
    } finally {
      await page.close();
    }
  });

  it('signs each role in to its start page, with its areas in the navigation and no console errors', async () => {
    for (const role of Object.keys(HOMES) as DemoRole[]) {
      const { page } = await signIn(browser, web.url, role);
      try {
        expect(new URL(page.url()).pathname).toBe(HOMES[role].path);
        await page.locator('[data-testid="current-user"]').waitFor();
        expect(await page.locator('nav.topbar > a').allTextContents()).toEqual(['CRM processes', ...HOMES[role].nav]);
        await page.waitForLoadState('networkidle');
        expectQuietBrowser();
      } finally {
        await page.close();
      }
    }
  });

  it('shows a manager only the tasklist, and the server refuses what the role may not do', async () => {
    allowProblem({ status: 403, method: 'POST', path: '/engine-rest/deployment/create', reason: 'the test sends, from the page, a deploy the role may not do' });
    const { page } = await signIn(browser, web.url, 'manager');
    try {
      await page.goto(`${web.url}/cockpit`);
      await page.locator('p.error', { hasText: 'You may not open the Cockpit' }).waitFor();
      const refused = await page.evaluate(async () => {
        const form = new FormData();
        form.set('deployment-name', 'x');
        const response = await fetch('/engine-rest/deployment/create', { method: 'POST', body: form });
        return { status: response.status, message: ((await response.json()) as { message: string }).message };
      });
      expect(refused).toEqual({ status: 403, message: expect.stringContaining('may not deploy or delete processes and forms') });
    } finally {
      await page.close();
    }
  });

  it('says "You may not …" when the server refuses an action, here after the role changed', async () => {
    allowProblem({ status: 403, method: 'PUT', path: /^\/engine-rest\/job\/[^/]+\/retries$/, reason: 'the role changed behind the page: the server refuses the retry, which the page explains' });
    const incident = await eventually('the demo incident', async () => (await rest<Incident[]>(web, 'GET', '/incident?activityId=Resubmit'))[0], 90_000);
    const olga = await newUser('Olga Oncall', 'ops');
    const page = await browser.newPage();
    try {
      await page.goto(`${web.url}/cockpit/instance?id=${incident.processInstanceId}`);
      await signInWithForm(page, olga.email, TEST_USER_PASSWORD);
      await page.locator('[data-testid="retry-incident"]').waitFor();
      await api(web, 'PATCH', `/api/users/${olga.id}`, { role: 'manager', level: 'junior' });
      await page.click('[data-testid="retry-incident"]');
      await page.locator('[role="alert"]', { hasText: /^You may not operate process instances .*: that takes the role ops or admin$/ }).waitFor();
      expect((await rest<Incident[]>(web, 'GET', `/incident?processInstanceId=${incident.processInstanceId}`)).length).toBe(1);
    } finally {
      await page.close();
    }
  });

  it('returns to the login when the session ends in another tab, and back to the page afterwards', async () => {
    allowProblem({ status: 401, method: 'GET', path: /^\/engine-rest\/task\?/, reason: 'the session ended in another tab: the next request is how the page learns it' });
    const context = await browser.newContext();
    const { page, user, password } = await signIn(browser, web.url, 'manager', context);
    try {
      await page.goto(`${web.url}/tasklist?view=groups`);
      await page.locator('[data-testid="task-list"]').waitFor();
      await page.waitForLoadState('networkidle');
      const other = await context.newPage();
      await other.goto(`${web.url}/tasklist`);
      await other.click('[data-testid="user-menu"]');
      await other.click('[data-testid="sign-out"]');
      await other.waitForURL((url) => url.pathname === '/login');
      await other.close();

      await page.click('[data-view="mine"]');
      await page.locator('[data-testid="session-ended"]').waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
      await signInWithForm(page, user.email, password);
      expect(`${new URL(page.url()).pathname}${new URL(page.url()).search}`).toBe('/tasklist?view=mine');
    } finally {
      await context.close();
    }
  });

  it('changes the password from the user menu, which signs out the other browsers', async () => {
    allowProblem({ status: 403, method: 'PUT', path: '/api/session/password', reason: 'a wrong current password is refused; the dialog says so' });
    allowProblem({ status: 401, method: 'GET', path: /^\/engine-rest\/task\?/, reason: 'the other browser, signed out by the change, learns it at its next request' });
    const paul = await newUser('Paul Passwordchanger', 'manager');
    const elsewhere = await browser.newPage();
    const page = await browser.newPage();
    try {
      for (const p of [elsewhere, page]) {
        await p.goto(`${web.url}/tasklist`);
        await signInWithForm(p, paul.email, TEST_USER_PASSWORD);
      }
      await page.click('[data-testid="user-menu"]');
      await page.click('[data-testid="open-change-password"]');
      const form = page.locator('[data-testid="change-password-form"]');
      await form.locator('input[name="current-password"]').fill('not-my-password');
      await form.locator('input[name="new-password"]').fill('a new long passphrase');
      await form.locator('input[name="confirm-password"]').fill('a new long passphrase');
      await form.locator('[data-testid="change-password"]').click();
      await form.locator('[role="alert"]', { hasText: 'The current password is not right' }).waitFor();
      await form.locator('input[name="current-password"]').fill(TEST_USER_PASSWORD);
      await form.locator('[data-testid="change-password"]').click();
      await page.locator('[data-testid="password-changed"]').waitFor();
      await screenshot(page, 'change-password');
      await page.click('.modal button:has-text("Close")');

      // this browser goes on; the other one is signed out at its next request
      await page.click('[data-view="groups"]');
      await page.locator('[data-testid="task-list"]').waitFor();
      expect(new URL(page.url()).pathname).toBe('/tasklist');
      await elsewhere.click('[data-view="groups"]');
      await elsewhere.locator('[data-testid="session-ended"]').waitFor();
      await signInWithForm(elsewhere, paul.email, 'a new long passphrase');
      expect(`${new URL(elsewhere.url()).pathname}${new URL(elsewhere.url()).search}`).toBe('/tasklist?view=groups');
    } finally {
      await page.close();
      await elsewhere.close();
    }
  });

  describe('ops repairs the demo’s failed approval', () => {
    let page: Page;
    let incident: Incident;
    beforeAll(async () => {
      incident = await eventually('the demo incident', async () => (await rest<Incident[]>(web, 'GET', '/incident?activityId=Resubmit'))[0], 90_000);
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
        const tasks = await rest<{ taskDefinitionKey: string }[]>(web, 'GET', `/task?processInstanceId=${incident.processInstanceId}`);
        return tasks.some((t) => t.taskDefinitionKey === 'LevelApproval');
      });
      await page.click('button:has-text("Refresh")');
      await page.locator('[data-testid="instance-diagram"] .djs-element.crm-active[data-element-id="LevelApproval"]').waitFor();
      expect(await page.locator('[data-testid="incidents"] .panel.incident').count()).toBe(0);
    });
  });
});

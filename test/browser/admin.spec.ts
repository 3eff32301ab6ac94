import type { Browser, Page } from 'playwright-core';
import { allowProblem } from './support/browser-problems.js';
import { describeBrowser, launchChromium } from './support/chromium.js';
import { api } from './support/rest.js';
import { screenshot } from './support/screenshots.js';
import { signIn } from './support/session.js';
import { ensureWebAppBuilt, startWebApp, type WebApp } from './support/web-app.js';


const NEW_PASSWORD = 'correct horse battery';

/** The admin pages: users invited with a one-time link, password resets, deactivation, teams, API keys shown once. */
describeBrowser('admin pages', () => {
  let web: WebApp;
  let browser: Browser;
  let admin: Page;

  beforeAll(async () => {
    ensureWebAppBuilt();
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    ({ page: admin } = await signIn(browser, web.url, 'admin'));
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  /** the one-time link the dialog shows, then the dialog closed */
  async function takeLink(): Promise<string> {
    const link = await admin.locator('[data-testid="password-link-url"]').inputValue();
    await admin.click('[data-testid="password-link"] button:has-text("Done")');
    return link;
  }

  it('invites a new user, who sets a password with the link and lands signed in', async () => {
    allowProblem({ status: 404, method: 'POST', path: '/api/session/password-token', reason: 'the link is used a second time: the server no longer knows it, the page says so' });
    allowProblem({ status: 401, method: 'GET', path: /^\/engine-rest\/task\?/, reason: 'deactivated, her session has ended: her next request is how her page learns it' });
    await admin.click('nav.topbar a:has-text("Admin")');
    await admin.locator('[data-testid="users"] tr[data-email="ada.admin@demo.crm"]').waitFor();
    await admin.click('[data-testid="new-user"]');
    const form = admin.locator('[data-testid="user-form"]');
    await form.locator('input[name="name"]').fill('Nina Newcomer');
    await form.locator('input[name="email"]').fill('nina.newcomer@example.test');
    await form.locator('select[name="role"]').selectOption('manager');
    await form.locator('select[name="level"]').selectOption('senior');
    await form.locator('select[name="teamId"]').selectOption({ label: 'Sales North (sales)' });
    await form.locator('[data-testid="save-user"]').click();
    await admin.locator('[data-testid="password-link"]', { hasText: 'Nina Newcomer' }).waitFor();
    await screenshot(admin, 'admin-invitation');
    const link = await takeLink();
    expect(link).toMatch(new RegExp(`^${web.url}/set-password#token=.+`));
    const row = admin.locator('[data-testid="users"] tr[data-email="nina.newcomer@example.test"]');
    await row.locator('td', { hasText: 'Sales North' }).waitFor();
    await screenshot(admin, 'admin-users');

    const context = await browser.newContext();
    try {
      const nina = await context.newPage();
      await nina.goto(link);
      await nina.locator('[data-testid="link-owner"]', { hasText: 'Nina Newcomer' }).waitFor();
      expect(new URL(nina.url()).hash).toBe('');
      await nina.fill('input[name="new-password"]', 'short');
      await nina.fill('input[name="confirm-password"]', 'short');
      await nina.click('[data-testid="set-password"]');
      await nina.locator('[role="alert"]', { hasText: 'at least 10 characters' }).waitFor();
      await nina.fill('input[name="new-password"]', NEW_PASSWORD);
      await nina.fill('input[name="confirm-password"]', NEW_PASSWORD);
      await nina.click('[data-testid="set-password"]');
      await nina.waitForURL((url) => url.pathname === '/tasklist');
      await nina.locator('[data-testid="current-user"]', { hasText: 'Nina Newcomer' }).waitFor();

      // the link worked once
      const again = await context.newPage();
      await again.goto(link);
      await again.locator('[data-testid="link-invalid"]', { hasText: 'no longer valid' }).waitFor();
      await again.close();

      // deactivated: her session ends at once, her next request leads to the login
      await row.locator('[data-testid="deactivate"]').click();
      await admin.locator('[data-testid="confirm-dialog"]', { hasText: 'can no longer sign in' }).waitFor();
      await admin.click('[data-testid="confirm"]');
      await admin.locator('[data-testid="users-message"]', { hasText: 'Nina Newcomer is deactivated' }).waitFor();
      await nina.click('[data-view="groups"]');
      await nina.locator('[data-testid="session-ended"]').waitFor();
    } finally {
      await context.close();
    }
  });

  it('resets a password with a one-time link', async () => {
    const sam = await api<{ id: string }>(web, 'POST', '/api/users', { name: 'Rita Resetme', email: 'rita@example.test', role: 'analyst', password: 'an old password' });
    await admin.goto(`${web.url}/admin?q=Rita`);
    await admin.locator(`[data-testid="users"] tr[data-user-id="${sam.id}"] [data-testid="reset-password"]`).click();
    await admin.locator('[role="dialog"][aria-label="Password reset for Rita Resetme"] [data-testid="password-link"]').waitFor();
    const link = await takeLink();
    const rita = await browser.newPage();
    try {
      await rita.goto(link);
      await rita.fill('input[name="new-password"]', NEW_PASSWORD);
      await rita.fill('input[name="confirm-password"]', NEW_PASSWORD);
      await rita.click('[data-testid="set-password"]');
      await rita.waitForURL((url) => url.pathname === '/designer');
      await rita.locator('[data-testid="current-user"]', { hasText: 'Rita Resetme' }).waitFor();
    } finally {
      await rita.close();
    }
  });

  it('adds a team', async () => {
    await admin.goto(`${web.url}/admin/teams`);
    await admin.locator('[data-testid="teams"] td', { hasText: 'Customer Service' }).waitFor();
    await admin.fill('[data-testid="team-form"] input[name="team-name"]', 'Sales West');
    await admin.click('[data-testid="team-form"] button[type="submit"]');
    await admin.locator('[data-testid="teams"] td', { hasText: 'Sales West' }).waitFor();
  });

  it('creates an API key that is shown once, and revokes it', async () => {
    await admin.goto(`${web.url}/admin/api-keys`);
    await admin.click('[data-testid="new-api-key"]');
    const form = admin.locator('[data-testid="api-key-form"]');
    await form.locator('input[name="key-name"]').fill('ERP worker');
    expect(await form.locator('input[name="roles"][value="worker"]').isChecked()).toBe(true);
    await form.locator('textarea[name="topics"]').fill('erp-invoice,\n erp-order ');
    await form.locator('small', { hasText: 'tasks of erp-invoice, erp-order only' }).waitFor();
    await screenshot(admin, 'admin-api-key-form');
    await form.locator('[data-testid="create-api-key"]').click();
    const created = admin.locator('[data-testid="api-key-created"]');
    await created.locator('.warning', { hasText: 'it is not shown again' }).waitFor();
    const key = await created.locator('[data-testid="api-key-secret"]').inputValue();
    expect(key).toMatch(/^crmk_[0-9a-f]{32}_.+/);
    await screenshot(admin, 'admin-api-key');
    const withKey = (k: string) => fetch(`${web.url}/engine-rest/process-definition`, { headers: { authorization: `Bearer ${k}` } });
    expect((await withKey(key)).status).toBe(200);
    const fetchTopic = (topicName: string) => fetch(`${web.url}/engine-rest/external-task/fetchAndLock`, {
      method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ workerId: 'erp', topics: [{ topicName, lockDuration: 1000 }] }),
    });
    expect((await fetchTopic('erp-order')).status).toBe(200);
    expect((await fetchTopic('crm-mail')).status).toBe(403);

    await created.locator('button:has-text("I have copied it")').click();
    const row = admin.locator('[data-testid="api-keys"] tr', { hasText: 'ERP worker' });
    await row.locator('td', { hasText: 'Ada Admin' }).waitFor();
    expect(await row.locator('[data-testid="api-key-topics"]').textContent()).toBe('erp-invoice, erp-order');
    expect(await admin.content()).not.toContain(key.split('_').slice(2).join('_'));

    await row.locator('[data-testid="revoke-api-key"]').click();
    await admin.click('[data-testid="confirm"]');
    await admin.locator('[data-testid="api-keys"] tr[data-state="revoked"]', { hasText: 'ERP worker' }).waitFor();
    expect((await withKey(key)).status).toBe(401);
  });
});

import type { Browser, Page } from 'playwright-core';
import { allowProblem } from './support/browser-problems.js';
import { describeBrowser, launchChromium } from './support/chromium.js';
import { api } from './support/rest.js';
import { screenshot } from './support/screenshots.js';
import { signIn } from './support/session.js';
import { ensureWebAppBuilt, startWebApp, type WebApp } from './support/web-app.js';

/** The admin Teams page's working-calendar editor: business hours per weekday, time zone, holidays. */
describeBrowser('team working calendars', () => {
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

  it('shows the default calendar, saves business hours with a lunch break, a zone and holidays, and names what is wrong', async () => {
    const { items } = await api<{ items: { id: string; name: string }[] }>(web, 'GET', '/api/teams?pageSize=200');
    // a sales team: the demo's service desk has a calendar of its own
    const team = items.find((t) => t.name === 'Sales North')!;
    await admin.goto(`${web.url}/admin/teams`);
    await admin.locator(`[data-testid="teams"] tr[data-team-id="${team.id}"] [data-testid="edit-calendar"]`).click();
    await admin.waitForURL((url) => url.searchParams.get('calendar') === team.id, { timeout: 60_000 });
    const editor = admin.locator('[data-testid="team-calendar"]');
    await editor.locator('[data-testid="calendar-state"]', { hasText: 'default calendar' }).waitFor({ timeout: 60_000 });
    expect(await editor.locator('input[name="hours-mon"]').inputValue()).toBe('09:00-18:00');
    expect(await editor.locator('input[name="hours-sat"]').inputValue()).toBe('');

    await editor.locator('input[name="time-zone"]').fill('Europe/Berlin');
    await editor.locator('input[name="hours-mon"]').fill('8:00-12:00, 13:00-17:00');
    await editor.locator('input[name="hours-sat"]').fill('10:00-14:00');
    await editor.locator('textarea[name="holidays"]').fill('2026-12-24\n2026-12-25');
    await editor.locator('[data-testid="save-calendar"]').click();
    await editor.locator('[data-testid="calendar-saved"]').waitFor({ timeout: 60_000 });
    await editor.locator('[data-testid="calendar-state"]', { hasText: 'own calendar' }).waitFor();
    await screenshot(admin, 'admin-team-calendar');

    const stored = await api<{ timeZone: string; hours: unknown[]; holidays: string[] }>(web, 'GET', `/api/teams/${team.id}/calendar`);
    expect(stored.timeZone).toBe('Europe/Berlin');
    expect(stored.hours).toEqual(expect.arrayContaining([{ day: 'mon', from: '08:00', to: '12:00' }, { day: 'mon', from: '13:00', to: '17:00' }, { day: 'sat', from: '10:00', to: '14:00' }]));
    expect(stored.holidays).toEqual(['2026-12-24', '2026-12-25']);

    // the URL keeps which team's calendar is open
    await admin.reload();
    expect(await admin.locator('[data-testid="team-calendar"] input[name="hours-mon"]').inputValue()).toBe('08:00-12:00, 13:00-17:00');

    await editor.locator('input[name="hours-tue"]').fill('nine to five');
    await editor.locator('[data-testid="save-calendar"]').click();
    await editor.locator('[role="alert"]', { hasText: 'Tuesday: write the hours as 09:00-12:00' }).waitFor();

    allowProblem({ status: 400, method: 'PUT', path: `/api/teams/${team.id}/calendar`, reason: 'a time zone the server does not know: the editor shows its answer' });
    await editor.locator('input[name="hours-tue"]').fill('09:00-18:00');
    await editor.locator('input[name="time-zone"]').fill('Mars/Olympus');
    await editor.locator('[data-testid="save-calendar"]').click();
    await editor.locator('[role="alert"]', { hasText: "'timeZone' is not an IANA time zone" }).waitFor({ timeout: 60_000 });
    expect((await api<{ timeZone: string }>(web, 'GET', `/api/teams/${team.id}/calendar`)).timeZone).toBe('Europe/Berlin');
  });
});

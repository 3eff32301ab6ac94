import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describeBrowser, launchChromium } from './support/chromium.js';
import { api, eventually } from './support/rest.js';
import { publishScreenshot, screenshot } from './support/screenshots.js';
import { signIn, type SignedIn } from './support/session.js';
import { ensureWebAppBuilt, startWebApp, type WebApp } from './support/web-app.js';

interface Funnel {
  stages: { stage: string; count: number; amountByCurrency: Record<string, number> }[];
}

const STAGE_LABELS: Record<string, string> = { new: 'New', qualification: 'Qualification', proposal: 'Proposal', negotiation: 'Negotiation', won: 'Won', lost: 'Lost' };
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** the funnel's table as the API's numbers say it: stage, deals, amount in EUR (the demo's one currency) */
const expectedRows = (funnel: Funnel) => funnel.stages.map((s) => [STAGE_LABELS[s.stage], s.count, s.amountByCurrency['EUR'] ?? 0]);

/** the rows of the report's table: numbers from `data-value` (unformatted), other cells as text */
const tableRows = (page: Page) =>
  page.locator('[data-testid="report-table"] tbody tr').evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('td')].map((td) => (td.dataset['value'] !== undefined ? Number(td.dataset['value']) : td.textContent?.trim()))),
  );

/** the report as the page's own session asks the API (the same user, the same cookie) */
const askAs = <T>(page: Page, path: string) => page.evaluate(async (url) => (await fetch(url, { headers: { Accept: 'application/json' } })).json(), path) as Promise<T>;

/** what the spec reads of a canvas (the service's TypeScript project has no DOM types) */
interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray } };
}

/** pixels of the chart's canvas that are painted, and those in the first series' colour (#2563eb): bars, not only axes */
const paintedPixels = (page: Page) =>
  page.locator('[data-testid="report-chart"]').evaluate((element) => {
    const canvas = element as unknown as Canvas;
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    let bars = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! > 0) painted++;
      if (Math.abs(data[i]! - 37) < 8 && Math.abs(data[i + 1]! - 99) < 8 && Math.abs(data[i + 2]! - 235) < 8) bars++;
    }
    return { painted, bars };
  });

const tableShows = (page: Page, rows: unknown[][]) =>
  eventually(`the table to show ${JSON.stringify(rows)}`, async () => JSON.stringify(await tableRows(page)) === JSON.stringify(rows));

/** The report pages: charts drawn, the numbers the API answers, filters in the URL, CSV, and a manager's narrower view. */
describeBrowser('CRM reports', () => {
  let web: WebApp;
  let browser: Browser;
  let director: SignedIn;

  beforeAll(async () => {
    ensureWebAppBuilt();
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    director = await signIn(browser, web.url, 'director');
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it("a director's funnel: drawn, the API's numbers, period and team kept in the URL across a reload, the same numbers as CSV", async () => {
    const page = director.page;
    await page.goto(`${web.url}/crm`);
    await page.click('nav[aria-label="CRM"] a:has-text("Reports")');
    await page.locator('[data-testid="report-funnel"]').waitFor();
    const everything = await askAs<Funnel>(page, '/api/reports/sales-funnel');
    expect(everything.stages.reduce((n, s) => n + s.count, 0)).toBeGreaterThan(0);
    await tableShows(page, expectedRows(everything));
    const chart = await paintedPixels(page);
    expect(chart.painted).toBeGreaterThan(2000);
    expect(chart.bars).toBeGreaterThan(200);
    expect(await page.locator('[data-testid="report-chart"]').getAttribute('aria-label')).toMatch(/^Bar chart of deals and their amount per stage/);

    const teams = await api<{ items: { id: string; name: string }[] }>(web, 'GET', '/api/teams?pageSize=200');
    const north = teams.items.find((t) => t.name === 'Sales North')!;
    await page.locator('[data-testid="report-filters"] input[name="from"]').fill(day(-7));
    await page.locator('[data-testid="report-filters"] input[name="to"]').fill(day(0));
    await page.locator('[data-testid="report-filters"] select[name="team"]').selectOption({ label: 'Sales North' });
    await page.waitForURL((url) => url.searchParams.get('team') === north.id && url.searchParams.get('from') === day(-7) && url.searchParams.get('to') === day(0));
    expect(new URL(page.url()).pathname).toBe('/crm/reports');
    // the page's `to` includes its day; the API's excludes it
    const northFunnel = await askAs<Funnel>(page, `/api/reports/sales-funnel?from=${day(-7)}&to=${day(1)}&teamId=${north.id}`);
    expect(northFunnel.stages.reduce((n, s) => n + s.count, 0)).toBeLessThan(everything.stages.reduce((n, s) => n + s.count, 0));
    await tableShows(page, expectedRows(northFunnel));

    await page.reload();
    await tableShows(page, expectedRows(northFunnel));
    expect(await page.locator('[data-testid="report-filters"] input[name="from"]').inputValue()).toBe(day(-7));
    expect(await page.locator('[data-testid="report-filters"] select[name="team"] option:checked').textContent()).toBe('Sales North');
    await screenshot(page, 'crm-reports-funnel').then((path) => publishScreenshot(path, 'crm-reports-funnel'));

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-csv"]')]);
    expect(download.suggestedFilename()).toBe(`funnel-from-${day(-7)}-to-${day(0)}.csv`);
    const total = (pick: (s: Funnel['stages'][number]) => number) => northFunnel.stages.reduce((n, s) => n + pick(s), 0);
    expect(readFileSync(await download.path(), 'utf8')).toBe(
      [
        'Stage,Deals,Amount EUR',
        ...expectedRows(northFunnel).map((r) => r.join(',')),
        `Total,${total((s) => s.count)},${total((s) => s.amountByCurrency['EUR'] ?? 0)}`,
        '',
      ].join('\r\n'),
    );

    // a period with no deals yet: no amounts, so no amount column
    await page.locator('[data-testid="report-filters"] input[name="from"]').fill(day(2));
    await page.waitForURL((url) => url.searchParams.get('from') === day(2));
    await tableShows(page, northFunnel.stages.map((s) => [STAGE_LABELS[s.stage], 0]));
  });

  it('the other reports show the numbers of their API, with names', async () => {
    const page = director.page;
    await page.setViewportSize({ width: 1200, height: 720 });
    await page.goto(`${web.url}/crm/reports/funnel?bucket=month`);
    await page.locator('[data-testid="report-funnel"] [data-testid="report-table"] th:has-text("Period")').waitFor();
    const monthly = await askAs<{ rows: { periodStart: string; stage: string; count: number; amount: number }[] }>(page, '/api/reports/sales-funnel?bucket=month');
    expect(monthly.rows.length).toBeGreaterThan(0);
    await tableShows(page, monthly.rows.map((r) => [r.periodStart.slice(0, 7), STAGE_LABELS[r.stage], r.count, r.amount]));
    expect((await paintedPixels(page)).bars).toBeGreaterThan(200);
    await page.click('[data-testid="report-funnel"] nav[aria-label="Reports"] a:has-text("SLA compliance")');
    await page.waitForURL((url) => url.pathname === '/crm/reports/sla' && url.searchParams.get('bucket') === 'month');
    const sla = await askAs<{ byPriority: { priority: string; total: number; met: number; breached: number; pending: number }[] }>(page, '/api/reports/sla-compliance');
    const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
    await eventually('the SLA compliance per priority', async () => {
      const rows = (await tableRows(page)).map((r) => r.slice(0, 5));
      return JSON.stringify(rows) === JSON.stringify(sla.byPriority.map((p) => [capitalized(p.priority), p.total, p.met, p.breached, p.pending]));
    });
    await screenshot(page, 'crm-reports-sla').then((path) => publishScreenshot(path, 'crm-reports-sla'));

    await page.goto(`${web.url}/crm/reports/open-tasks`);
    const tasks = await askAs<{ rows: { user: { name: string }; total: number }[] }>(page, '/api/reports/open-tasks');
    await eventually('the open tasks per person', async () => {
      const rows = await tableRows(page);
      return JSON.stringify(rows.map((r) => [r[0], r[6]])) === JSON.stringify(tasks.rows.map((r) => [r.user.name, r.total]));
    });
    expect(await page.locator('[data-testid="report-table"] tbody tr', { hasText: 'Sam Senior' }).locator('td').nth(1).textContent()).toBe('Sales North');
    await screenshot(page, 'crm-reports-open-tasks').then((path) => publishScreenshot(path, 'crm-reports-open-tasks'));

    await page.goto(`${web.url}/crm/reports/complaints`);
    const complaints = await askAs<{ rows: { manager: { name: string } | null; type: string; count: number }[] }>(page, '/api/reports/complaints-by-type');
    await eventually('the complaints per manager and type', async () => {
      const rows = await tableRows(page);
      return JSON.stringify(rows.map((r) => [r[0], r[2]])) === JSON.stringify(complaints.rows.map((r) => [r.manager?.name ?? 'Unassigned', r.count]));
    });
    await screenshot(page, 'crm-reports-complaints').then((path) => publishScreenshot(path, 'crm-reports-complaints'));
  });

  it('a manager sees only their own numbers (their deals and those of tasks offered to them), and only themselves to pick', async () => {
    const manager = await signIn(browser, web.url, 'manager');
    try {
      const page = manager.page;
      await page.goto(`${web.url}/crm/reports`);
      const own = await askAs<Funnel>(page, '/api/reports/sales-funnel');
      const all = await api<Funnel>(web, 'GET', '/api/reports/sales-funnel');
      const deals = (funnel: Funnel) => funnel.stages.reduce((n, s) => n + s.count, 0);
      expect(deals(own)).toBeGreaterThan(0);
      expect(deals(own)).toBeLessThan(deals(all));
      await tableShows(page, expectedRows(own));
      const owners = await page.locator('[data-testid="report-filters"] select[name="owner"] option').allTextContents();
      expect(owners).toEqual(['everyone', manager.user.name]);
    } finally {
      await manager.page.context().close();
    }
  });

  it('ops, without the permission to read reports, get no Reports tab and a plain word instead of refusals', async () => {
    const ops = await signIn(browser, web.url, 'ops');
    try {
      const page = ops.page;
      await page.goto(`${web.url}/crm`);
      await page.locator('nav[aria-label="CRM"]').waitFor({ state: 'attached' });
      expect(await page.locator('nav[aria-label="CRM"] a:has-text("Reports")').count()).toBe(0);
      await page.goto(`${web.url}/crm/reports`);
      await page.locator('[role="alert"]', { hasText: 'Reports are for managers, heads, directors and admins' }).waitFor();
    } finally {
      await ops.page.context().close();
    }
  });
});

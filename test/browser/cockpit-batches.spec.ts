import type { Browser, Page } from 'playwright-core';
import { HandlerRegistry } from '../../engine/nest/handler-registry.js';
import { approvalProcessXml } from './support/approval-process.js';
import { describeBrowser, launchChromium } from './support/chromium.js';
import { FLAKY_TOPIC, flakyProcessXml } from './support/flaky-process.js';
import { deployXml, eventually, rest } from './support/rest.js';
import { screenshot } from './support/screenshots.js';
import { signIn } from './support/session.js';
import { ensureWebAppBuilt, startWebApp, type WebApp } from './support/web-app.js';


interface HistoricInstance { id: string; state: string }
interface HistoricBatch { id: string; type: string; createUserId: string | null; endTime: string | null; items: { total: number; done: number; canceled: number } }

/**
 * Ops runs batch operations from the cockpit: the dialog creates one server batch over the
 * current filter and follows it until it has ended; the Batches page lists running and finished
 * batches and suspends, resumes and deletes them.
 */
describeBrowser('cockpit batches', () => {
  let web: WebApp;
  let browser: Browser;
  let page: Page;
  let userId = '';
  let failing = true;
  let failedIds: string[] = [];
  let waitingIds: string[] = [];

  const start = async (key: string, businessKey: string) => (await rest<{ id: string }>(web, 'POST', `/process-definition/key/${key}/start`, { businessKey })).id;
  const states = async (ids: readonly string[]) =>
    Promise.all(ids.map(async (id) => (await rest<HistoricInstance>(web, 'GET', `/history/process-instance/${id}`)).state));

  beforeAll(async () => {
    ensureWebAppBuilt();
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    web.app.get(HandlerRegistry).register(FLAKY_TOPIC, async () => {
      if (failing) throw new Error('ERP is not reachable');
      return { outcome: 'complete' };
    });
    await deployXml(web, 'sync_deal', flakyProcessXml);
    await deployXml(web, 'two_step_approval', approvalProcessXml);
    for (let i = 1; i <= 4; i++) failedIds.push(await start('sync_deal', `erp-sync-${i}`));
    for (let i = 1; i <= 3; i++) waitingIds.push(await start('two_step_approval', `stale-offer-${i}`));
    for (const id of failedIds) await eventually(`an incident on ${id}`, async () => (await rest<unknown[]>(web, 'GET', `/incident?processInstanceId=${id}`)).length === 1);
    ({ page, userId } = await signIn(browser, web.url, 'ops'));
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('retries the incidents of the filtered instances in one server batch and sees them finish', async () => {
    await page.goto(`${web.url}/cockpit/instances?state=incidents&businessKey=erp-sync`);
    for (const id of failedIds) await page.locator(`[data-testid="instances"] tr[data-instance-id="${id}"]`).waitFor();
    await page.click('[data-testid="batch-retry"]');
    const dialog = page.locator('.modal');
    expect(await dialog.locator('[data-testid="batch-count"]').textContent()).toBe('Retry the incidents of 4 instance(s) matching the current filter?');
    await screenshot(page, 'cockpit-batch-retry-confirm');

    failing = false;
    await dialog.locator('[data-testid="batch-start"]').click();
    const progress = dialog.locator('[data-testid="batch-progress"][data-state="ended"]');
    await progress.waitFor({ timeout: 60_000 });
    expect(await progress.locator('[data-testid="batch-processed"]').textContent()).toBe(' 4 / 4');
    await screenshot(page, 'cockpit-batch-retry-done');

    await eventually('the retried instances to complete', async () => (await states(failedIds)).every((s) => s === 'COMPLETED'));
    await dialog.locator('[data-testid="batch-close"]').click();
    await page.goto(`${web.url}/cockpit/instances?state=completed&businessKey=erp-sync`);
    for (const id of failedIds) await page.locator(`[data-testid="instances"] tr[data-instance-id="${id}"][data-state="COMPLETED"]`).waitFor();
  });

  it('cancels the filtered running instances in one server batch and finds it on the Batches page', async () => {
    await page.goto(`${web.url}/cockpit/instances?state=running&businessKey=stale-offer`);
    for (const id of waitingIds) await page.locator(`[data-testid="instances"] tr[data-instance-id="${id}"]`).waitFor();
    await page.click('[data-testid="batch-cancel"]');
    const dialog = page.locator('.modal');
    expect(await dialog.locator('[data-testid="batch-count"]').textContent()).toBe('Cancel 3 instance(s) matching the current filter?');
    await dialog.locator('[data-testid="batch-start"]').click();
    await dialog.locator('[data-testid="batch-progress"][data-state="ended"]').waitFor({ timeout: 60_000 });
    expect(await states(waitingIds)).toEqual(['EXTERNALLY_TERMINATED', 'EXTERNALLY_TERMINATED', 'EXTERNALLY_TERMINATED']);

    // the batch is recorded on the server, with who started it
    const [cancel] = await rest<HistoricBatch[]>(web, 'GET', '/history/batch?type=instance-deletion&completed=true');
    expect(cancel).toMatchObject({ createUserId: userId, items: expect.objectContaining({ total: 3, done: 3 }) });

    await dialog.locator('a', { hasText: 'All batches' }).click();
    await page.waitForURL((url) => url.pathname === '/cockpit/batches');
    const row = page.locator(`[data-testid="finished-batches"] tr[data-batch-id="${cancel!.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Cancel instances');
    expect(await row.locator('[data-testid="batch-processed"]').textContent()).toBe(' 3 / 3');
    expect(await row.locator('[data-testid="batch-user"]').textContent()).not.toBe('');
    expect(await page.locator('[data-testid="finished-batches"] tr', { hasText: 'Retry failed jobs' }).count()).toBe(1);
    await screenshot(page, 'cockpit-batches');
  });

  it('suspends, resumes and deletes a running batch on the Batches page', async () => {
    // a long batch (its targets are gone already, each one is skipped), held at once so the page finds it running
    const created = await rest<{ id: string }>(web, 'POST', '/process-instance/delete', { processInstanceIds: Array.from({ length: 5000 }, (_, i) => `gone-${i}`) });
    await rest(web, 'PUT', `/batch/${created.id}/suspended`, { suspended: true });

    await page.goto(`${web.url}/cockpit`);
    await page.click('nav.tabs a:has-text("Batches")');
    await page.waitForURL((url) => url.pathname === '/cockpit/batches');
    const row = (state: string) => page.locator(`[data-testid="running-batches"] tr[data-batch-id="${created.id}"][data-state="${state}"]`);
    await row('suspended').waitFor();
    await row('suspended').locator('[data-testid="batch-suspend"]', { hasText: 'Resume' }).click();
    await row('running').waitFor();
    await row('running').locator('[data-testid="batch-suspend"]', { hasText: 'Suspend' }).click();
    await row('suspended').waitFor();
    await screenshot(page, 'cockpit-batches-running');

    await row('suspended').locator('[data-testid="batch-delete"]').click();
    await row('suspended').locator('[data-testid="batch-delete-confirm"]').click();
    await page.locator(`[data-testid="finished-batches"] tr[data-batch-id="${created.id}"]`).waitFor();
    expect(await page.locator(`[data-testid="running-batches"] tr[data-batch-id="${created.id}"]`).count()).toBe(0);
    const ended = await rest<HistoricBatch>(web, 'GET', `/history/batch/${created.id}`);
    expect(ended.endTime).not.toBeNull();
    expect(ended.items.canceled).toBeGreaterThan(0);
  });
});

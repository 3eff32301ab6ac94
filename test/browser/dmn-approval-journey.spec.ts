import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describeBrowser, launchChromium } from './support/chromium.js';
import { api, eventually, rest } from './support/rest.js';
import { screenshot } from './support/screenshots.js';
import { signIn } from './support/session.js';
import { ensureWebAppBuilt, startWebApp, type WebApp } from './support/web-app.js';

/** the open DMN file's XML, as "Download .dmn" saves it */
async function downloadDmn(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="diagram-tabs"] button:has-text("Download .dmn")')]);
  return readFileSync(await download.path(), 'utf8');
}

interface Deal { id: string; title: string; approvalStatus: string }
interface EngineTask { id: string; processInstanceId: string; name: string }

/** the matrix's head row as shipped (processes/deal-approval.dmn) and as the analyst leaves it */
const HEAD_THRESHOLD = '>= 50000';
const RAISED_THRESHOLD = '>= 80000';
/** the raised cell as the DMN file holds it */
const RAISED_CELL = '<text>&gt;= 80000</text>';
/** between the two thresholds: manager and head before the change, the manager alone after it */
const AMOUNT = 60_000;

/**
 * Issue 15: an analyst changes the CRM's approval matrix in the designer's decision table editor and
 * deploys it; the next 60,000 deal then needs the manager only, while a deal requested before the
 * change keeps its head step. The deals are requested through the CRM API (the web app has no deal
 * pages); everything a user decides goes through the UI.
 */
describeBrowser('journey: an analyst changes the deal approval matrix', () => {
  let web: WebApp;
  let browser: Browser;
  const stamp = Date.now();
  let before: Deal;
  let after: Deal;

  /** a new deal of the demo data's first company, with an approval request (the admin asks: no approver requested it) */
  async function requestApproval(title: string): Promise<Deal> {
    const companies = await api<{ items: { id: string }[] }>(web, 'GET', '/api/companies?pageSize=1');
    const deal = await api<Deal>(web, 'POST', '/api/deals', { title, companyId: companies.items[0]!.id, amount: AMOUNT, currency: 'EUR', stage: 'proposal' });
    await api(web, 'POST', `/api/deals/${deal.id}/approval-requests`, { discountPercent: 5 });
    return deal;
  }

  /** the deal's open approval steps, as the engine names them (Approval (manager), Approval (head), ...) */
  async function openSteps(deal: Deal): Promise<string[]> {
    const tasks = await rest<EngineTask[]>(web, 'GET', `/task?processInstanceBusinessKey=${deal.id}&taskDefinitionKey=LevelApproval`);
    return tasks.map((t) => t.name);
  }

  const taskRow = (page: Page, step: string, deal: Deal) =>
    page.locator('.task-row', { hasText: step }).filter({ has: page.locator('.record-title', { hasText: deal.title }) });

  beforeAll(async () => {
    ensureWebAppBuilt();
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    // requested under the matrix as shipped: its chain is manager, head
    before = await requestApproval(`Before the change ${stamp}`);
    await eventually('the manager step of the first deal', async () => (await openSteps(before)).includes('Approval (manager)'));
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  describe('analyst', () => {
    let page: Page;
    beforeAll(async () => {
      ({ page } = await signIn(browser, web.url, 'analyst'));
    });
    afterAll(() => page?.close());

    it('opens the deployed deal approval with its matrix, raises the head threshold in the table and deploys', async () => {
      await page.click('[data-testid="process-list"] .process-group[data-key="deal-approval"] .version');
      await page.locator('[data-testid="designer-status"]', { hasText: 'v1' }).waitFor();
      // the DMN file deployed with the process comes along as a tab
      await page.click('[data-testid="diagram-tabs"] [data-tab="deal-approval.dmn"]');
      await page.locator('[data-testid="dmn-editor"][data-file="deal-approval.dmn"][data-ready="true"]').waitFor();
      await page.click('[data-testid="dmn-views"] button[data-view-id="deal-approval-levels"]');
      await page.locator('[data-testid="dmn-editor"][data-view="decisionTable"]').waitFor();

      const cell = page.locator('[data-testid="dmn-canvas"] tbody td.input-cell', { hasText: HEAD_THRESHOLD });
      await cell.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(RAISED_THRESHOLD);
      // off the cell; the analyst downloads the file to see the change is in it (dmn-js commits an edit after a pause)
      await page.click('[data-testid="dmn-canvas"] .decision-table-name');
      await page.locator('[data-testid="dmn-canvas"] tbody td.input-cell', { hasText: RAISED_THRESHOLD }).waitFor();
      await eventually('the downloaded matrix to hold the raised threshold', async () => (await downloadDmn(page)).includes(RAISED_CELL));
      expect(await page.locator('[data-testid="dmn-canvas"] tbody td.input-cell', { hasText: HEAD_THRESHOLD }).count()).toBe(0);
      await screenshot(page, 'dmn-approval-matrix-edited');

      let body = '';
      await page.route('**/engine-rest/deployment/create', async (route) => {
        body = route.request().postDataBuffer()?.toString('utf8') ?? '';
        await route.continue();
      });
      await page.click('.toolbar button:has-text("Deploy")');
      await page.locator('[data-testid="designer-message"]', { hasText: /as version \d+/ }).waitFor();
      await page.unroute('**/engine-rest/deployment/create');
      expect(body).toContain('filename="deal-approval.dmn"');
      expect(body).toContain(RAISED_CELL);

      const matrix = await rest<{ version: number; resource: string }[]>(web, 'GET', '/decision-definition?key=deal-approval-levels&latestVersion=true');
      expect(matrix).toEqual([expect.objectContaining({ version: 2, resource: 'deal-approval.dmn' })]);
    });
  });

  describe('manager', () => {
    let page: Page;
    let userId = '';
    beforeAll(async () => {
      // the next deal of the same size, requested under the changed matrix
      after = await requestApproval(`After the change ${stamp}`);
      ({ page, userId } = await signIn(browser, web.url, 'manager'));
    });
    afterAll(() => page?.close());

    /** claims the deal's manager step in My groups' tasks and approves it with the form */
    async function approve(deal: Deal): Promise<void> {
      await page.goto(`${web.url}/tasklist?view=groups`);
      await taskRow(page, 'Approval (manager)', deal).click();
      await page.locator('[data-testid="task-detail"]').waitFor();
      await page.click('[data-testid="task-detail"] button:has-text("Claim")');
      await page.locator(`[data-testid="task-assignee"][data-user="${userId}"]`).waitFor();
      const approveButton = page.locator('[data-testid="task-form"][data-ready="true"] [data-outcome="approve"]:not([disabled])');
      await approveButton.click();
      await page.locator('[data-testid="task-done"]').waitFor();
    }

    it('approves the deal requested after the change: no head step follows, the deal is approved', async () => {
      await approve(after);
      const approved = await eventually('the second deal to be approved', async () => {
        const deal = await api<Deal>(web, 'GET', `/api/deals/${after.id}`);
        return deal.approvalStatus === 'approved' ? deal : null;
      });
      expect(approved.approvalStatus).toBe('approved');
      // the approval steps after it (telling the requester) run on: the instance ends with no other approval
      const ended = await eventually('the second deal\'s approval to end', async () => {
        const [instance] = await rest<{ id: string; state: string }[]>(web, 'GET', `/history/process-instance?processInstanceBusinessKey=${after.id}&processDefinitionKey=deal-approval`);
        return instance?.state === 'COMPLETED' ? instance : null;
      });
      const steps = await rest<{ name: string }[]>(web, 'GET', `/history/task?processInstanceId=${ended.id}&taskDefinitionKey=LevelApproval`);
      expect(steps.map((t) => t.name)).toEqual(['Approval (manager)']);
    });

    it('approves the deal requested before the change: it goes on to the head', async () => {
      await approve(before);
      await eventually('the head step of the first deal', async () => (await openSteps(before)).includes('Approval (head)'));
      expect((await api<Deal>(web, 'GET', `/api/deals/${before.id}`)).approvalStatus).toBe('pending');
    });
  });

  describe('head', () => {
    let page: Page;
    beforeAll(async () => {
      ({ page } = await signIn(browser, web.url, 'head'));
    });
    afterAll(() => page?.close());

    it('finds the head step of the earlier deal in the tasklist, and none of the later one', async () => {
      await page.goto(`${web.url}/tasklist?view=groups`);
      await taskRow(page, 'Approval (head)', before).waitFor();
      expect(await page.locator('.task-row .record-title', { hasText: after.title }).count()).toBe(0);
      await screenshot(page, 'dmn-approval-head-step');
    });
  });
});

import type { Browser, Page } from 'playwright-core';
import { HandlerRegistry } from '../../engine/nest/handler-registry.js';
import { allowProblem } from './support/browser-problems.js';
import { describeBrowser, launchChromium } from './support/chromium.js';
import { approvalProcessXml } from './support/approval-process.js';
import type { DesignerWindow } from './support/designer-window.js';
import { FLAKY_TOPIC, flakyProcessXml, refusedProcessXml } from './support/flaky-process.js';
import { api, deployXml, eventually, rest } from './support/rest.js';
import { publishScreenshot, screenshot } from './support/screenshots.js';
import { demoUser, signIn } from './support/session.js';
import { ensureWebAppBuilt, startWebApp, type WebApp } from './support/web-app.js';


interface Incident { id: string; processInstanceId: string }


/** clicks a shape near its bottom edge, away from its label and the lint badge */
async function clickShape(page: Page, selector: string): Promise<void> {
  const shape = page.locator(selector).first();
  // after a deploy the designer imports the deployed version: wait until the shape is drawn again
  await shape.waitFor({ state: 'visible' });
  const box = await shape.boundingBox();
  if (!box) throw new Error(`Expected ${selector} on the canvas`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height - 8);
}
interface HistoricInstance { id: string; state: string }

/**
 * The three journeys of issue 6 through the real web app: an analyst draws, deploys and starts a
 * process; a manager completes its task with the form; ops sees it completed, then repairs a
 * failed instance by retrying its incident.
 */
describeBrowser('web app journeys', () => {
  let web: WebApp;
  let browser: Browser;
  let failing = true;
  let definitionId = '';
  let startedInstanceId = '';
  /** analysts see no client records: they try a new process with a business key of their own */
  const testKey = `QA-${Date.now()}`;

  beforeAll(async () => {
    ensureWebAppBuilt();
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    web.app.get(HandlerRegistry).register(FLAKY_TOPIC, async () => {
      if (failing) throw new Error('ERP is not reachable');
      return { outcome: 'complete' };
    });
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
    afterAll(() => page.close());

    it('lands on the designer and sees only the designer in the navigation', async () => {
      expect(new URL(page.url()).pathname).toBe('/designer');
      expect(await page.locator('nav.topbar a').allTextContents()).toEqual(['CRM processes', 'Designer']);
      await page.locator('[data-testid="modeler-canvas"] .djs-element[data-element-id="StartEvent_1"]').waitFor();
    });

    it('draws start → user task with the Manager approval template → end', async () => {
      const start = page.locator('.djs-element[data-element-id="StartEvent_1"]');
      await start.click();
      await page.click('.djs-context-pad [data-action="append.append-task"]');
      await page.keyboard.type('Approve discount');
      await page.click('[data-testid="modeler-canvas"]', { position: { x: 700, y: 450 } });
      await clickShape(page, '.djs-shape[data-element-id^="Activity_"]');
      await page.click('.djs-context-pad [data-action="replace"]');
      await page.click('.djs-popup [data-id="replace-with-user-task"]');
      await page.locator('.bio-properties-panel-header-type', { hasText: 'User Task' }).waitFor();
      await page.click('.bio-properties-panel-select-template-button');
      await page.click('.crm-template-chooser [data-template-id="crm.approval"]');
      await page.locator('.bio-properties-panel-header-type', { hasText: 'Manager approval' }).waitFor();
      await page.click('.djs-context-pad [data-action="append.end-event"]');
      await page.keyboard.type('Done');
      await page.click('[data-testid="modeler-canvas"]', { position: { x: 700, y: 450 } });

      const xml = await page.evaluate(() => (globalThis as unknown as DesignerWindow).crmDesigner!.saveXML());
      expect(xml).toContain('camunda:candidateGroups="manager"');
      expect(xml).toContain('camunda:formField id="approved"');
      expect(xml).toMatch(/<bpmn:endEvent id="[^"]+" name="Done"/);
    });

    it('deploys it and starts an instance with a business key and a typed variable', async () => {
      await page.click('button:has-text("Deploy")');
      await page.locator('[data-testid="designer-message"]', { hasText: 'as version 1' }).waitFor();
      definitionId = new URL(page.url()).searchParams.get('definition') ?? '';
      expect(definitionId).not.toBe('');
      await page.locator('[data-testid="process-list"] .version.active', { hasText: 'v1' }).waitFor();
      await clickShape(page, '.djs-shape[data-element-id^="Activity_"]');
      await page.locator('.bio-properties-panel-header-type', { hasText: 'Manager approval' }).waitFor();
      publishScreenshot(await screenshot(page, 'designer'), 'designer');

      await page.click('button:has-text("Start instance")');
      await page.fill('input[name="businessKey"]', testKey);
      await page.click('.modal button:has-text("Add variable")');
      await page.fill('.modal [aria-label="Variable name"]', 'amount');
      await page.selectOption('.modal [aria-label="Variable type"]', 'Long');
      await page.fill('.modal [aria-label="Variable value"]', '5000');
      await page.click('.modal button[type="submit"]');
      const started = await page.locator('[data-testid="designer-message"]', { hasText: 'Started instance' }).textContent();
      startedInstanceId = /Started instance (\S+)/.exec(started ?? '')![1]!;
      const variable = await rest<{ type: string; value: number }>(web, 'GET', `/process-instance/${startedInstanceId}/variables/amount`);
      expect(variable).toEqual(expect.objectContaining({ type: 'Long', value: 5000 }));
    });

    it('deploys a second version and compares it with the first', async () => {
      const box = (await page.locator('.djs-shape[data-element-id^="Activity_"]').first().boundingBox())!;
      await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
      await page.locator('.djs-direct-editing-parent').waitFor();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('Approve discount or not');
      await page.click('[data-testid="modeler-canvas"]', { position: { x: 700, y: 450 } });
      await page.click('button:has-text("Deploy")');
      await page.locator('[data-testid="designer-message"]', { hasText: 'as version 2' }).waitFor();
      await page.click('[data-testid="process-list"] .process-group:has(.version.active) button:has-text("compare")');
      await page.locator('[data-testid="diff-summary"]', { hasText: '1 changed' }).waitFor();
      await page.locator('[data-testid="compare-right"] .djs-element.crm-changed').waitFor();
      await screenshot(page, 'designer-compare');
      await page.goBack();
      // the designer opens version 2 again: wait for it, so it cannot replace the next import
      await page.locator('[data-testid="designer-status"]', { hasText: 'v2' }).waitFor();
    });

    it('shows the engine’s deploy errors in the problems panel and on the element', async () => {
      allowProblem({ status: 400, method: 'POST', path: '/engine-rest/deployment/create', reason: 'the engine refuses the model with its ParseException: the test shows that answer in the designer' });
      await page.evaluate((xml) => (globalThis as unknown as DesignerWindow).crmDesigner!.importXML(xml), refusedProcessXml);
      await page.click('button:has-text("Deploy")');
      const problem = page.locator('[data-testid="problems"] .problem-engine').first();
      await problem.waitFor();
      expect(await problem.textContent()).toContain('sync');
      await page.locator('.djs-element.crm-deploy-problem[data-element-id="sync"]').waitFor();
      await screenshot(page, 'designer-deploy-problems');
    });
  });

  describe('manager', () => {
    let page: Page;
    let userId = '';
    beforeAll(async () => {
      ({ page, userId } = await signIn(browser, web.url, 'manager'));
    });
    afterAll(() => page.close());

    it('finds the task among the group tasks, claims it and completes it with the form', async () => {
      expect(new URL(page.url()).pathname).toBe('/tasklist');
      await page.click('[data-view="groups"]');
      const row = page.locator('.task-row', { hasText: 'Approve discount' });
      // the analyst's test key names no CRM record: the list shows the key itself
      await row.locator('code', { hasText: testKey }).waitFor();
      await row.click();
      await page.locator('[data-testid="task-detail"]').waitFor();
      await page.click('[data-testid="task-detail"] button:has-text("Claim")');
      await page.locator(`[data-testid="task-assignee"][data-user="${userId}"]`).waitFor();
      await page.click('[data-view="mine"]');
      await page.locator('.task-row', { hasText: 'Approve discount' }).click();
      await page.locator('[data-testid="task-diagram"][data-ready="true"]').waitFor();
      await page.locator('[data-testid="task-diagram"] .djs-element.crm-active').first().waitFor();
      await page.fill('[data-testid="task-form"] input[name="comment"]', 'Fine for a 5000 deal');
      // a change of the task's dates reloads the task: what was typed in the form stays
      const dueTaskId = new URL(page.url()).searchParams.get('task');
      // the reload's last requests are the task's identity links: once they are answered the form has re-rendered
      const reloaded = page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === `/engine-rest/task/${dueTaskId}/identity-links`);
      await page.fill('[data-testid="task-due"]', '2030-01-15T10:00');
      await eventually('the due date stored', async () => (await rest<{ due: string | null }>(web, 'GET', `/task/${dueTaskId}`)).due?.startsWith('2030-01-15'));
      await reloaded;
      expect(await page.inputValue('[data-testid="task-form"] input[name="comment"]')).toBe('Fine for a 5000 deal');

      await screenshot(page, 'tasklist-task');
      publishScreenshot(await screenshot(page, 'tasklist'), 'tasklist');
      // a comment on the task, sent as the signed-in manager, listed with its author
      await page.locator('[data-testid="task-comments"]', { hasText: 'No comments yet.' }).waitFor();
      await page.fill('[data-testid="comment-form"] textarea[name="comment-message"]', 'Checked the margin with sales');
      await page.click('[data-testid="comment-form"] button:has-text("Add comment")');
      const comment = page.locator('[data-testid="task-comments"] .comment', { hasText: 'Checked the margin with sales' });
      await comment.waitFor();
      await comment.locator(`.comment-author[data-user="${userId}"]`).waitFor();
      const taskId = new URL(page.url()).searchParams.get('task') ?? '';
      const comments = await rest<{ userId: string; message: string }[]>(web, 'GET', `/task/${taskId}/comment`);
      expect(comments).toEqual([expect.objectContaining({ userId, message: 'Checked the margin with sales' })]);
      await screenshot(page, 'tasklist-comments');
      await page.click('[data-testid="task-form"] [data-outcome="approve"]');
      await page.locator('[data-testid="task-done"]').waitFor();

      const variables = await rest<Record<string, { value: unknown }>>(web, 'GET', `/history/variable-instance?processInstanceId=${startedInstanceId}`)
        .then((rows) => Object.fromEntries((rows as unknown as { name: string; value: unknown }[]).map((r) => [r.name, r.value])));
      expect(variables).toEqual(expect.objectContaining({ approved: true, comment: 'Fine for a 5000 deal' }));
    });

    it('sees the deal of the demo approval request beside its task, by names, not ids', async () => {
      const [approval] = await rest<{ processInstanceId: string }[]>(web, 'GET', '/task?taskDefinitionKey=LevelApproval&candidateGroup=manager&processDefinitionKey=deal-approval');
      const instance = await rest<{ businessKey: string }>(web, 'GET', `/process-instance/${approval!.processInstanceId}`);
      const deal = await api<{ title: string; companyId: string }>(web, 'GET', `/api/deals/${instance.businessKey}`);
      const company = await api<{ name: string }>(web, 'GET', `/api/companies/${deal.companyId}`);
      await page.goto(`${web.url}/tasklist?view=groups`);
      const row = page.locator('.task-row', { hasText: 'Approval (manager)' }).filter({ has: page.locator('.record-title', { hasText: deal.title }) });
      await row.click();
      await page.locator('[data-testid="record-panel"] dt:text-is("Company") + dd', { hasText: company.name }).waitFor();
    });
  });

  describe('ops', () => {
    let page: Page;
    let failedInstanceId = '';
    beforeAll(async () => {
      await deployXml(web, 'sync_deal', flakyProcessXml);
      failedInstanceId = (await rest<{ id: string }>(web, 'POST', '/process-definition/key/sync_deal/start', { businessKey: 'deal:42' })).id;
      await eventually('an incident on the failing instance', async () => (await rest<Incident[]>(web, 'GET', `/incident?processInstanceId=${failedInstanceId}`))[0]);
      ({ page } = await signIn(browser, web.url, 'ops'));
    });
    afterAll(() => page.close());

    it('sees the definitions with running and incident counts', async () => {
      expect(new URL(page.url()).pathname).toBe('/cockpit');
      await page.locator('[data-testid="definitions"] tr[data-definition="sync_deal"]').waitFor();
      expect(await page.locator('[data-testid="definitions"] tr[data-definition="sync_deal"] .pill.incident').textContent()).toBe('1');
      await screenshot(page, 'cockpit-definitions');
      await page.click('[data-testid="definitions"] tr[data-definition="sync_deal"] a:first-child');
      await page.locator('[data-testid="definition-diagram"] .crm-badge-incident').waitFor();
      await screenshot(page, 'cockpit-definition');
      await page.click('[data-testid="heatmap-toggle"]');
      await page.locator('[data-testid="definition-diagram"] .crm-heat').first().waitFor();
      await screenshot(page, 'cockpit-heatmap');
    });

    it('sees the analyst’s instance completed', async () => {
      await page.goto(`${web.url}/cockpit/instances?state=completed`);
      await page.locator(`[data-testid="instances"] tr[data-instance-id="${startedInstanceId}"][data-state="COMPLETED"]`).waitFor();
      await page.locator(`[data-testid="instances"] tr[data-instance-id="${startedInstanceId}"] code`, { hasText: testKey }).waitFor();
      await screenshot(page, 'cockpit-instances');
      await page.click(`[data-testid="instances"] tr[data-instance-id="${startedInstanceId}"] a`);
      await page.locator('[data-testid="instance-state"]', { hasText: 'COMPLETED' }).waitFor();
      await page.locator('[data-testid="instance-diagram"] .djs-element.crm-executed').first().waitFor();
    });

    it('opens the failed instance, retries its incident, and the instance finishes', async () => {
      await page.goto(`${web.url}/cockpit/instances?state=incidents`);
      await page.click(`[data-testid="instances"] tr[data-instance-id="${failedInstanceId}"] a`);
      const incident = page.locator('[data-testid="incidents"] .panel.incident');
      await incident.waitFor();
      expect(await incident.locator('.incident-message').textContent()).toContain('ERP is not reachable');
      await page.locator('[data-testid="instance-diagram"] .crm-badge-incident').waitFor();
      publishScreenshot(await screenshot(page, 'cockpit-instance-incident'), 'cockpit');

      failing = false;
      await page.click('[data-testid="retry-incident"]');
      await eventually('the retried instance to complete', async () => {
        const [instance] = await rest<HistoricInstance[]>(web, 'GET', `/history/process-instance?processInstanceId=${failedInstanceId}`);
        return instance?.state === 'COMPLETED';
      });
      await page.click('button:has-text("Refresh")');
      await page.locator('[data-testid="instance-state"]', { hasText: 'COMPLETED' }).waitFor();
      await screenshot(page, 'cockpit-instance-completed');
    });

    it('moves the token of a running instance to another step', async () => {
      await deployXml(web, 'two_step_approval', approvalProcessXml);
      const { id } = await rest<{ id: string }>(web, 'POST', '/process-definition/key/two_step_approval/start', { businessKey: 'deal:43' });
      await page.goto(`${web.url}/cockpit/instance?id=${encodeURIComponent(id)}`);
      await page.locator('[data-testid="instance-diagram"] .djs-element.crm-active[data-element-id="manager_approval"]').waitFor();

      await page.click('[data-testid="move-token-open"]');
      const dialog = page.locator('[data-testid="move-token"]');
      const from = await dialog.locator('[data-testid="move-token-from"] option').allTextContents();
      expect(from).toEqual([expect.stringContaining('Manager approval')]);
      const activityInstanceId = await dialog.locator('[data-testid="move-token-from"]').inputValue();
      await dialog.locator('[data-testid="move-token-to"]').selectOption('director_approval');
      await dialog.locator('[data-testid="move-token-review"]').click();
      const summary = dialog.locator('[data-testid="move-token-summary"]');
      expect(await summary.textContent()).toBe(`cancel 'Manager approval' (activity instance ${activityInstanceId}), start before 'Director approval'`);
      await screenshot(page, 'cockpit-move-token');
      await dialog.locator('[data-testid="move-token-confirm"]').click();

      await page.locator('[data-testid="instance-message"]', { hasText: "start before 'Director approval'" }).waitFor();
      await page.locator('[data-testid="instance-diagram"] .djs-element.crm-active[data-element-id="director_approval"]').waitFor();
      await page.locator('[data-testid="activity-tree"]', { hasText: 'Director approval' }).waitFor();
      expect(await page.locator('[data-testid="activity-tree"]').textContent()).not.toContain('Manager approval');
      expect(await page.locator('[data-testid="instance-diagram"] .djs-element.crm-active[data-element-id="manager_approval"]').count()).toBe(0);
      await screenshot(page, 'cockpit-instance-moved');
      const tasks = await rest<{ taskDefinitionKey: string }[]>(web, 'GET', `/task?processInstanceId=${id}`);
      expect(tasks.map((t) => t.taskDefinitionKey)).toEqual(['director_approval']);
    });

    it('shows the live counts per minute', async () => {
      await page.goto(`${web.url}/cockpit/live`);
      const totals = page.locator('[data-testid="live-totals"]', { hasText: /started \d+/ });
      await totals.waitFor();
      await screenshot(page, 'cockpit-live');
      expect(Number(/started (\d+)/.exec((await totals.textContent()) ?? '')?.[1])).toBeGreaterThanOrEqual(2);
    });
  });
});


import type { Browser, Page } from 'playwright-core';
import { approvalProcessXml } from './support/approval-process.js';
import { bpmnFilesIn, processesDirectory } from './support/bpmn-files.js';
import { describeBrowser, launchChromium } from './support/chromium.js';
import type { DesignerWindow } from './support/designer-window.js';
import { labelOverlaps } from './support/label-overlaps.js';
import { api, deployXml, eventually, rest } from './support/rest.js';
import { screenshot } from './support/screenshots.js';
import { signIn } from './support/session.js';
import { ensureWebAppBuilt, startWebApp, type WebApp } from './support/web-app.js';


// what the functions passed to page.evaluate use of the browser, for this file only
declare const document: {
  elementFromPoint(x: number, y: number): { closest(selector: string): unknown } | null;
  querySelector(selector: string): unknown;
};
declare function getComputedStyle(element: unknown): { backgroundColor: string };

interface Incident { id: string; processInstanceId: string }

/** a process of the longest name the engine takes (255 characters) */
const LONG_NAME = `Quarterly renewal of every enterprise maintenance contract ${'with a very long description '.repeat(7)}`.slice(0, 255);
const longNamedXml = (label: string) => approvalProcessXml
  .replace('id="two_step_approval" name="Two-step approval"', `id="long_named" name="${LONG_NAME}"`)
  .replace('bpmnElement="two_step_approval"', 'bpmnElement="long_named"')
  .replace('name="Director approval"', `name="${label}"`);

/**
 * The details a person notices (issue 11): the template chooser clear of the context pad, list and
 * detail agreeing after Claim, names instead of ids, spaced facts, legend colours matching the bars,
 * long names cut with the whole text on hover, one row per process in the cockpit, reference
 * diagrams whose labels lie on nothing.
 */
describeBrowser('web app details', () => {
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

  it('serves /favicon.ico, which Chromium asks for on pages without an icon link (an API answer, an error page)', async () => {
    const response = await fetch(`${web.url}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\//);
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
  });

  describe('analyst', () => {
    let page: Page;
    beforeAll(async () => {
      ({ page } = await signIn(browser, web.url, 'analyst'));
      await page.locator('[data-testid="modeler-canvas"] .djs-element[data-element-id="StartEvent_1"]').waitFor();
    });
    afterAll(() => page.close());

    it('opens the template chooser with the context pad closed, nothing lying over it', async () => {
      await page.locator('.djs-element[data-element-id="StartEvent_1"]').click();
      await page.click('.djs-context-pad [data-action="append.append-task"]');
      await page.keyboard.type('Check the offer');
      await page.click('[data-testid="modeler-canvas"]', { position: { x: 700, y: 450 } });
      const task = page.locator('.djs-shape[data-element-id^="Activity_"]').first();
      const box = (await task.boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height - 8);
      await page.click('.djs-context-pad [data-action="replace"]');
      await page.click('.djs-popup [data-id="replace-with-user-task"]');
      await page.locator('.bio-properties-panel-header-type', { hasText: 'User Task' }).waitFor();
      expect(await page.locator('.djs-context-pad.open .entry').count()).toBeGreaterThan(0);

      await page.click('.bio-properties-panel-select-template-button');
      const chooser = page.locator('.crm-template-chooser');
      await chooser.waitFor();
      await screenshot(page, 'designer-template-chooser');
      expect(await page.locator('.djs-context-pad.open .entry').count()).toBe(0);
      const chooserBox = (await chooser.boundingBox())!;
      // whatever lies at the chooser's corners and centre is the chooser itself
      const probes = [[8, 8], [chooserBox.width - 8, 8], [chooserBox.width / 2, chooserBox.height / 2], [8, chooserBox.height - 8], [chooserBox.width - 8, chooserBox.height - 8]];
      const onTop = await page.evaluate(({ x, y, points }) => points.map(([dx, dy]) => !!document.elementFromPoint(x + dx!, y + dy!)?.closest('.crm-template-chooser')), { x: chooserBox.x, y: chooserBox.y, points: probes });
      expect(onTop).toEqual(probes.map(() => true));
      await page.click('.crm-template-chooser [data-template-id="crm.approval"]');
      await page.locator('.bio-properties-panel-header-type', { hasText: 'Manager approval' }).waitFor();
      // the chooser gone, the context pad is back for the next step
      await page.locator('.djs-context-pad.open [data-action="append.end-event"]').waitFor();
    });

    it.each(bpmnFilesIn(processesDirectory).map((file) => [file.name, file.xml] as const))('draws the labels of %s on no shape, label or flow', async (name, xml) => {
      await page.evaluate((text) => (globalThis as unknown as DesignerWindow).crmDesigner!.importXML(text), xml);
      await page.locator('[data-testid="modeler-canvas"] .djs-element.djs-shape').first().waitFor();
      await screenshot(page, `designer-${name.replace(/\.bpmn$/, '')}`);
      expect(await labelOverlaps(page, '[data-testid="modeler-canvas"]', xml)).toEqual([]);
    });
  });

  describe('manager', () => {
    let page: Page;
    let userId = '';
    let userName = '';
    beforeAll(async () => {
      await deployXml(web, 'two_step_approval', approvalProcessXml);
      await rest(web, 'POST', '/process-definition/key/two_step_approval/start', { businessKey: 'QA-claim' });
      ({ page, userId, user: { name: userName } } = await signIn(browser, web.url, 'manager'));
    });
    afterAll(() => page.close());

    it('keeps a claimed task in the list, selected and assigned to me, and closes the detail of one that leaves the list', async () => {
      await page.goto(`${web.url}/tasklist?view=groups`);
      const row = page.locator('.task-row', { has: page.locator('code', { hasText: 'QA-claim' }) });
      await row.click();
      await page.locator('[data-testid="task-detail"] button:has-text("Claim")').click();
      await page.locator(`[data-testid="task-assignee"][data-user="${userId}"]`).waitFor();
      await row.locator('td', { hasText: userName }).waitFor();
      expect(await row.getAttribute('class')).toContain('selected');
      expect(await page.locator('[data-testid="task-detail"]').count()).toBe(1);
      await screenshot(page, 'tasklist-claimed');

      // unclaimed from "My tasks", the task leaves that list: its detail closes with it
      await page.click('[data-view="mine"]');
      await row.click();
      await page.locator('[data-testid="task-detail"] button:has-text("Unclaim")').click();
      await page.locator('[data-testid="task-done"]', { hasText: 'is no longer in this list' }).waitFor();
      expect(await page.locator('[data-testid="task-detail"]').count()).toBe(0);
      expect(await row.count()).toBe(0);
    });

    it('shows the record, the timeline’s fields and who changed them by name', async () => {
      const [approval] = await rest<{ id: string; processInstanceId: string }[]>(web, 'GET', '/task?taskDefinitionKey=LevelApproval&candidateGroup=manager&processDefinitionKey=deal-approval');
      const instance = await rest<{ businessKey: string }>(web, 'GET', `/process-instance/${approval!.processInstanceId}`);
      const deal = await api<{ title: string }>(web, 'GET', `/api/deals/${instance.businessKey}`);
      await page.goto(`${web.url}/tasklist?view=groups&task=${approval!.id}`);
      await page.locator('[data-testid="task-detail"] [data-testid="record-name"]', { hasText: deal.title }).waitFor();
      const facts = (await page.locator('[data-testid="task-detail"] .facts').first().textContent())!;
      expect(facts).not.toContain(instance.businessKey);
      const timeline = page.locator('[data-testid="record-panel"] .timeline');
      await timeline.locator('li').first().waitFor();
      const text = (await timeline.textContent())!;
      expect(text).toContain('Demo data');
      expect(text).not.toContain('demo-seed');
      expect(text).not.toMatch(/[a-z]Id\b/);
      await screenshot(page, 'tasklist-timeline');
    });
  });

  describe('ops', () => {
    let page: Page;
    let incident: Incident;
    beforeAll(async () => {
      await deployXml(web, 'long_named', longNamedXml('Director approval'));
      await deployXml(web, 'long_named', longNamedXml('Director sign-off'));
      await rest(web, 'POST', '/process-definition/key/long_named/start', { businessKey: 'QA-long' });
      incident = await eventually('the demo incident', async () => (await rest<Incident[]>(web, 'GET', '/incident?activityId=Resubmit'))[0], 90_000);
      ({ page } = await signIn(browser, web.url, 'ops'));
    });
    afterAll(() => page.close());

    it('lists one row per process with its versions inside, long names cut with the whole name on hover', async () => {
      await page.goto(`${web.url}/cockpit`);
      const row = page.locator('[data-testid="definitions"] tr[data-definition="long_named"]');
      await row.waitFor();
      expect(await page.locator('[data-testid="definitions"] tr[data-definition]').count()).toBe(await page.locator('[data-testid="definitions"] tr[data-definition]').evaluateAll((rows) => new Set(rows.map((r) => r.getAttribute('data-definition'))).size));
      expect(await row.getAttribute('data-versions')).toBe('2');
      expect(await row.locator('td').nth(3).textContent()).toBe('1');
      const name = row.locator('td').first().locator('.truncate');
      expect(await name.getAttribute('title')).toBe(LONG_NAME);
      const table = (await page.locator('[data-testid="definitions"]').boundingBox())!;
      expect(table.width).toBeLessThanOrEqual(page.viewportSize()!.width);
      expect((await name.boundingBox())!.width).toBeLessThan(400);

      await row.locator('[data-testid="toggle-versions"]').click();
      await page.locator('[data-testid="definitions"] tr[data-definition-version="long_named:1"]').waitFor();
      expect(await page.locator('[data-testid="definitions"] tr[data-definition-version^="long_named:"]').count()).toBe(2);
      await screenshot(page, 'cockpit-definitions-versions');
    });

    it('spaces the facts of an instance and its definition, and names the element of an incident', async () => {
      await page.goto(`${web.url}/cockpit/instance?id=${incident.processInstanceId}`);
      const facts = page.locator('[data-testid="instance-facts"]');
      await facts.waitFor();
      expect(await facts.textContent()).toMatch(/^ACTIVE · version \d+ · record \S.* · started /);
      await page.locator('[data-testid="incidents"] .panel.incident strong', { hasText: 'Resubmit revised deal' }).waitFor();

      await page.click('[data-testid="instance-facts"] a');
      const actions = page.locator('.panel-actions', { has: page.locator('[data-testid="heatmap-toggle"]') });
      await actions.waitFor();
      expect(await actions.textContent()).toBe(' heatmap of history · instances');
    });

    it('draws the Live legend in the colours of its bars', async () => {
      await page.goto(`${web.url}/cockpit/live`);
      await page.locator('.bar-group').first().waitFor();
      const colours = await page.evaluate(() => ['started', 'completed', 'failed'].map((series) => ({
        series,
        legend: getComputedStyle(document.querySelector(`.legend-swatch.${series}`)!).backgroundColor,
        bar: getComputedStyle(document.querySelector(`.bar.${series}`)!).backgroundColor,
      })));
      for (const { legend, bar } of colours) expect(legend).toBe(bar);
      expect(new Set(colours.map((c) => c.bar)).size).toBe(3);
    });
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { allowProblem } from './support/browser-problems.js';
import { describeBrowser, launchChromium } from './support/chromium.js';
import type { DesignerWindow } from './support/designer-window.js';
import { offerApprovalXml, offerDecisionForm } from './support/form-process.js';
import { eventually, rest } from './support/rest.js';
import { screenshot } from './support/screenshots.js';
import { signIn } from './support/session.js';
import { ensureWebAppBuilt, startWebApp, type WebApp } from './support/web-app.js';


interface HistoricVariable { name: string; type: string; value: unknown }

/** clicks a shape near its bottom edge, away from its label and the lint badge */
async function clickShape(page: Page, elementId: string): Promise<void> {
  const box = await page.locator(`.djs-shape[data-element-id="${elementId}"]`).first().boundingBox();
  if (!box) throw new Error(`Expected ${elementId} on the canvas`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height - 8);
}

/** the properties panel's "Forms" group of the selected user task, opened */
async function openFormGroup(page: Page): Promise<void> {
  const header = page.locator('[data-group-id="group-CamundaPlatform__Form"] .bio-properties-panel-group-header');
  if (!(await header.getAttribute('class'))?.includes('open')) await header.click();
}

/**
 * Camunda Forms end to end through the web app: an analyst creates and imports forms in the
 * designer, links one to a user task and deploys both; a manager gets the form-js form prefilled,
 * fills it and submits; the instance moves on with typed variables.
 */
describeBrowser('web app: Camunda Forms', () => {
  let web: WebApp;
  let browser: Browser;
  let files: string;
  let instanceId = '';

  beforeAll(async () => {
    ensureWebAppBuilt();
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    files = mkdtempSync(join(tmpdir(), 'forms-spec-'));
    writeFileSync(join(files, 'offer-decision.form'), offerDecisionForm);
    writeFileSync(join(files, 'broken.form'), '{"components": []}');
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    rmSync(files, { recursive: true, force: true });
  });

  describe('analyst', () => {
    let page: Page;
    beforeAll(async () => {
      ({ page } = await signIn(browser, web.url, 'analyst'));
      await page.waitForFunction(() => (globalThis as unknown as DesignerWindow).crmDesigner !== undefined);
      await page.evaluate((xml) => (globalThis as unknown as DesignerWindow).crmDesigner!.importXML(xml), offerApprovalXml);
    });
    afterAll(() => page.close());

    it('creates a form with the form-js editor, then removes it', async () => {
      await page.click('[data-testid="forms-panel"] button:has-text("New form")');
      const editor = page.locator('[data-testid="form-editor"][data-ready="true"]');
      await editor.waitFor();
      await editor.locator('.fjs-editor-container .fjs-form-field-checkbox').first().waitFor();
      await editor.locator('.fjs-palette-container').waitFor();
      await screenshot(page, 'forms-editor');
      await page.click('[data-testid="form-editor-done"]');
      const created = page.locator('[data-testid="forms-panel"] .diagram-form[data-form-id="offer_approval-form"]');
      await created.waitFor();
      await created.locator('button:has-text("remove")').click();
      await page.locator('[data-testid="forms-panel"]', { hasText: 'No forms.' }).waitFor();
    });

    it('refuses a .form without an id on import and attaches a valid one', async () => {
      await page.setInputFiles('[data-testid="import-form-file"]', join(files, 'broken.form'));
      await page.locator('[role="alert"]', { hasText: "broken.form is not a form-js schema: it has no string 'id'" }).waitFor();
      await page.setInputFiles('[data-testid="import-form-file"]', join(files, 'offer-decision.form'));
      await page.locator('[data-testid="forms-panel"] .diagram-form[data-form-id="offer-decision"]').waitFor();
    });

    it('links the user task to the form in the properties panel; lint and the engine name a form that is not there', async () => {
      allowProblem({ status: 400, method: 'POST', path: '/engine-rest/deployment/create', reason: 'the engine refuses a diagram whose form is not deployed with it: the test shows that answer in the designer' });
      await clickShape(page, 'approve_offer');
      await page.locator('.bio-properties-panel-header-type', { hasText: 'User Task' }).waitFor();
      await openFormGroup(page);
      await page.selectOption('#bio-properties-panel-formType', 'formRef');
      await page.fill('#bio-properties-panel-formRef', 'offer-decison');
      await page.selectOption('#bio-properties-panel-formRefBinding', 'deployment');
      await page.locator('[data-testid="problems"] .problem-lint', { hasText: "Form 'offer-decison' is not attached to this diagram" }).waitFor();

      await page.click('button:has-text("Deploy")');
      const refused = page.locator('[data-testid="problems"] .problem-engine', { hasText: "Expected a form with id 'offer-decison' in the deployment" });
      await refused.waitFor();
      expect(await refused.locator('code').textContent()).toBe('approve_offer');
      await page.locator('.djs-element.crm-deploy-problem[data-element-id="approve_offer"]').waitFor();
      await screenshot(page, 'forms-deploy-problem');

      // the engine's problem reveals (selects) the element
      await refused.locator('button').click();
      await page.locator('.bio-properties-panel-header-label', { hasText: 'Approve offer' }).waitFor();
      await openFormGroup(page);
      // bound to the latest version, a form deployed earlier (the CRM's) would do: this one is nowhere
      await page.selectOption('#bio-properties-panel-formRefBinding', 'latest');
      await page.locator('[data-testid="problems"] .problem-lint', { hasText: "Form 'offer-decison' is neither attached to this diagram nor deployed" }).waitFor();
      await page.fill('#bio-properties-panel-formRef', 'deal-approval-decision');
      await eventually('the warning to go for a deployed form', async () => (await page.locator('[data-testid="problems"] .problem-lint', { hasText: 'offer-decison' }).count()) === 0);
      expect(await page.locator('[data-testid="problems"] .problem-lint', { hasText: 'deal-approval-decision' }).count()).toBe(0);
      await page.selectOption('#bio-properties-panel-formRefBinding', 'deployment');
      await page.fill('#bio-properties-panel-formRef', 'offer-decision');
      const linked = /<bpmn:userTask id="approve_offer"[^>]*camunda:formRef="offer-decision"[^>]*camunda:formRefBinding="deployment"/;
      await eventually('the link in the model', async () => linked.test(await page.evaluate(() => (globalThis as unknown as DesignerWindow).crmDesigner!.saveXML())));
      await eventually('the lint warning to go', async () => (await page.locator('[data-testid="problems"] .problem-lint', { hasText: 'Form ' }).count()) === 0);
    });

    it('deploys diagram and form in one deployment and starts an instance', async () => {
      await page.click('button:has-text("Deploy")');
      await page.locator('[data-testid="designer-message"]', { hasText: 'as version 1' }).waitFor();
      const [definition] = await rest<{ id: string; deploymentId: string }[]>(web, 'GET', '/process-definition?key=offer_approval');
      const resources = await rest<{ name: string }[]>(web, 'GET', `/deployment/${definition!.deploymentId}/resources`);
      expect(resources.map((r) => r.name).sort()).toEqual(['offer-decision.form', 'offer_approval.bpmn']);
      // the designer reopens the deployed version, with its form
      await page.locator('[data-testid="designer-status"]', { hasText: 'v1' }).waitFor();
      await page.locator('[data-testid="forms-panel"] .diagram-form[data-form-id="offer-decision"]').waitFor();
      await screenshot(page, 'forms-designer');

      await page.click('button:has-text("Start instance")');
      await page.fill('input[name="businessKey"]', 'deal:77');
      await page.click('.modal button:has-text("Add variable")');
      await page.fill('.modal [aria-label="Variable name"]', 'amount');
      await page.selectOption('.modal [aria-label="Variable type"]', 'Long');
      await page.fill('.modal [aria-label="Variable value"]', '5000');
      await page.click('.modal button[type="submit"]');
      const started = await page.locator('[data-testid="designer-message"]', { hasText: 'Started instance' }).textContent();
      instanceId = /Started instance (\S+)/.exec(started ?? '')![1]!;
    });
  });

  describe('manager', () => {
    let page: Page;
    let userId = '';
    beforeAll(async () => {
      ({ page, userId } = await signIn(browser, web.url, 'manager'));
    });
    afterAll(() => page.close());

    it('sees the form-js form prefilled and read-only until claiming', async () => {
      await page.click('[data-view="groups"]');
      await page.locator('.task-row', { hasText: 'Approve offer' }).click();
      const form = page.locator('[data-testid="task-form"][data-form-kind="camunda-form"][data-ready="true"]');
      await form.waitFor();
      expect(await form.locator('.fjs-form-field-number input').first().inputValue()).toBe('5000');
      expect(await form.locator('textarea').isEditable()).toBe(false);
      expect(await form.locator('[data-outcome="approve"]').isDisabled()).toBe(true);
      // the decision is the outcome buttons, not a checkbox in the form
      expect(await form.locator('.fjs-form-field-checkbox').count()).toBe(0);

      await page.click('[data-testid="task-detail"] button:has-text("Claim")');
      await page.locator(`[data-testid="task-assignee"][data-user="${userId}"]`).waitFor();
      await page.locator('[data-testid="task-form"][data-ready="true"] textarea:not([readonly]):not([disabled])').waitFor();
      expect(await page.locator('[data-testid="task-form"] .fjs-form-field-number input').first().isEditable()).toBe(false);
    });

    it('blocks a submission that form-js finds invalid, then submits typed values', async () => {
      const form = page.locator('[data-testid="task-form"][data-ready="true"]');
      await form.locator('[data-outcome="approve"]').click();
      await form.locator('[role="alert"]', { hasText: 'Check the highlighted fields: Comment' }).waitFor();
      await form.locator('.fjs-form-field-textarea .fjs-form-field-error').waitFor();
      await screenshot(page, 'forms-tasklist-invalid');
      expect(await rest<unknown[]>(web, 'GET', `/task?processInstanceId=${instanceId}`)).toHaveLength(1);

      await form.locator('.fjs-form-field-number input').nth(1).fill('12.5');
      await form.locator('textarea').fill('Good margin');
      await screenshot(page, 'forms-tasklist');
      await form.locator('[data-outcome="approve"]').click();
      await page.locator('[data-testid="task-done"]').waitFor();

      await eventually('the instance to complete', async () => {
        const [instance] = await rest<{ state: string }[]>(web, 'GET', `/history/process-instance?processInstanceId=${instanceId}`);
        return instance?.state === 'COMPLETED';
      });
      const variables = await rest<HistoricVariable[]>(web, 'GET', `/history/variable-instance?processInstanceId=${instanceId}`);
      expect(Object.fromEntries(variables.map((v) => [v.name, [v.type, v.value]]))).toEqual({
        amount: ['Long', 5000],
        margin: ['Double', 12.5],
        approved: ['Boolean', true],
        comment: ['String', 'Good margin'],
      });
    });
  });
});

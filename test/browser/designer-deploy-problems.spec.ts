import type { Browser, Page } from 'playwright-core';
import { allowProblem } from './support/browser-problems.js';
import { describeBrowser, launchChromium } from './support/chromium.js';
import { linkCatchWithIncomingXml, passThroughGatewayXml } from './support/deploy-problem-models.js';
import type { DesignerWindow } from './support/designer-window.js';
import { screenshot } from './support/screenshots.js';
import { signIn } from './support/session.js';
import { ensureWebAppBuilt, startWebApp, type WebApp } from './support/web-app.js';

const importXml = (page: Page, xml: string) => page.evaluate((text) => (globalThis as unknown as DesignerWindow).crmDesigner!.importXML(text), xml);

/** The engine's answer to Deploy in the designer: its warnings after a deployment, its rules after a refusal. */
describeBrowser('designer: deploy warnings and refusals in the problems panel', () => {
  let web: WebApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebAppBuilt();
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    ({ page } = await signIn(browser, web.url, 'analyst'));
    await page.waitForFunction(() => (globalThis as unknown as DesignerWindow).crmDesigner !== undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('deploys a model with a warning, says so, and lists the warning; a click selects its element', async () => {
    await importXml(page, passThroughGatewayXml);
    await page.click('button:has-text("Deploy")');
    await page.locator('[data-testid="designer-message"]', { hasText: 'as version 1 deployed with 1 warning(s)' }).waitFor();
    // the designer opens the deployed version (definition, then its XML): the warning stays with it
    await page.waitForURL(/definition=/);
    await page.waitForLoadState('networkidle');
    await page.locator('[data-testid="designer-status"]', { hasText: 'v1' }).waitFor();
    const warning = page.locator('[data-testid="problems"] .problem-engine.problem-warn');
    await warning.waitFor();
    expect(await warning.count()).toBe(1);
    expect(await warning.textContent()).toContain('rule gateway-pass-through');
    expect(await warning.locator('code').textContent()).toBe('nothing');
    await page.locator('.djs-element.crm-deploy-warning[data-element-id="nothing"]').waitFor();
    await warning.locator('button').click();
    await page.locator('.djs-element.selected[data-element-id="nothing"]').waitFor();
    await screenshot(page, 'designer-deploy-warning');
  });

  it('names the rule and section of a refusal once per problem; a click selects the element', async () => {
    allowProblem({ status: 400, method: 'POST', path: '/engine-rest/deployment/create', reason: 'the engine refuses the model with its ParseException: the test shows that answer in the designer' });
    await importXml(page, linkCatchWithIncomingXml);
    expect(await page.locator('[data-testid="problems"] .problem-engine').count()).toBe(0);
    await page.click('button:has-text("Deploy")');
    const refusal = page.locator('[data-testid="problems"] .problem-engine.problem-error', { hasText: 'rule link-catch-no-incoming' });
    await refusal.waitFor();
    expect(await refusal.count()).toBe(1);
    expect(await refusal.textContent()).toContain('(BPMN 2.0 §10.5.4, rule link-catch-no-incoming)');
    expect(await refusal.locator('code').textContent()).toBe('landing');
    await page.locator('.djs-element.crm-deploy-problem[data-element-id="landing"]').waitFor();
    await refusal.locator('button').click();
    await page.locator('.djs-element.selected[data-element-id="landing"]').waitFor();
    await screenshot(page, 'designer-deploy-refusal');
  });
});

import type { Browser, Page } from 'playwright-core';
import { bpmn, flows } from '../../engine/testing/bpmn-fixture.js';
import { describeBrowser, launchChromium } from './support/chromium.js';
import { rest, type RestTarget } from './support/rest.js';
import { screenshot } from './support/screenshots.js';
import { signIn } from './support/session.js';
import { ensureWebAppBuilt, startWebApp, type WebApp } from './support/web-app.js';

/** UNIQUE: amount < 1000 → 0 (rule 1), amount >= 1000 → 0.1 (rule 2); one evaluated often over REST (paging); one nobody evaluates */
const pricingDmn = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn"
  id="cockpit_pricing" name="Cockpit pricing" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="cockpit_discount" name="Cockpit discount" camunda:versionTag="spring-2026">
    <decisionTable id="dt_discount" hitPolicy="UNIQUE">
      <input id="in_amount" label="Amount"><inputExpression id="ie_amount" typeRef="number"><text>amount</text></inputExpression></input>
      <output id="out_discount" label="Discount" name="discount" typeRef="number"/>
      <rule id="r_small"><inputEntry id="r_small_in"><text>&lt; 1000</text></inputEntry><outputEntry id="r_small_out"><text>0</text></outputEntry></rule>
      <rule id="r_big"><description>large orders</description><inputEntry id="r_big_in"><text>&gt;= 1000</text></inputEntry><outputEntry id="r_big_out"><text>0.1</text></outputEntry></rule>
    </decisionTable>
  </decision>
  <decision id="cockpit_paged" name="Cockpit paged">
    <decisionTable id="dt_paged">
      <input id="in_n" label="N"><inputExpression id="ie_n" typeRef="number"><text>n</text></inputExpression></input>
      <output id="out_m" name="m" typeRef="number"/>
      <rule id="r_n"><inputEntry id="r_n_in"><text>-</text></inputEntry><outputEntry id="r_n_out"><text>n</text></outputEntry></rule>
    </decisionTable>
  </decision>
  <decision id="cockpit_unused" name="Cockpit unused">
    <decisionTable id="dt_unused">
      <input id="in_x" label="X"><inputExpression id="ie_x" typeRef="number"><text>x</text></inputExpression></input>
      <output id="out_y" name="y" typeRef="number"/>
      <rule id="r_any"><inputEntry id="r_any_in"><text>-</text></inputEntry><outputEntry id="r_any_out"><text>1</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>`;

const quoteProcess = bpmn('cockpit_quote', `
  <startEvent id="start"/>
  <businessRuleTask id="price" name="Price the quote" camunda:decisionRef="cockpit_discount" camunda:mapDecisionResult="singleEntry" camunda:resultVariable="discount"/>
  <userTask id="review" name="Review the quote"/>
  ${flows('start', 'price', 'review')}`);

/** one deployment of the DMN and the process, as the designer deploys them */
async function deployFiles(target: RestTarget, name: string, files: Record<string, string>): Promise<void> {
  const form = new FormData();
  form.set('deployment-name', name);
  for (const [file, content] of Object.entries(files)) form.append(file, new Blob([content], { type: 'application/xml' }), file);
  const response = await fetch(`${target.url}/engine-rest/deployment/create`, { method: 'POST', headers: { ...target.adminAuth }, body: form });
  if (!response.ok) throw new Error(`deploy ${name} answered ${response.status}: ${await response.text()}`);
}

const cellClass = (page: Page, ruleId: string) => page.locator(`[data-testid="decision-table"] td[data-row-id="${ruleId}"]`).first().getAttribute('class');

/** The cockpit lists deployed decisions with their evaluations, shows a decision's table with an evaluation's matched rules, and an instance's decisions. */
describeBrowser('cockpit: decisions', () => {
  let web: WebApp;
  let browser: Browser;
  let instanceId = '';
  let plainInstanceId = '';

  beforeAll(async () => {
    ensureWebAppBuilt();
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    await deployFiles(web, 'cockpit-decisions', { 'cockpit-pricing.dmn': pricingDmn, 'cockpit-quote.bpmn': quoteProcess });
    for (let n = 1; n <= 21; n++) {
      await rest(web, 'POST', '/decision-definition/key/cockpit_paged/evaluate', { variables: { n: { value: n, type: 'Integer' } } });
      await new Promise((resolve) => setTimeout(resolve, 5)); // distinct evaluation times: the page sorts by them
    }
    await deployFiles(web, 'cockpit-plain', { 'cockpit-plain.bpmn': bpmn('cockpit_plain', `<startEvent id="start"/><userTask id="work" name="Work"/>${flows('start', 'work')}`) });
    plainInstanceId = (await rest<{ id: string }>(web, 'POST', '/process-definition/key/cockpit_plain/start', {})).id;
    instanceId = (await rest<{ id: string }>(web, 'POST', '/process-definition/key/cockpit_quote/start', { variables: { amount: { value: 1500, type: 'Integer' } } })).id;
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('lists the decisions with their evaluations; a decision page highlights the rules the selected evaluation matched', async () => {
    const { page } = await signIn(browser, web.url, 'ops');
    await page.goto(`${web.url}/cockpit`);
    await page.locator('nav.tabs a', { hasText: 'Decisions' }).click();
    await page.waitForURL((url) => url.pathname === '/cockpit/decisions');
    const row = page.locator('[data-testid="decisions"] tr[data-decision="cockpit_discount"]');
    await row.locator('[data-testid="evaluation-count"]', { hasText: '1' }).waitFor();
    expect(await row.locator('td').allInnerTexts()).toEqual(['Cockpit discount', 'cockpit_discount', 'v1', 'spring-2026', expect.stringContaining('cockpit-decisions'), '1']);
    expect(await page.locator('[data-testid="decisions"] tr[data-decision="cockpit_unused"] [data-testid="evaluation-count"]').innerText()).toBe('0');

    await row.locator('a', { hasText: 'Cockpit discount' }).click();
    await page.locator('[data-testid="decision-table"][data-ready="true"]').waitFor();
    await page.locator('[data-testid="decision-table"] td[data-row-id="r_big"]', { hasText: '>= 1000' }).first().waitFor();
    expect(await page.locator('[data-testid="decision-table"] .crm-matched-rule').count()).toBe(0);

    const evaluation = page.locator('[data-testid="evaluations"] tr[data-evaluation-id]');
    expect(await evaluation.count()).toBe(1);
    expect(await evaluation.locator('[data-testid="evaluation-instance"]').getAttribute('href')).toBe(`/cockpit/instance?id=${instanceId}`);
    expect(await evaluation.innerText()).toContain('Price the quote');
    expect(await evaluation.locator('[data-testid="evaluation-values"]').innerText()).toMatch(/Amount = 1500\s*→\s*discount = 0\.1/);
    await evaluation.locator('td a').first().click();

    await page.locator('[data-testid="decision-table"] td.crm-matched-rule[data-row-id="r_big"]').first().waitFor();
    expect(await cellClass(page, 'r_small')).not.toContain('crm-matched-rule');
    expect(await page.locator('[data-testid="matched-rules"]').innerText()).toContain('rule 2 (large orders)');
    expect(new URL(page.url()).searchParams.get('evaluation')).toBe(await evaluation.getAttribute('data-evaluation-id'));
    const detail = page.locator('[data-testid="evaluation-detail"]');
    expect(await detail.locator('[data-testid="evaluation-input-table"] tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/Amount\s+Integer\s+1500/)]);
    await screenshot(page, 'cockpit-decision');
    expect(await detail.locator('[data-testid="evaluation-output-table"] tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/rule 2 \(large orders\)\s+discount\s+Double\s+0\.1/)]);

    await page.goto(`${web.url}/cockpit/decisions`);
    await page.locator('[data-testid="decisions"] tr[data-decision="cockpit_unused"] a').click();
    await page.locator('[data-testid="no-evaluations"]', { hasText: 'No evaluations yet.' }).waitFor();
    await page.locator('[data-testid="decision-table"][data-ready="true"]').waitFor();
    expect(await page.locator('[data-testid="decision-table"] td[data-row-id="r_any"]').count()).toBeGreaterThan(0);
  });

  it("the instance page's Decisions panel lists what the instance evaluated, each linking to its evaluation", async () => {
    const { page } = await signIn(browser, web.url, 'ops');
    await page.goto(`${web.url}/cockpit/instance?id=${instanceId}`);
    const row = page.locator('[data-testid="decisions-panel"] tr[data-decision="cockpit_discount"]');
    await row.waitFor();
    expect(await row.locator('td').allInnerTexts()).toEqual([
      'Cockpit discount v1',
      'Price the quote',
      expect.any(String),
      expect.stringMatching(/Amount = 1500\s*→\s*discount = 0\.1/),
      'rule 2 (large orders)',
    ]);

    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'cockpit-instance-decisions');
    await row.locator('[data-testid="decision-link"]').click();
    await page.waitForURL((url) => url.pathname === '/cockpit/decision' && url.searchParams.has('evaluation'));
    await page.locator('[data-testid="decision-table"] td.crm-matched-rule[data-row-id="r_big"]').first().waitFor();
    expect(await cellClass(page, 'r_small')).not.toContain('crm-matched-rule');
    await page.locator('[data-testid="evaluations"] tr.selected[data-evaluation-id]').waitFor();

    await page.goto(`${web.url}/cockpit/instance?id=${plainInstanceId}`);
    await page.locator('[data-testid="decisions-panel"] [data-testid="no-decisions-evaluated"]', { hasText: 'evaluated no decisions yet' }).waitFor();
  });

  it('pages through the evaluations, newest first, with the page in the URL', async () => {
    const { page } = await signIn(browser, web.url, 'ops');
    await page.goto(`${web.url}/cockpit/decisions?key=cockpit_paged`);
    const row = page.locator('[data-testid="decisions"] tr[data-decision="cockpit_paged"]');
    await row.locator('[data-testid="evaluation-count"]', { hasText: '21' }).waitFor();
    expect(await page.locator('[data-testid="decisions"] tbody tr').count()).toBe(1);
    await row.locator('a').click();
    const rows = page.locator('[data-testid="evaluations"] tr[data-evaluation-id]');
    await page.locator('[data-testid="evaluations-pager"]', { hasText: 'page 1 of 2' }).waitFor();
    expect(await rows.count()).toBe(20);
    expect(await rows.first().innerText()).toContain('outside a process (REST)');
    expect(await rows.first().locator('[data-testid="evaluation-values"]').innerText()).toMatch(/N = 21\s*→\s*m = 21/);

    await page.locator('[data-testid="evaluations-pager"] button', { hasText: 'Older' }).click();
    await page.locator('[data-testid="evaluations-pager"]', { hasText: 'page 2 of 2' }).waitFor();
    await rows.locator('[data-testid="evaluation-inputs"]', { hasText: /^N = 1$/ }).waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().locator('[data-testid="evaluation-values"]').innerText()).toMatch(/N = 1\s*→\s*m = 1/);
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
  });
});

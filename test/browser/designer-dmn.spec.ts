import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { allowProblem } from './support/browser-problems.js';
import { describeBrowser, launchChromium } from './support/chromium.js';
import type { DesignerWindow } from './support/designer-window.js';
import { eventually } from './support/rest.js';
import { screenshot } from './support/screenshots.js';
import { signIn } from './support/session.js';
import { ensureWebAppBuilt, startWebApp, type WebApp } from './support/web-app.js';

/** a process whose business rule task names the decision `discount_rate` */
const discountProcessXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  id="discount_definitions" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="discount_check" name="Discount check" isExecutable="true" camunda:historyTimeToLive="180">
    <bpmn:startEvent id="start" name="Order placed"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:businessRuleTask id="rate_discount" name="Rate the discount" camunda:decisionRef="discount_rate" camunda:mapDecisionResult="singleEntry" camunda:resultVariable="rate">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:businessRuleTask>
    <bpmn:endEvent id="end" name="Rated"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="rate_discount" />
    <bpmn:sequenceFlow id="f2" sourceRef="rate_discount" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="discount_check">
    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="rate_di" bpmnElement="rate_discount"><dc:Bounds x="240" y="80" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="392" y="102" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="188" y="120" /><di:waypoint x="240" y="120" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="340" y="120" /><di:waypoint x="392" y="120" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

/** a literal expression and a decision table whose input is an expression, not a variable's name */
const limitsDmn = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/"
  xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="limits" name="Limits" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="approval_limit" name="Approval limit" camunda:historyTimeToLive="30">
    <variable id="approval_limit_variable" name="limit" typeRef="double" />
    <literalExpression id="approval_limit_expression"><text>amount * 0.1</text></literalExpression>
  </decision>
  <decision id="order_size" name="Order size" camunda:historyTimeToLive="30">
    <decisionTable id="order_size_table" hitPolicy="FIRST">
      <input id="doubled" label="Twice the amount"><inputExpression id="doubled_expression" typeRef="double"><text>amount * 2</text></inputExpression></input>
      <output id="size" label="Size" name="size" typeRef="string" />
      <rule id="big"><inputEntry id="big_in"><text>&gt; 1000</text></inputEntry><outputEntry id="big_out"><text>"big"</text></outputEntry></rule>
      <rule id="small"><inputEntry id="small_in"><text></text></inputEntry><outputEntry id="small_out"><text>"small"</text></outputEntry></rule>
    </decisionTable>
  </decision>
  <dmndi:DMNDI><dmndi:DMNDiagram id="limits_diagram">
    <dmndi:DMNShape id="approval_limit_shape" dmnElementRef="approval_limit"><dc:Bounds height="80" width="180" x="160" y="100" /></dmndi:DMNShape>
    <dmndi:DMNShape id="order_size_shape" dmnElementRef="order_size"><dc:Bounds height="80" width="180" x="420" y="100" /></dmndi:DMNShape>
  </dmndi:DMNDiagram></dmndi:DMNDI>
</definitions>`;

/** a DMN 1.1 file as earlier Camunda Modelers wrote it, without a DRD layout */
const legacyDmn = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/DMN/20151101/dmn.xsd" xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="legacy" name="Legacy" namespace="http://camunda.org/schema/1.0/dmn">
  <decision id="legacy_grade" name="Legacy grade">
    <decisionTable id="legacy_table">
      <input id="score_input" label="Score"><inputExpression id="score_expression" typeRef="integer"><text>score</text></inputExpression></input>
      <output id="grade_output" label="Grade" name="grade" typeRef="string" />
      <rule id="pass"><inputEntry id="pass_in"><text>&gt;= 50</text></inputEntry><outputEntry id="pass_out"><text>"pass"</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>`;

const decisionWarning = (page: Page, decision: string) =>
  page.locator('[data-testid="problems"] .problem-lint', { hasText: `Decision '${decision}' is in no DMN diagram open here` });

/** the open DMN file's XML, as "Download .dmn" saves it */
async function downloadDmn(page: Page): Promise<{ name: string; xml: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="diagram-tabs"] button:has-text("Download .dmn")')]);
  const path = await download.path();
  return { name: download.suggestedFilename(), xml: readFileSync(path, 'utf8') };
}

/** the open DMN file once its download holds the text (the editor saves after dmn-js's debounced command) */
const downloadedWith = (page: Page, text: string) =>
  eventually(`the downloaded DMN to hold ${text}`, async () => {
    const saved = await downloadDmn(page);
    return saved.xml.includes(text) ? saved : null;
  });

/** opens a properties panel group if it is closed */
async function openGroup(page: Page, groupId: string): Promise<void> {
  const header = page.locator(`[data-testid="dmn-properties-panel"] [data-group-id="group-${groupId}"] .bio-properties-panel-group-header`);
  if (!(await header.getAttribute('class'))?.includes('open')) await header.click();
}

/**
 * The DMN editor beside the process in the designer: a new decision table edited through the UI
 * and downloaded, the DRD's properties panel, an imported file's views, the lint of a business rule
 * task naming a decision that is not there, the test panel and the deployment of both models.
 */
describeBrowser('designer: DMN editor', () => {
  let web: WebApp;
  let browser: Browser;
  let page: Page;
  let files: string;
  /** the new DMN file's name (its decision's generated id + .dmn) */
  let newFile = '';

  beforeAll(async () => {
    ensureWebAppBuilt();
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    files = mkdtempSync(join(tmpdir(), 'designer-dmn-spec-'));
    writeFileSync(join(files, 'limits.dmn'), limitsDmn);
    writeFileSync(join(files, 'legacy.dmn'), legacyDmn);
    ({ page } = await signIn(browser, web.url, 'analyst'));
    await page.waitForFunction(() => (globalThis as unknown as DesignerWindow).crmDesigner !== undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    rmSync(files, { recursive: true, force: true });
  });

  it('warns about a business rule task whose decision is in no open DMN diagram', async () => {
    const asked = page.waitForResponse((r) => new URL(r.url()).pathname === '/engine-rest/decision-definition');
    await page.evaluate((xml) => (globalThis as unknown as DesignerWindow).crmDesigner!.importXML(xml), discountProcessXml);
    await asked;
    await decisionWarning(page, 'discount_rate').waitFor();
    expect(await decisionWarning(page, 'discount_rate').locator('code').textContent()).toBe('rate_discount');
  });

  it('creates a decision table, edits a rule through the UI and downloads the change', async () => {
    await page.click('[data-testid="diagram-tabs"] button:has-text("+ New DMN")');
    const editor = page.locator('[data-testid="dmn-editor"][data-ready="true"][data-view="decisionTable"]');
    await editor.waitFor();
    newFile = (await editor.getAttribute('data-file')) ?? '';
    expect(newFile).toMatch(/^Decision_\w+\.dmn$/);
    // the BPMN modeler is hidden, not gone
    expect(await page.locator('[data-testid="modeler-canvas"]').isVisible()).toBe(false);

    await page.locator('[data-testid="dmn-canvas"] .hit-policy', { hasText: 'Unique' }).waitFor();
    await page.locator('[data-testid="dmn-canvas"] tbody td.input-cell').first().click();
    await page.keyboard.type('"gold"');
    await page.locator('[data-testid="dmn-canvas"] tbody td.output-cell').first().click();
    await page.keyboard.type('0.1');
    await page.locator('[data-testid="dmn-canvas"] tbody td.input-cell', { hasText: '"gold"' }).waitFor();
    await screenshot(page, 'designer-dmn-table');

    const saved = await downloadedWith(page, '<text>0.1</text>');
    expect(saved.name).toBe(newFile);
    expect(saved.xml).toContain('<text>"gold"</text>');
    expect(saved.xml).toContain('<text>0.1</text>');
    // UNIQUE is DMN's default hit policy: dmn-js writes no attribute for it
    expect(saved.xml).toMatch(/<decisionTable id="DecisionTable_\w+"( hitPolicy="UNIQUE")?>/);
    expect(saved.xml).toContain('xmlns:camunda="http://camunda.org/schema/1.0/dmn"');
    expect(saved.xml).toContain('camunda:historyTimeToLive="180"');
  });

  it('renames the decision in the DRD properties panel: the lint warning goes, the process comes back', async () => {
    await page.click('[data-testid="dmn-views"] button[data-view-type="drd"]');
    await page.locator('[data-testid="dmn-editor"][data-view="drd"]').waitFor();
    const decisionId = newFile.replace(/\.dmn$/, '');
    await page.locator(`[data-testid="dmn-canvas"] .djs-shape[data-element-id="${decisionId}"]`).click();
    await page.locator('[data-testid="dmn-properties-panel"] .bio-properties-panel-header-label', { hasText: 'New decision' }).waitFor();
    await openGroup(page, 'general');
    await page.fill('[data-testid="dmn-properties-panel"] #bio-properties-panel-id', 'discount_rate');
    await page.fill('[data-testid="dmn-properties-panel"] #bio-properties-panel-versionTag', '1.0');
    await decisionWarning(page, 'discount_rate').waitFor({ state: 'detached' });
    await screenshot(page, 'designer-dmn-drd');

    const saved = await downloadedWith(page, 'camunda:versionTag="1.0"');
    expect(saved.xml).toMatch(/<decision id="discount_rate" name="New decision" camunda:historyTimeToLive="180" camunda:versionTag="1.0">|<decision id="discount_rate" name="New decision" camunda:versionTag="1.0" camunda:historyTimeToLive="180">/);

    await page.click('[data-testid="diagram-tabs"] [data-tab="process"]');
    await page.locator('[data-testid="modeler-canvas"] .djs-shape[data-element-id="rate_discount"]').waitFor({ state: 'visible' });
    expect(await page.locator('[data-testid="dmn-editor"]').count()).toBe(0);
    expect(await decisionWarning(page, 'discount_rate').count()).toBe(0);
    // the process names a decision of the open file: renaming it away brings the warning back
    await page.click(`[data-testid="diagram-tabs"] [data-tab="${newFile}"]`);
    await page.locator('[data-testid="dmn-editor"][data-ready="true"]').waitFor();
    await page.click('[data-testid="diagram-tabs"] button:has-text("Remove")');
    await decisionWarning(page, 'discount_rate').waitFor();
  });

  it('imports a .dmn file, switches between its views and tests a decision table against the engine', async () => {
    allowProblem({ status: 404, method: 'POST', path: '/engine-rest/decision-definition/key/order_size/evaluate', reason: 'the decision is not deployed: the test panel says to deploy it first' });
    await page.setInputFiles('[data-testid="import-dmn-file"]', join(files, 'limits.dmn'));
    await page.locator('[data-testid="dmn-editor"][data-file="limits.dmn"][data-ready="true"][data-view="drd"]').waitFor();
    await page.locator('[data-testid="dmn-canvas"] .djs-shape[data-element-id="order_size"]').waitFor();

    await page.click('[data-testid="dmn-views"] button[data-view-id="approval_limit"]');
    await page.locator('[data-testid="dmn-editor"][data-view="literalExpression"]').waitFor();
    await page.locator('[data-testid="dmn-canvas"] .literal-expression-editor, [data-testid="dmn-canvas"] .dmn-literal-expression-container').first().waitFor();

    await page.click('[data-testid="dmn-views"] button[data-view-id="order_size"]');
    await page.locator('[data-testid="dmn-editor"][data-view="decisionTable"]').waitFor();
    // camunda:inputVariable, which dmn-js's table editor has no field for
    await page.fill('[data-testid="dmn-input-variables"] input[data-input-id="doubled"]', 'twice');
    await page.press('[data-testid="dmn-input-variables"] input[data-input-id="doubled"]', 'Tab');
    const saved = await downloadedWith(page, 'camunda:inputVariable="twice"');
    expect(saved.xml).toContain('<input id="doubled" label="Twice the amount" camunda:inputVariable="twice">');

    const test = page.locator('[data-testid="dmn-test"]');
    const input = test.locator('.dmn-test-input[data-input-id="doubled"]');
    // the input is an expression: the analyst names the variable it reads (guessed from the expression)
    expect(await input.locator('input.dmn-test-name').inputValue()).toBe('amount');
    await input.locator('select').selectOption('Double');
    await input.locator('input[aria-label="Value of Twice the amount"]').fill('600');
    const evaluation = page.waitForRequest((r) => r.url().endsWith('/engine-rest/decision-definition/key/order_size/evaluate'));
    await test.locator('[data-testid="dmn-evaluate"]').click();
    expect((await evaluation).postDataJSON()).toEqual({ variables: { amount: { type: 'Double', value: 600 } } });
    // order_size is not deployed yet (the last test deploys it and evaluates it again)
    await test.locator('[role="alert"]', { hasText: "Decision 'order_size' is not deployed: deploy the decision first" }).waitFor();
    await screenshot(page, 'designer-dmn-test');

    // a problem of the process, clicked on a DMN tab, brings the process back with its element selected
    await decisionWarning(page, 'discount_rate').locator('button').click();
    await page.locator('[data-testid="modeler-canvas"] .djs-element.selected[data-element-id="rate_discount"]').waitFor();
    expect(await page.locator('[data-testid="diagram-tabs"] [data-tab="process"]').getAttribute('aria-selected')).toBe('true');
  });

  it('imports a DMN 1.1 file as DMN 1.3 and opens its table (it has no DRD layout)', async () => {
    await page.setInputFiles('[data-testid="import-dmn-file"]', join(files, 'legacy.dmn'));
    await page.locator('[data-testid="dmn-editor"][data-file="legacy.dmn"][data-ready="true"][data-view="decisionTable"]').waitFor();
    await page.locator('[data-testid="dmn-canvas"] tbody td.input-cell', { hasText: '>= 50' }).waitFor();
    // a simple name: the variable is the expression, its type the input's typeRef
    const input = page.locator('[data-testid="dmn-test"] .dmn-test-input[data-input-id="score_input"]');
    expect(await input.locator('code.dmn-test-name').textContent()).toBe('score');
    expect(await input.locator('small').textContent()).toBe('Integer');
    const saved = await downloadDmn(page);
    expect(saved.xml).toContain('xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"');
    expect(saved.xml).toContain('<decision id="legacy_grade" name="Legacy grade">');
  });

  it('keeps the DMN files with a draft of the process', async () => {
    await page.click('.toolbar button:has-text("Save draft")');
    await page.locator('[data-testid="designer-message"]', { hasText: 'Draft of Discount check saved' }).waitFor();
    await page.click('.toolbar button:has-text("New")');
    await page.locator('[data-testid="designer-message"]', { hasText: 'New diagram' }).waitFor();
    expect(await page.locator('[data-testid="diagram-tabs"] [role="tab"]').count()).toBe(1);
    await page.click('[data-testid="process-list"] .draft button:has-text("Discount check")');
    await page.locator('[data-testid="diagram-tabs"] [data-tab="legacy.dmn"]').waitFor();
    expect(await page.locator('[data-testid="diagram-tabs"] [role="tab"]').evaluateAll((tabs) => tabs.map((t) => t.getAttribute('data-tab')))).toEqual(['process', 'limits.dmn', 'legacy.dmn']);
    await page.click('[data-testid="diagram-tabs"] [data-tab="limits.dmn"]');
    await page.locator('[data-testid="dmn-editor"][data-file="limits.dmn"][data-ready="true"]').waitFor();
    expect((await downloadDmn(page)).xml).toContain('camunda:inputVariable="twice"');
    await page.click('[data-testid="diagram-tabs"] [data-tab="process"]');
  });

  it('deploys the process and its DMN files in one deployment, then tests the deployed decision', async () => {
    let body = '';
    await page.route('**/engine-rest/deployment/create', async (route) => {
      body = route.request().postDataBuffer()?.toString('utf8') ?? '';
      await route.continue();
    });
    await page.click('.toolbar button:has-text("Deploy")');
    // the process names discount_rate, which no deployed DMN file has: the engine deploys and warns
    await page.locator('[data-testid="designer-message"]', { hasText: 'Discount check as version 1 deployed with 1 warning(s)' }).waitFor();
    await page.unroute('**/engine-rest/deployment/create');
    expect(body).toContain('filename="discount_check.bpmn"');
    expect(body).toContain('filename="limits.dmn"');
    expect(body).toContain('filename="legacy.dmn"');
    expect(body).toContain('<decision id="order_size" name="Order size"');
    expect(body.match(/filename="/g)).toHaveLength(3);
    const deployed = await page.evaluate(async () => {
      const res = await fetch('/engine-rest/decision-definition?sortBy=key&sortOrder=asc', { headers: { accept: 'application/json' } });
      return ((await res.json()) as { key: string; version: number }[]).map((d) => `${d.key} v${d.version}`);
    });
    // beside the reference processes' tables the service deploys at start
    expect(deployed.filter((d) => ['approval_limit', 'legacy_grade', 'order_size'].some((key) => d.startsWith(`${key} `)))).toEqual(['approval_limit v1', 'legacy_grade v1', 'order_size v1']);

    // the test panel on the deployed decision: 600 doubled is over 1000, so the first rule matches
    await page.click('[data-testid="diagram-tabs"] [data-tab="limits.dmn"]');
    await page.locator('[data-testid="dmn-editor"][data-file="limits.dmn"][data-ready="true"]').waitFor();
    await page.click('[data-testid="dmn-views"] button[data-view-id="order_size"]');
    await page.locator('[data-testid="dmn-editor"][data-view="decisionTable"]').waitFor();
    const test = page.locator('[data-testid="dmn-test"]');
    const input = test.locator('.dmn-test-input[data-input-id="doubled"]');
    await input.locator('select').selectOption('Double');
    await input.locator('input[aria-label="Value of Twice the amount"]').fill('600');
    await test.locator('[data-testid="dmn-evaluate"]').click();
    await test.locator('[data-testid="dmn-matched-rules"]', { hasText: 'big' }).waitFor();
    expect(await test.textContent()).toContain('big');
  });
});

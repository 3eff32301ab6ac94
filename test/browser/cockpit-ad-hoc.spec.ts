import type { Browser } from 'playwright-core';
import { bpmn } from '../../engine/testing/bpmn-fixture.js';
import { describeBrowser, launchChromium } from './support/chromium.js';
import { deployXml, rest } from './support/rest.js';
import { signIn } from './support/session.js';
import { ensureWebAppBuilt, startWebApp, type WebApp } from './support/web-app.js';

const serviceCase = bpmn('cockpit_service_case', `
  <startEvent id="start"/>
  <adHocSubProcess id="case" name="Work the case">
    <userTask id="call" name="Call the customer"/>
    <userTask id="visit" name="Visit on site"/>
    <completionCondition xsi:type="tFormalExpression">\${resolved}</completionCondition>
  </adHocSubProcess>
  <endEvent id="end"/>
  <sequenceFlow id="f1" sourceRef="start" targetRef="case"/>
  <sequenceFlow id="f2" sourceRef="case" targetRef="end"/>`);

interface Task { taskDefinitionKey: string }

/** The cockpit's instance page lists what may be started in a running ad-hoc sub-process; those who work on tasks start it there. */
describeBrowser('cockpit: ad-hoc sub-processes', () => {
  let web: WebApp;
  let browser: Browser;
  let instanceId = '';

  beforeAll(async () => {
    ensureWebAppBuilt();
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    await deployXml(web, 'cockpit_service_case', serviceCase);
    instanceId = (await rest<{ id: string }>(web, 'POST', '/process-definition/key/cockpit_service_case/start', { variables: { resolved: { value: false, type: 'Boolean' } } })).id;
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('an admin starts an enabled activity from the instance page; ops see the list without Start buttons', async () => {
    const { page } = await signIn(browser, web.url, 'admin');
    await page.goto(`${web.url}/cockpit/instance?id=${instanceId}`);
    const panel = page.locator('[data-testid="adhoc-panel"]');
    await panel.waitFor();
    expect(await panel.locator('li').allTextContents()).toEqual([expect.stringContaining('Call the customer'), expect.stringContaining('Visit on site')]);

    await panel.locator('[data-testid="adhoc-start-visit"]').click();
    await page.locator('[data-testid="instance-message"]', { hasText: 'Ad-hoc: started Visit on site in Work the case' }).waitFor();
    await page.locator('[data-testid="activity-tree"]', { hasText: 'Visit on site' }).waitFor();
    expect((await rest<Task[]>(web, 'GET', `/task?processInstanceId=${instanceId}`)).map((t) => t.taskDefinitionKey)).toEqual(['visit']);

    const ops = (await signIn(browser, web.url, 'ops')).page;
    await ops.goto(`${web.url}/cockpit/instance?id=${instanceId}`);
    await ops.locator('[data-testid="adhoc-panel"]', { hasText: 'operations move tokens instead' }).waitFor();
    expect(await ops.locator('[data-testid^="adhoc-start-"]').count()).toBe(0);
  });
});

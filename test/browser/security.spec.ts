import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { allowProblem, allowProblemsOnPage } from './support/browser-problems.js';
import { describeBrowser, launchChromium } from './support/chromium.js';
import { rest } from './support/rest.js';
import { screenshot } from './support/screenshots.js';
import { signIn } from './support/session.js';
import { ensureWebAppBuilt, startWebApp, type WebApp } from './support/web-app.js';


const FORGED = 'Forged';

/**
 * A page of another site that tries what a page can do without the CRM's consent: simple
 * cross-site requests with the browser's cookies (text/plain, a form encoding, a sign-in as
 * someone else) and a JSON one (which needs a CORS preflight the server never grants).
 * On another port of 127.0.0.1 it is another origin but the same site: SameSite=Lax cookies go along.
 */
function attackPage(target: string, otherEmail: string, otherPassword: string): string {
  const company = JSON.stringify({ name: `${FORGED} text`, type: 'client', primaryContact: { fullName: 'Mallory' } });
  return `<!doctype html><html><body><p id="state">sending</p><script>
    const target = ${JSON.stringify(target)};
    const simple = (path, type, body) => fetch(target + path, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': type }, body });
    Promise.allSettled([
      simple('/api/companies', 'text/plain', ${JSON.stringify(company)}),
      simple('/api/companies', 'application/x-www-form-urlencoded', 'name=${FORGED}%20form&type=client'),
      simple('/api/session', 'text/plain', ${JSON.stringify(JSON.stringify({ email: otherEmail, password: otherPassword }))}),
      fetch(target + '/api/companies', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: ${JSON.stringify(company.replace('text', 'json'))} }),
    ]).then(() => { document.getElementById('state').textContent = 'sent'; });
  </script>
  <form id="form" method="post" action="${target}/api/companies" enctype="text/plain"><input name="name" value="${FORGED} top-level form"></form>
  </body></html>`;
}

describeBrowser('web app: browser safety', () => {
  let web: WebApp;
  let browser: Browser;
  let attacker: Server | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    ensureWebAppBuilt();
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
  });

  afterEach(async () => {
    await page?.close();
    page = undefined;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => (attacker ? attacker.close(() => resolve()) : resolve()));
    await browser?.close();
    await web?.close();
  });

  const companyCount = async (q: string) => ((await (await fetch(`${web.url}/api/companies?q=${encodeURIComponent(q)}`, { headers: web.adminAuth })).json()) as { total: number }).total;

  it('shows the API documentation at /docs under the same Content Security Policy', async () => {
    page = await browser.newPage();
    await page.goto(`${web.url}/docs`);
    await page.locator('.swagger-ui .info .title', { hasText: 'CRM BPMN engine' }).waitFor();
    await page.locator('.opblock-tag', { hasText: 'Deployment' }).first().waitFor();
    await screenshot(page, 'docs');
  });

  it('changes nothing when another site makes the signed-in browser post to the CRM', async () => {
    const signedIn = await signIn(browser, web.url, 'admin');
    page = signedIn.page;
    const demo = (await (await fetch(`${web.url}/api/session/demo`)).json()) as { password: string; users: { id: string; email: string }[] };
    const other = demo.users.find((u) => u.id !== signedIn.userId)!;
    attacker = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(attackPage(web.url, other.email, demo.password));
    });
    await new Promise<void>((resolve) => attacker!.listen(0, '127.0.0.1', resolve));
    const attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
    allowProblemsOnPage({ pageUrl: attackerUrl, reason: "the other site's page: the browser and the server refuse what it sends, which is the point" });
    allowProblem({ status: 403, method: 'POST', path: '/api/companies', reason: "the other site's top-level form post, refused by the server" });
    await page.goto(attackerUrl);
    await page.locator('#state', { hasText: 'sent' }).waitFor();
    await Promise.all([page.waitForURL(`${web.url}/api/companies`), page.locator('#form').evaluate((form) => (form as unknown as { submit(): void }).submit())]);
    expect(await page.locator('body').textContent()).toContain('Refused a cross-site POST request: the browser says another site sent it');
    expect(await companyCount(FORGED)).toBe(0);
    // back on the app: still signed in as themselves, and the app's own requests go through
    await page.goto(`${web.url}/designer`);
    const session = await page.evaluate(async () => ((await (await fetch('/api/session')).json()) as { id: string }).id);
    expect(session).toBe(signedIn.userId);
    const status = await page.evaluate(async () => (await fetch('/api/companies', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Genuine from the app', type: 'client', primaryContact: { fullName: 'Gina Genuine' } }),
    })).status);
    expect(status).toBe(201);
    expect(await companyCount('Genuine from the app')).toBe(1);
  });

  it("keeps the designer's Download .bpmn working under the policy", async () => {
    ({ page } = await signIn(browser, web.url, 'analyst'));
    await page.goto(`${web.url}/designer`);
    await page.locator('.djs-container').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .bpmn' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.bpmn$/);
  });

  it('downloads a deployed file instead of showing it as a page of ours', async () => {
    const probe = `probe-${Date.now()}`;
    const form = new FormData();
    form.set('deployment-name', 'scripted');
    form.append('data', new Blob([`<html xmlns="http://www.w3.org/1999/xhtml"><body><script>fetch('/engine-rest/${probe}')</script></body></html>`]), 'scripted.xhtml');
    const deployed = (await (await fetch(`${web.url}/engine-rest/deployment/create`, { method: 'POST', body: form, headers: web.adminAuth })).json()) as { id: string };
    const [resource] = await rest<{ id: string }[]>(web, 'GET', `/deployment/${deployed.id}/resources`);
    ({ page } = await signIn(browser, web.url, 'admin'));
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.goto(`${web.url}/engine-rest/deployment/${deployed.id}/resources/${resource!.id}/data`).catch(() => null),
    ]);
    expect(download.suggestedFilename()).toBe('scripted.xhtml');
    expect(requested.filter((url) => url.includes(probe))).toEqual([]);
  });
});

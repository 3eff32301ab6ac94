import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { allowProblem, allowProblemsOnPage, expectQuietBrowser } from './support/browser-problems.js';
import { describeBrowser, launchChromium } from './support/chromium.js';


/** a page that does what the shared support must catch: a console error, an exception, a 404, a refused connection */
const NOISY = `<!doctype html><html><body><p id="state">loading</p><script>
  const step = new URLSearchParams(location.search).get('do');
  const done = () => { document.getElementById('state').textContent = 'done'; };
  if (step === 'console') { console.error('something broke'); done(); }
  if (step === 'throw') { setTimeout(done, 50); throw new Error('uncaught on purpose'); }
  if (step === 'missing') fetch('/missing').then(done);
  if (step === 'refused') fetch('http://127.0.0.1:9/').catch(done);
  if (step === 'quiet') done();
</script></body></html>`;

/** The shared browser support fails a test whose page logged an error or saw a failed request. */
describeBrowser('browser specs: a quiet console', () => {
  let server: Server;
  let url = '';
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url?.startsWith('/missing')) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'text/html' }).end(NOISY);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launchChromium();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  async function visit(step: string): Promise<void> {
    await page.goto(`${url}?do=${step}`);
    await page.locator('#state', { hasText: 'done' }).waitFor();
  }

  it.each([
    ['console', /console error: something broke/],
    ['throw', /uncaught: Error: uncaught on purpose/],
    ['missing', /404 GET http:\/\/127\.0\.0\.1:\d+\/missing/],
    ['refused', /request failed \(net::ERR_[A-Z_]+\): GET http:\/\/127\.0\.0\.1:9\//],
  ])('fails a test whose page reports %s', async (step, report) => {
    await visit(step);
    expect(expectQuietBrowser).toThrow(report);
  });

  it('passes a quiet page', async () => {
    await visit('quiet');
    expect(expectQuietBrowser).not.toThrow();
  });

  it('lets a test provoke an error answer it names with a reason, and nothing else', async () => {
    allowProblem({ status: 404, method: 'GET', path: '/missing', reason: 'the page asks for what is not there on purpose' });
    await visit('missing');
    expect(expectQuietBrowser).not.toThrow();
    // the allowance ended with the check
    await visit('missing');
    expect(expectQuietBrowser).toThrow(/404 GET/);
  });

  it("lets a test serve another site's page whose problems are the point, and only for that test", async () => {
    allowProblemsOnPage({ pageUrl: url, reason: 'a page that misbehaves on purpose' });
    await visit('console');
    expect(expectQuietBrowser).not.toThrow();
    await visit('console');
    expect(expectQuietBrowser).toThrow(/something broke/);
  });
});

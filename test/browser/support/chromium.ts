import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { isCi } from '../../support/test-database.js';
import { expectQuietBrowser, watchBrowserProblems } from './browser-problems.js';
import { expectNoCspViolations, watchContentSecurityPolicy } from './csp-watch.js';
import { useLoadedMachineTimeouts } from './timeouts.js';

/** Debian's Chromium (apt-get install -y chromium); playwright-core never downloads a browser here. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function chromiumMissingReason(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `Chromium not found at ${CHROMIUM_PATH}: install it with 'apt-get install -y chromium' (CI: listed in .ci/apt-packages) or set CHROMIUM_PATH`;
}

/**
 * `describe` for browser specs: without Chromium they fail under CI=true and are skipped, with the
 * reason printed, elsewhere. A test during which a page violated the Content Security Policy, logged
 * a console error, threw, got an answer of 400 or more or saw a request fail fails (see browser-problems.ts).
 */
export function describeBrowser(name: string, body: () => void): void {
  const missing = chromiumMissingReason();
  if (missing && !isCi()) {
    process.stdout.write(`browser specs skipped: ${missing}\n`);
    describe.skip(name, body);
    return;
  }
  describe(name, () => {
    afterEach(expectNoCspViolations);
    afterEach(expectQuietBrowser);
    body();
  });
}

export async function launchChromium(): Promise<Browser> {
  const missing = chromiumMissingReason();
  if (missing) throw new Error(missing);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
  watchContexts(browser);
  useLoadedMachineTimeouts(browser);
  return browser;
}

/** every context of the browser is watched (browser.newPage() makes its context through newContext as well) */
function watchContexts(browser: Browser): void {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await watchContentSecurityPolicy(context);
    watchBrowserProblems(context);
    return context;
  };
}

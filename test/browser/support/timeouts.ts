import type { Browser } from 'playwright-core';

/** what a page may take to load or an element to appear on a loaded 2-core machine (Playwright's own default: 30 s) */
export const PAGE_TIMEOUT_MS = 60_000;

/** gives every context of the browser (browser.newPage() makes one too) the longer default timeouts */
export function useLoadedMachineTimeouts(browser: Browser): void {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultTimeout(PAGE_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(PAGE_TIMEOUT_MS);
    return context;
  };
}

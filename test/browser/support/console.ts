import type { Page } from 'playwright-core';

/** The page's console errors and uncaught exceptions, as they happen (a 4xx the page expects shows up too: clear it then). */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.stack ?? error.message}`));
  return errors;
}

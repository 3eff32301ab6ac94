import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const RESULTS = join(ROOT, 'test-results', 'browser');

/** A screenshot of the page under test-results/browser/<name>.png (gitignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** copies a screenshot to docs/screenshots for the README (only when asked: UPDATE_SCREENSHOTS=1) */
export function publishScreenshot(path: string, name: string): void {
  if (process.env['UPDATE_SCREENSHOTS'] !== '1') return;
  const target = join(ROOT, 'docs', 'screenshots');
  mkdirSync(target, { recursive: true });
  copyFileSync(path, join(target, `${name}.png`));
}

import type { Browser, Page } from 'playwright-core';

export interface SignedIn {
  readonly page: Page;
  /** the CRM user id the page is signed in as */
  readonly userId: string;
}

/** A page signed in through the login page as the first (non-head) demo user of a role. */
export async function signIn(browser: Browser, baseUrl: string, role: 'analyst' | 'manager' | 'ops' | 'admin'): Promise<SignedIn> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => process.stdout.write(`[browser ${role}] ${error.message}\n`));
  await page.goto(`${baseUrl}/login`);
  await page.locator(`.user-card[data-role="${role}"]`).first().waitFor();
  const plain = page.locator(`.user-card[data-role="${role}"][data-head="false"]`).first();
  const card = (await plain.count()) > 0 ? plain : page.locator(`.user-card[data-role="${role}"]`).first();
  const userId = (await card.getAttribute('data-user')) ?? '';
  await card.click();
  await page.waitForURL((url) => url.pathname !== '/login');
  return { page, userId };
}

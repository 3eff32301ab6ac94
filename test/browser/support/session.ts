import type { Browser, BrowserContext, Page } from 'playwright-core';

export type DemoRole = 'analyst' | 'manager' | 'head' | 'director' | 'ops' | 'admin';

export interface DemoUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: string;
}

export interface DemoAccounts {
  readonly password: string;
  readonly users: readonly DemoUser[];
}

export interface SignedIn {
  readonly page: Page;
  /** the CRM user id the page is signed in as */
  readonly userId: string;
  readonly user: DemoUser;
  readonly password: string;
}

/** the demo users and their password, as the login page gets them (public in demo mode) */
export async function demoAccounts(baseUrl: string): Promise<DemoAccounts> {
  const response = await fetch(`${baseUrl}/api/session/demo`);
  if (!response.ok) throw new Error(`GET /api/session/demo answered ${response.status}: is the demo data seeded?`);
  return (await response.json()) as DemoAccounts;
}

/** the first demo user (by name) with the role */
export async function demoUser(baseUrl: string, role: DemoRole): Promise<{ user: DemoUser; password: string }> {
  const accounts = await demoAccounts(baseUrl);
  const user = accounts.users.find((u) => u.role === role);
  if (!user) throw new Error(`Expected a demo user with the role ${role}`);
  return { user, password: accounts.password };
}

/** types email and password into the login form and signs in; waits until the app left the login */
export async function signInWithForm(page: Page, email: string, password: string): Promise<void> {
  await page.locator('[data-testid="sign-in-form"] input[name="email"]').fill(email);
  await page.locator('[data-testid="sign-in-form"] input[name="password"]').fill(password);
  await page.locator('[data-testid="sign-in-form"] input[name="password"]').press('Enter');
  await page.waitForURL((url) => url.pathname !== '/login', { timeout: 60_000 });
}

/** A page (in its own browser context: its own cookies) signed in through the login form as the first demo user of a role. */
export async function signIn(browser: Browser, baseUrl: string, role: DemoRole, context?: BrowserContext): Promise<SignedIn> {
  const { user, password } = await demoUser(baseUrl, role);
  const page = context ? await context.newPage() : await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => process.stdout.write(`[browser ${role}] ${error.message}\n`));
  await page.goto(`${baseUrl}/login`);
  await signInWithForm(page, user.email, password);
  return { page, userId: user.id, user, password };
}

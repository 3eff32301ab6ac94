import type { Browser, Page } from 'playwright-core';
import { describeBrowser, launchChromium } from './support/chromium.js';
import { api } from './support/rest.js';
import { screenshot } from './support/screenshots.js';
import { signIn } from './support/session.js';
import { ensureWebAppBuilt, startWebApp, type WebApp } from './support/web-app.js';

interface Company {
  id: string;
  contacts: { fullName: string }[];
}

/** The merge page (/crm/merge): a director finds a company's likely duplicate, sees both side by side, merges. */
describeBrowser('CRM merge page', () => {
  let web: WebApp;
  let browser: Browser;
  let director: Page;
  let kept: Company;
  let duplicate: Company;

  beforeAll(async () => {
    ensureWebAppBuilt();
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    ({ page: director } = await signIn(browser, web.url, 'director'));
    kept = await api<Company>(web, 'POST', '/api/companies', {
      name: 'Northwind Traders', type: 'client', city: 'Leeds', taxId: 'GB 123 4567 89', email: 'office@northwind.test', primaryContact: { fullName: 'Nora North' },
    });
    duplicate = await api<Company>(web, 'POST', '/api/companies?confirmDuplicate=true', {
      name: 'Northwind Traders Ltd', type: 'client', city: 'leeds', industry: 'Wholesale', phones: ['+44 113 496 0000'], primaryContact: { fullName: 'Ned North' },
    });
    await api(web, 'POST', '/api/deals', { title: 'Northwind warehouse', companyId: duplicate.id, amount: 12_000, currency: 'GBP' });
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('offers the likely duplicate, shows both companies side by side and merges them on confirm', async () => {
    await director.goto(`${web.url}/crm/merge?type=company&keep=${kept.id}`);
    const candidate = director.locator(`[data-testid="merge-candidates"] li[data-record-id="${duplicate.id}"]`);
    await candidate.locator('.duplicate-rule', { hasText: 'similar name' }).waitFor({ timeout: 60_000 });
    await candidate.locator('a').click();
    await director.waitForURL((url) => url.searchParams.get('duplicate') === duplicate.id);

    const table = director.locator('[data-testid="merge-table"]');
    await table.locator('[data-testid="merge-duplicate"]', { hasText: 'Northwind Traders Ltd' }).waitFor({ timeout: 60_000 });
    expect(await table.locator('[data-testid="merge-keep"]').textContent()).toBe('Keep: Northwind Traders');
    expect(await table.locator('tr[data-field="taxId"] td').allInnerTexts()).toEqual(['GB123456789', '—']);
    expect(await table.locator('tr[data-field="industry"]').getAttribute('class')).toBe('differs');
    expect(await table.locator('[data-testid="duplicate-contacts"]').innerText()).toBe('Ned North');
    // a value the duplicate has and the kept company lacks or differs in may be taken; one it lacks (tax id) may not
    expect(await table.locator('[data-testid="take-taxId"]').count()).toBe(0);
    expect(await table.locator('[data-testid="take-ownerId"]').count()).toBe(0);
    expect(await table.locator('[data-testid="take-email"]').count()).toBe(0);
    await table.locator('[data-testid="take-industry"]').selectOption('duplicate');
    // the kept company has no phone: both would be the duplicate's, so only "this one" is offered
    expect(await table.locator('[data-testid="take-phones"] option').allInnerTexts()).toEqual(['the kept one', 'this one']);
    await table.locator('[data-testid="take-phones"]').selectOption('duplicate');
    await screenshot(director, 'crm-merge-before');

    await director.click('[data-testid="merge"]');
    await director.locator('[data-testid="confirm-dialog"]', { hasText: 'This cannot be undone' }).waitFor();
    expect(await director.locator('[data-testid="merge-taken"]').innerText()).toBe('Northwind Traders takes phones, industry from Northwind Traders Ltd.');
    await director.click('[data-testid="confirm"]');
    const result = director.locator('[data-testid="merge-result"]');
    await result.waitFor({ timeout: 60_000 });
    expect(await result.innerText()).toContain('moved 1 contact, 1 deal');
    await table.locator('[data-testid="duplicate-archived"]', { hasText: 'merged into Northwind Traders' }).waitFor({ timeout: 60_000 });
    await table.locator('[data-testid="keep-contacts"]', { hasText: 'Ned North' }).waitFor({ timeout: 60_000 });
    expect(await table.locator('tr[data-field="industry"] td').first().innerText()).toBe('Wholesale');
    expect(await table.locator('tr[data-field="phones"] td').first().innerText()).toBe('+44 113 496 0000');
    expect(await table.locator('select').count()).toBe(0);
    expect(await director.locator('[data-testid="merge"]').count()).toBe(0);
    await screenshot(director, 'crm-merge-after');

    const after = await api<Company & { mergedInto: string }>(web, 'GET', `/api/companies/${duplicate.id}`);
    expect(after.mergedInto).toBe(kept.id);
    expect(await api<{ industry: string; taxId: string }>(web, 'GET', `/api/companies/${kept.id}`)).toMatchObject({ industry: 'Wholesale', taxId: 'GB123456789' });
  });
});

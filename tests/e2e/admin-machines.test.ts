import type { Browser, Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app';
import { launchBrowser, screenshotPath } from '../helpers/browser';

let app: TestApp;
let browser: Browser;
let page: Page;
let baseUrl: string;

beforeAll(async () => {
  app = await startApp('demo');
  baseUrl = await app.listen();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the admin panel, as staff use it', () => {
  it('greets staff in French and lets the seeded admin log in', async () => {
    await page.goto(`${baseUrl}/admin/auth/login`);
    await page.locator('input[name="email"]').fill('admin@seconde-vie.test');
    await page.locator('input[name="password"]').fill('SecondeVie-2012');
    await page.screenshot({ path: screenshotPath('admin-login') });
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60000 });
    expect(await page.evaluate(() => window.localStorage.getItem('strapi-admin-language'))).toBe('fr');
  });

  it('opens the machines list and sees the French column labels and the demo units', async () => {
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::machine.machine`);
    const headers = page.locator('thead th');
    await headers.filter({ hasText: 'Étiquette' }).first().waitFor({ timeout: 60000 });
    await page.locator('tbody tr').first().waitFor();
    const text = (await headers.allTextContents()).join(' | ');
    for (const label of ['Étiquette', 'Type', 'Marque', 'Modèle', 'Donateur', 'État']) expect(text).toContain(label);
    const body = await page.locator('tbody').innerText();
    expect(body).toMatch(/SV-0000\d\d/);
    // Enumeration values read in French, not as their API values.
    expect(body).toContain('Ordinateur fixe');
    expect(body).not.toMatch(/\bdesktop\b|grade_[abc]/);
    await page.screenshot({ path: screenshotPath('admin-machines-list'), fullPage: false });
  });

  it('lists the business types under their French names', async () => {
    const nav = await page.locator('nav').allInnerTexts();
    const text = nav.join(' ');
    for (const name of ['Donateur', 'Don (lot)', 'Machine', 'Prescripteur', 'Foyer']) expect(text).toContain(name);
  });
});

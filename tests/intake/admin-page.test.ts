import type { Browser, Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app';
import { launchBrowser, logInToAdmin, screenshotPath } from '../helpers/browser';
import { count, createDonation, csv, GLPI_FR_HEADERS, glpiRow } from './fixtures';

let app: TestApp;
let browser: Browser;
let page: Page;
let baseUrl: string;
let donation: string;

beforeAll(async () => {
  app = await startApp('base');
  ({ donation } = await createDonation(app, 'CAF du Finistère'));
  baseUrl = await app.listen();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await logInToAdmin(page, baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("the \"Import d'un parc\" page", () => {
  it("is offered from the donation's own page, with the donation already chosen", async () => {
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::donation.donation/${donation}`);
    const link = page.getByRole('link', { name: "Importer l'inventaire du donateur" });
    await link.waitFor({ timeout: 60000 });
    await link.click();
    await page.getByRole('heading', { name: "Import d'un parc" }).waitFor({ timeout: 60000 });
    expect(new URL(page.url()).searchParams.get('donation')).toBe(donation);
    const reference = (await app.sql.query('SELECT reference FROM donations WHERE document_id = $1', [donation])).rows[0].reference;
    await page.getByRole('combobox').filter({ hasText: reference }).waitFor({ timeout: 30000 });
    await page.screenshot({ path: screenshotPath('intake-page-from-donation') });
  });

  it('shows the rows in error of a dry run, with their spreadsheet row numbers', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => glpiRow(i + 1, 'CAF'));
    rows[6][10] = 'beaucoup';
    await page.goto(`${baseUrl}/admin/plugins/intake?donation=${donation}`);
    await page.getByRole('heading', { name: "Import d'un parc" }).waitFor({ timeout: 60000 });
    await page.locator('input[type="file"]').setInputFiles({ name: 'caf.csv', mimeType: 'text/csv', buffer: csv([GLPI_FR_HEADERS, ...rows]) });
    await page.getByRole('button', { name: "Lancer l'essai à blanc" }).click();
    const problems = page.getByRole('grid', { name: 'Problèmes, ligne par ligne' }).or(page.locator('table[aria-label="Problèmes, ligne par ligne"]'));
    await problems.waitFor({ timeout: 30000 });
    const text = await problems.innerText();
    expect(text).toContain('8');
    expect(text).toContain("ce n'est pas un nombre");
    expect(await page.locator('body').innerText()).toContain('Export GLPI (en-têtes français) · 30 ligne(s) · 29 prête(s) · 1 en erreur');
    await page.screenshot({ path: screenshotPath('intake-dry-run-problems'), fullPage: true });
  });

  it('imports a clean file after the dry run and shows the label codes given', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => glpiRow(i + 1, 'CAF'));
    await page.locator('input[type="file"]').setInputFiles({ name: 'caf.csv', mimeType: 'text/csv', buffer: csv([GLPI_FR_HEADERS, ...rows]) });
    await page.getByRole('button', { name: "Lancer l'essai à blanc" }).click();
    await page.getByText('Toutes les lignes sont prêtes à être importées.').waitFor({ timeout: 30000 });
    await page.getByRole('button', { name: 'Importer 30 machine(s)' }).click();
    const done = page.getByText(/30 machine\(s\) importée\(s\), étiquettes SV-\d{6} à SV-\d{6}\./);
    await done.waitFor({ timeout: 120000 });
    await page.screenshot({ path: screenshotPath('intake-import-done'), fullPage: true });
    expect(await count(app, 'SELECT count(*) FROM machines')).toBe(30);
  });
});

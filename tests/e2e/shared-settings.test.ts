import type { Browser, Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app';
import { launchBrowser, logInToAdmin, screenshotPath } from '../helpers/browser';

// The network's shared settings (docs/network.md) change only from the main workshop: the demo's
// Morlaix coordinator opens the three settings screens and finds them read-only, with the notice
// naming the main workshop, instead of an « Enregistrer » that would only answer 403.
const MORLAIX = { email: 'gwenaelle.morvan@morlaix.seconde-vie.test', password: 'SecondeVie-2012' };

let app: TestApp;
let browser: Browser;
let page: Page;
let baseUrl: string;
let notice: RegExp;

beforeAll(async () => {
  app = await startApp('demo');
  baseUrl = await app.listen();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'fr-FR' });
  await logInToAdmin(page, baseUrl, MORLAIX);
  const { rows: [main] } = await app.sql.query('SELECT name FROM workshops WHERE is_default');
  notice = new RegExp(`Réglage commun à tous les ateliers du réseau : seule l’équipe de l’atelier principal \\(${main.name}\\) peut le modifier\\.`);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the shared settings screens for another workshop’s coordinator', () => {
  it('show the notice and offer no save, on the workflow, the templates and the hourly rate', async () => {
    await page.goto(`${baseUrl}/admin/plugins/pipeline/settings`);
    await page.getByTestId('shared-settings-notice').waitFor({ timeout: 60000 });
    await expect(page.getByTestId('shared-settings-notice').innerText()).resolves.toMatch(notice);
    await expect(page.getByRole('button', { name: 'Enregistrer', exact: true }).isDisabled()).resolves.toBe(true);
    await expect(page.locator('input[name="label-testing"]').isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Ajouter un point' }).first().isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath('shared-settings-pipeline') });

    await page.goto(`${baseUrl}/admin/plugins/documents`);
    await page.getByTestId('shared-settings-notice').waitFor({ timeout: 60000 });
    await expect(page.getByTestId('shared-settings-notice').innerText()).resolves.toMatch(notice);
    await expect(page.getByRole('button', { name: 'Enregistrer', exact: true }).isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Revenir au modèle par défaut' }).isDisabled()).resolves.toBe(true);
    await expect(page.locator('textarea[name="html"]').getAttribute('readonly')).resolves.not.toBeNull();
    // Reading and previewing stay open: the preview renders.
    await page.frameLocator('iframe[title="Aperçu"]').locator('h1').first().waitFor({ timeout: 60000 });
    await page.screenshot({ path: screenshotPath('shared-settings-templates') });

    await page.goto(`${baseUrl}/admin/plugins/reporting`);
    await page.getByRole('tab', { name: 'Bilan' }).click();
    await page.getByTestId('shared-settings-notice').waitFor({ timeout: 60000 });
    await expect(page.getByTestId('shared-settings-notice').innerText()).resolves.toMatch(notice);
    await expect(page.locator('input[name="volunteerHourlyRate"]').isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Enregistrer', exact: true }).isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath('shared-settings-hourly-rate') });

    // The public site's pages, on Strapi's own screens: read-only (condition « Atelier principal du réseau »).
    const { rows: [sitePage] } = await app.sql.query('SELECT document_id, title FROM site_pages ORDER BY id LIMIT 1');
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/plugin::site.page/${sitePage.document_id}`);
    await page.locator('input[name="title"]').waitFor({ timeout: 60000 });
    // Readable (its text shown), not writable.
    await expect(page.locator('input[name="title"]').inputValue()).resolves.toBe(sitePage.title);
    await expect(page.locator('input[name="title"]').isDisabled()).resolves.toBe(true);
    const save = page.getByRole('button', { name: 'Enregistrer', exact: true });
    await expect((await save.count()) === 0 || (await save.isDisabled())).toBe(true);
    await page.screenshot({ path: screenshotPath('shared-settings-site-page') });
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/plugin::site.page`);
    await page.getByText(sitePage.title).first().waitFor({ timeout: 60000 });
    await expect(page.getByRole('link', { name: /Créer une (nouvelle )?entrée/ }).count()).resolves.toBe(0);
  });
});

import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app';
import { launchBrowser, logInToAdmin, screenshotPath } from '../helpers/browser';
import { removeUploads } from './helpers/admin';
import { plain, readPdf } from './helpers/pdf';

let app: TestApp;
let browser: Browser;
let page: Page;
let baseUrl: string;

beforeAll(async () => {
  app = await startApp('demo');
  baseUrl = await app.listen();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  await logInToAdmin(page, baseUrl);
});

afterAll(async () => {
  await browser?.close();
  if (app) await removeUploads(app);
  await app?.stop();
});

describe('documents in the admin panel', () => {
  it('generates a partnership convention from its edit view and downloads the PDF', async () => {
    const convention = await app.strapi.db.query('api::convention.convention').findOne({ where: { kind: 'partnership' }, orderBy: { id: 'asc' } });
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::convention.convention/${convention.documentId}`);
    const generate = page.getByRole('button', { name: 'Générer un document' });
    await generate.waitFor({ timeout: 60000 });
    await expect(page.getByText('Aucun document émis pour cette fiche.').isVisible()).resolves.toBe(true);
    await generate.click();
    const link = page.getByText(/^Télécharger CNV-\d{4}-\d{6}$/);
    await link.waitFor({ timeout: 60000 });
    await page.screenshot({ path: screenshotPath('documents-convention-generated') });
    const number = (await link.innerText()).replace('Télécharger ', '');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`${number}.pdf`);
    const pdf = await readPdf(fs.readFileSync(await download.path()));
    const text = plain(pdf.text);
    expect(text).toContain('Convention de partenariat');
    expect(text).toContain(convention.number);
    expect(text).toContain(number);
  });

  it('edits a template in the templates page and sees the preview change as it types', async () => {
    await page.goto(`${baseUrl}/admin/plugins/documents`);
    await page.getByRole('heading', { name: 'Modèles de documents' }).waitFor({ timeout: 60000 });
    const preview = page.frameLocator('iframe[title="Aperçu"]');
    await preview.locator('h1').first().waitFor({ timeout: 60000 });
    const before = await preview.locator('h1').first().innerText();
    const editor = page.locator('textarea[name="html"]');
    await editor.fill('<h1>Titre modifié par l’atelier</h1><p>{{document.number}}</p>');
    await expect(preview.locator('h1').filter({ hasText: 'Titre modifié par l’atelier' }).waitFor({ timeout: 30000 })).resolves.toBeUndefined();
    expect(before).not.toBe('Titre modifié par l’atelier');
    await page.screenshot({ path: screenshotPath('documents-template-editor') });
  });
});

import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { startApp, type TestApp } from '../helpers/app';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp';
import { launchBrowser, logInToAdmin, screenshotPath } from '../helpers/browser';
import { removeUploads } from './helpers/admin';
import { plain, readPdf } from './helpers/pdf';

let app: TestApp;
let browser: Browser;
let page: Page;
let baseUrl: string;
let smtp: SmtpCapture;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_PORT = String(smtp.port);
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
  await smtp?.stop();
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
    await page.getByTestId('template-unsaved').waitFor();
    await page.screenshot({ path: screenshotPath('documents-template-editor') });

    // Leaving with unsaved changes asks first; staying keeps the text, leaving drops it unsaved.
    await page.getByRole('link', { name: /Gestionnaire de contenu|Contenu/ }).first().click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('a des modifications non enregistrées').waitFor();
    await page.screenshot({ path: screenshotPath('documents-template-leave') });
    await dialog.getByRole('button', { name: 'Continuer l’édition' }).click();
    await expect(editor.inputValue()).resolves.toContain('Titre modifié par l’atelier');
    expect(new URL(page.url()).pathname).toBe('/admin/plugins/documents');
    await page.getByRole('link', { name: /Gestionnaire de contenu|Contenu/ }).first().click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Abandonner les modifications' }).click();
    await page.waitForURL((url) => url.pathname.includes('/content-manager'));
    const { rows } = await app.sql.query("SELECT count(*)::int AS n FROM documents_templates WHERE html LIKE '%Titre modifié par l’atelier%'");
    expect(rows[0].n).toBe(0);
  });

  it('sends an issued convention by e-mail from the edit view, to the donor contact prefilled', async () => {
    const convention = await app.strapi.db.query('api::convention.convention').findOne({ where: { kind: 'partnership' }, orderBy: { id: 'asc' }, populate: { donor: { populate: { contacts: true } } } });
    const contact = convention.donor.contacts[0].email as string;
    const issued = await app.strapi.db.query('plugin::documents.generated-document').findOne({ where: { targetDocumentId: convention.documentId } });
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::convention.convention/${convention.documentId}`);
    await page.getByRole('button', { name: 'Envoyer par e-mail' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`Envoyer ${issued.number} par e-mail`).waitFor({ timeout: 30000 });
    await page.waitForFunction((email) => Array.from(document.querySelectorAll('input[name="to"]')).some((i) => (i as HTMLInputElement).value === email), contact, { timeout: 30000 });
    await dialog.locator('textarea[name="message"]').fill('Bonjour, voici la convention pour signature.');
    await page.screenshot({ path: screenshotPath('documents-send-dialog') });
    await dialog.getByRole('button', { name: 'Envoyer', exact: true }).click();
    const mail = await smtp.waitFor((m) => m.to.includes(contact), 60000);
    expect(crypto.createHash('sha256').update(mail.parsed.attachments[0].content).digest('hex')).toBe(issued.sha256);
    await page.getByText(`Envoyé à ${contact} le`).waitFor({ timeout: 30000 });
    await page.screenshot({ path: screenshotPath('documents-send-recorded') });
  });

  it('generates a donation’s per-unit certificates with a progress bar, then offers them as one ZIP', async () => {
    const donation = await app.strapi.db.query('api::donation.donation').findOne({ where: { donor: { name: { $contains: 'UBO' } } }, populate: { machines: true } });
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::donation.donation/${donation.documentId}`);
    const start = page.getByRole('button', { name: 'Attestations par unité (lot)' });
    await start.waitFor({ timeout: 60000 });
    await start.click();
    await page.getByRole('progressbar').waitFor({ timeout: 30000 });
    await page.getByText(new RegExp(`^[1-9]\\d* / ${donation.machines.length} unités traitées`)).waitFor({ timeout: 60000 });
    expect(Number(await page.getByRole('progressbar').getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('documents-batch-progress') });
    const link = page.getByText(/^Télécharger les \d+ attestations \(ZIP\)$/);
    await link.waitFor({ timeout: 170000 });
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    await page.screenshot({ path: screenshotPath('documents-batch-done') });
    const count = Number((await link.innerText()).match(/\d+/)![0]);
    expect(count).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const listing = execFileSync('unzip', ['-l', await download.path()]).toString();
    expect(listing.match(/ATT-\d{4}-\d{6}\.pdf/g)).toHaveLength(count);
  });
});

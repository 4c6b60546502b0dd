import type { Browser, Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app';
import { staffToken } from '../helpers/admin';
import { chooseOption, launchBrowser, logInToAdmin, screenshotPath } from '../helpers/browser';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp';

// A coordinator creates and sends a campaign to every collège from « Campagnes »; the e-mails
// arrive at a real SMTP server on loopback.
let app: TestApp;
let smtp: SmtpCapture;
let browser: Browser;
let page: Page;
let baseUrl: string;
const COORDINATOR = { email: 'coordination-e2e@atelier.test', password: 'Mot-de-passe-2012' };

beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(smtp.port);
  process.env.OUTREACH_SEND_PER_MINUTE = '120';
  app = await startApp('demo');
  await staffToken(app, 'seconde-vie-coordination', COORDINATOR.email);
  baseUrl = await app.listen();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await logInToAdmin(page, baseUrl, COORDINATOR);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await smtp?.stop();
});

describe('outreach campaigns in the admin', () => {
  it('lists the demo campaign to the collèges, still unanswered and due a reminder', async () => {
    await page.goto(`${baseUrl}/admin/plugins/outreach`);
    const row = page.getByRole('row').filter({ hasText: "Courrier d'information aux collèges de Brest" });
    await row.waitFor({ timeout: 60000 });
    await expect(row.getByRole('gridcell').nth(6).textContent()).resolves.toBe('4');
    await page.screenshot({ path: screenshotPath('outreach-campaigns'), fullPage: true });
  });

  it('creates a campaign to every collège, previews it and sends it after a confirmation naming the count', async () => {
    await page.getByRole('link', { name: 'Nouvelle campagne' }).first().click();
    await page.getByLabel('Nom de la campagne').fill('Rentrée 2012 : services sociaux des collèges');
    await chooseOption(page, page.getByRole('combobox', { name: 'Types de structure' }), 'Collège');
    await page.keyboard.press('Escape');
    await page.getByTestId('audience-count').filter({ hasText: '4 structures : 4 avec une adresse e-mail' }).waitFor();
    await chooseOption(page, page.getByRole('combobox', { name: 'Structure de l’aperçu' }), 'Collège de Kerhallet');
    await page.getByRole('button', { name: 'Aperçu', exact: true }).click();
    const preview = page.getByTestId('message-preview');
    await preview.waitFor();
    await expect(preview.textContent()).resolves.toContain('Des ordinateurs pour les familles : Collège de Kerhallet');
    await page.screenshot({ path: screenshotPath('outreach-campaign-form'), fullPage: true });

    await page.getByRole('button', { name: 'Envoyer…' }).click();
    await expect(page.getByTestId('send-confirmation').textContent()).resolves.toBe('4 e-mails seront envoyés.');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Envoyer' }).click();
    await page.getByTestId('send-progress').filter({ hasText: '4 / 4 e-mails traités (0 en échec)' }).waitFor({ timeout: 30000 });
    await page.getByText('Envoyée', { exact: true }).first().waitFor();
    const subjects = smtp.messages.map((m) => m.parsed.subject).sort();
    expect(subjects).toEqual(
      ["Collège de Kerhallet", "Collège de l'Harteloire", "Collège des Quatre Moulins", "Collège Penn ar C'hleuz"].map((n) => `Des ordinateurs pour les familles : ${n}`).sort(),
    );
  });

  it("records a collège's answer inline", async () => {
    await chooseOption(page, page.getByRole('combobox', { name: 'Réponse de Collège de Kerhallet' }), 'Rendez-vous pris');
    await page.getByText('Collège de Kerhallet : Rendez-vous pris.').waitFor();
    const { rows } = await app.sql.query("SELECT outcome FROM sv_outreach_recipients WHERE name = 'Collège de Kerhallet' AND delivery = 'sent'");
    expect(rows).toEqual([{ outcome: 'meeting_set' }]);
    await page.screenshot({ path: screenshotPath('outreach-campaign-sent'), fullPage: true });
  });
});

describe('reminders in the admin', () => {
  it('reminds the collèges written to in 2011 after a confirmation', async () => {
    await page.goto(`${baseUrl}/admin/plugins/outreach`);
    await page.getByRole('row').filter({ hasText: "Courrier d'information aux collèges de Brest" }).click();
    await page.getByRole('button', { name: 'Relancer (4)' }).click();
    await page.getByRole('alertdialog').getByText('4 structures n’ont pas répondu depuis 60 jours.', { exact: false }).waitFor();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Relancer' }).click();
    await page.getByText('4 relances par e-mail en cours d’envoi', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Relancer (0)' }).waitFor();
    for (let i = 0; i < 100 && smtp.messages.filter((m) => String(m.parsed.subject).startsWith('Relance : ')).length < 4; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(smtp.messages.filter((m) => String(m.parsed.subject).startsWith('Relance : '))).toHaveLength(4);
  });
});

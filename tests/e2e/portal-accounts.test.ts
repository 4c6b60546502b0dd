import type { Browser, Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app';
import { launchBrowser, logInToAdmin, screenshotPath } from '../helpers/browser';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp';

let app: TestApp;
let smtp: SmtpCapture;
let browser: Browser;
let page: Page;
let baseUrl: string;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_PORT = String(smtp.port);
  app = await startApp('demo');
  baseUrl = await app.listen();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await logInToAdmin(page, baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await smtp?.stop();
});

describe('staff open a portal account from a prescriber record', () => {
  it('invites a social worker from the CCAS record, who receives the e-mail', async () => {
    const { rows } = await app.sql.query(`SELECT document_id FROM prescribers WHERE name = 'CCAS de Brest'`);
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::prescriber.prescriber/${rows[0].document_id}`);
    const panel = page.getByTestId('portal-accounts-panel');
    await panel.waitFor({ timeout: 60000 });
    await panel.getByText('Aucun compte pour cette structure.').waitFor();
    await panel.locator('input[name="portal-email"]').fill('travailleuse.sociale@ccas-brest.test');
    await panel.getByRole('button', { name: 'Créer le compte et envoyer l’invitation' }).click();
    await page.getByText('Invitation envoyée à travailleuse.sociale@ccas-brest.test.').waitFor({ timeout: 30000 });
    await panel.getByText(/travailleuse\.sociale@ccas-brest\.test — invité/).waitFor();
    await page.screenshot({ path: screenshotPath('portal-accounts-panel') });
    const mail = await smtp.waitFor((m) => m.to.includes('travailleuse.sociale@ccas-brest.test'));
    expect(mail.parsed.text).toContain('CCAS de Brest');
    expect(mail.parsed.text).toMatch(/\/portail\/invitation#jeton=/);
  });
});

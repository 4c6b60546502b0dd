import type { Browser, Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app';
import { launchBrowser, logInToAdmin, screenshotPath } from '../helpers/browser';

let app: TestApp;
let browser: Browser;
let page: Page;
let baseUrl: string;

beforeAll(async () => {
  app = await startApp('base');
  baseUrl = await app.listen();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await logInToAdmin(page, baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("a household's personal data in the admin", () => {
  it('shows the retention date and erases the household on request, with a reason', async () => {
    const h = await app.strapi.documents('api::household.household').create({ data: { referenceName: 'Famille Playwright', commune: 'Landerneau', phone: '02 98 11 22 33' } });
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::household.household/${h.documentId}`);
    const panel = page.getByTestId('privacy-panel');
    await panel.waitFor({ timeout: 60000 });
    await panel.getByText(/anonymisation automatique le .* \(24 mois\)/).waitFor();
    await page.getByRole('button', { name: 'Effacer (anonymiser)…' }).click();
    const confirm = page.getByRole('button', { name: 'Anonymiser définitivement' });
    await expect(confirm.isDisabled()).resolves.toBe(true);
    await page.getByRole('alertdialog').locator('textarea').fill('Demande écrite reçue le 12 mars');
    await page.screenshot({ path: screenshotPath('privacy-erase-dialog') });
    await confirm.click();
    await page.getByText('Foyer anonymisé. Rechargez la page pour voir la fiche.').waitFor();
    await panel.getByText(/Anonymisé le/).waitFor();
    const { rows } = await app.sql.query('SELECT reference_name, phone FROM households WHERE document_id = $1', [h.documentId]);
    expect(rows[0]).toEqual({ reference_name: 'Foyer anonymisé', phone: null });
    const log = await app.sql.query(`SELECT action, details->>'reason' AS reason FROM sv_privacy_access_log WHERE household_document_ids @> $1::jsonb ORDER BY id`, [JSON.stringify([h.documentId])]);
    expect(log.rows.map((r) => r.action)).toContain('read');
    expect(log.rows.find((r) => r.action === 'anonymise')?.reason).toBe('Demande écrite reçue le 12 mars');
    await page.reload();
    await panel.waitFor({ timeout: 60000 });
    await page.screenshot({ path: screenshotPath('privacy-household-anonymised') });
  });
});

import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { removeUploads } from '../documents/helpers/admin';
import { startApp, type TestApp } from '../helpers/app';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { PORTAL_PASSWORD, portalAccount } from '../helpers/portal';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp';
import { buildWorld, NAMES, type PortalWorld } from '../portal/fixtures';

const run = promisify(execFile);
let app: TestApp;
let browser: Browser;
let baseUrl: string;
let world: PortalWorld;
let smtp: SmtpCapture;

async function logIn(email: string, width = 1280, password = PORTAL_PASSWORD): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/portail/`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  return page;
}

beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(smtp.port);
  app = await startApp('base');
  baseUrl = await app.listen();
  world = await buildWorld(app);
  await portalAccount(app, 'prescriber', world.prescriberA.documentId, 'referente@alpha.test');
  await portalAccount(app, 'prescriber', world.prescriberExpired.documentId, 'cpe@gamma.test');
  await portalAccount(app, 'donor', world.donorX.documentId, 'dsi@xeres.test');
  browser = await launchBrowser();
});

afterAll(async () => {
  if (app) await removeUploads(app);
  await browser?.close();
  await app?.stop();
  await smtp?.stop();
});

describe('the prescribers’ portal', () => {
  it('a prescriber logs in, files a prescription for a household and sees it listed as « Reçue »', async () => {
    const page = await logIn('referente@alpha.test', 375);
    await page.getByRole('heading', { name: NAMES.A }).waitFor({ timeout: 30000 });
    await page.getByRole('button', { name: 'Déposer une prescription' }).click();
    await page.getByLabel('Nom de référence du foyer').fill('Foyer K.');
    await page.getByLabel('Commune').fill('Guipavas');
    await page.getByLabel('Enfants au collège').fill('2');
    await page.getByLabel('Ordinateur portable').check();
    await page.getByLabel('Webcam').check();
    await page.getByRole('button', { name: 'Déposer la prescription' }).click();
    // Without the household's consent, nothing is filed and the form says why.
    await page.getByRole('alert').getByText('Le consentement du foyer au traitement de ses données est nécessaire.').waitFor();
    await page.getByLabel(/Le foyer a donné son accord/).check();
    await page.screenshot({ path: screenshotPath('portal-prescriber-filing-375'), fullPage: true });
    await page.getByRole('button', { name: 'Déposer la prescription' }).click();
    await page.getByText(/Prescription PR-\d{4}-\d+ déposée/).first().waitFor();
    const { rows } = await app.sql.query(
      `SELECT p.number, p.pipeline_stage, h.reference_name, h.commune FROM prescriptions p
         JOIN prescriptions_household_lnk l ON l.prescription_id = p.id JOIN households h ON h.id = l.household_id
        WHERE h.reference_name = 'Foyer K.'`
    );
    expect(rows).toEqual([{ number: expect.stringMatching(/^PR-/), pipeline_stage: 'received', reference_name: 'Foyer K.', commune: 'Guipavas' }]);
    const card = page.locator(`details[data-number="${rows[0].number}"]`);
    await expect(card.locator('.stage').textContent()).resolves.toBe('Reçue');
    await page.screenshot({ path: screenshotPath('portal-prescriber-list-375'), fullPage: true });
    // The other structure's prescriptions are not listed.
    await expect(page.getByText(NAMES.householdB).count()).resolves.toBe(0);
  });

  it('a prescriber whose membership convention expired cannot file, and is told why', async () => {
    const page = await logIn('cpe@gamma.test');
    await page.getByRole('heading', { name: NAMES.expired }).waitFor({ timeout: 30000 });
    await expect(page.getByTestId('cannot-file').textContent()).resolves.toMatch(/convention d'adhésion de votre structure n'est pas signée ou n'est plus valide/);
    await expect(page.getByRole('button', { name: 'Déposer une prescription' }).count()).resolves.toBe(0);
    await page.screenshot({ path: screenshotPath('portal-prescriber-expired'), fullPage: true });
  });
});

describe('a forgotten password', () => {
  it('is replaced through the e-mailed link, in French, and the new one opens the portal', async () => {
    await portalAccount(app, 'prescriber', world.prescriberB.documentId, 'oubli@beta.test');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/portail/`);
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.getByLabel('Adresse e-mail de votre compte').fill('oubli@beta.test');
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await page.getByText('Si un compte existe pour cette adresse, un e-mail vient de partir').waitFor();
    const mail = await smtp.waitFor((m) => m.to.includes('oubli@beta.test') && m.parsed.subject === 'Réinitialiser votre mot de passe du portail Seconde Vie');
    const link = /https?:\/\/[^\s"<]+\/portail\/reinitialisation#code=[A-Za-z0-9_%-]+/.exec(String(mail.parsed.text))?.[0];
    expect(link).toBeTruthy();
    await page.goto(`${baseUrl}${new URL(String(link)).pathname}${new URL(String(link)).hash}`);
    await page.getByLabel('Nouveau mot de passe').fill('Nouveau-Secret-2026');
    await page.getByLabel('Confirmer le mot de passe').fill('Nouveau-Secret-2026');
    await page.screenshot({ path: screenshotPath('portal-reset-password') });
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.getByText('Votre nouveau mot de passe est enregistré : connectez-vous.').waitFor();
    await context.close();
    const again = await logIn('oubli@beta.test', 1280, 'Nouveau-Secret-2026');
    await again.getByRole('heading', { name: NAMES.B }).waitFor({ timeout: 30000 });
  });
});

describe('the donors’ portal', () => {
  it('a donor sees its units and downloads an erasure certificate', async () => {
    const issued = (await app.strapi.plugin('documents').service('documents').generate(
      { kind: 'erasure-certificate', documentId: world.machineX.documentId },
      { id: null, name: 'tests' }
    )) as { number: string };
    const page = await logIn('dsi@xeres.test');
    await page.getByRole('heading', { name: NAMES.X }).waitFor({ timeout: 30000 });
    await page.getByText('SN-XERES-001').waitFor();
    await expect(page.getByText('SN-YPRES-001').count()).resolves.toBe(0);
    await page.screenshot({ path: screenshotPath('portal-donor'), fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Télécharger Certificat d'effacement n° ${issued.number}` }).click(),
    ]);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sv-portal-'));
    try {
      const file = path.join(dir, download.suggestedFilename());
      await download.saveAs(file);
      expect(download.suggestedFilename()).toBe(`${issued.number}.pdf`);
      const { stdout } = await run('pdftotext', [file, '-']);
      expect(stdout.replace(/\s+/g, ' ')).toContain(issued.number);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

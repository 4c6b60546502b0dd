import fs from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app';
import { launchBrowser, logInToAdmin, screenshotPath } from '../helpers/browser';
import { defaultWorkshop, memberToken } from '../helpers/network';
import { pdftotext, plain } from '../documents/helpers/pdf';

// Issue 19 in the browser, on the demo's network: a Morlaix coordinator sees only Morlaix's units;
// Brest's coordinator proposes flat screens to Morlaix on the « Réseau » page; Morlaix accepts them
// and downloads the transfer slip (« Bordereau (PDF) »).
const PASSWORD = 'Mot-de-passe-2012';
const BREST = { email: 'e2e-coordination@brest.test', password: PASSWORD };
const MORLAIX = { email: 'e2e-coordination@morlaix.test', password: PASSWORD };

let app: TestApp;
let browser: Browser;
let baseUrl: string;
let morlaix: { id: number; documentId: string; name: string };

beforeAll(async () => {
  app = await startApp('demo');
  baseUrl = await app.listen();
  browser = await launchBrowser();
  const brest = await defaultWorkshop(app);
  morlaix = (await app.strapi.db.query('api::workshop.workshop').findOne({ where: { code: 'MX' } })) as typeof morlaix;
  await memberToken(app, 'seconde-vie-coordination', BREST.email, [brest.id]);
  await memberToken(app, 'seconde-vie-coordination', MORLAIX.email, [morlaix.id]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function session(credentials: { email: string; password: string }): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await logInToAdmin(page, baseUrl, credentials);
  return page;
}

describe('a network of two workshops in the admin', () => {
  it('shows a Morlaix coordinator Morlaix’s units only', async () => {
    const { rows } = await app.sql.query(
      `SELECT m.label_code, l.workshop_id FROM machines m JOIN machines_workshop_lnk l ON l.machine_id = m.id ORDER BY m.id`,
    );
    const mine = rows.filter((r: { workshop_id: number }) => r.workshop_id === morlaix.id).map((r: { label_code: string }) => r.label_code);
    expect(mine.length).toBeGreaterThan(0);
    const page = await session(MORLAIX);
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::machine.machine?page=1&pageSize=50`);
    await page.getByText(mine[0]).first().waitFor({ timeout: 60000 });
    const shown = await page.locator('tbody tr').count();
    expect(shown).toBe(mine.length);
    // A Brest unit's label is not on the page, not even by search.
    const theirs = rows.find((r: { workshop_id: number }) => r.workshop_id !== morlaix.id).label_code as string;
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::machine.machine?page=1&pageSize=50&_q=${encodeURIComponent(theirs)}`);
    await page.locator('#main-content h1').first().waitFor({ timeout: 30000 });
    await page.waitForLoadState('networkidle');
    expect(await page.getByText(theirs).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('network-morlaix-machines'), fullPage: true });
    await page.close();
  });

  it('lets Brest propose screens on the « Réseau » page and Morlaix accept them', async () => {
    const { rows: screens } = await app.sql.query(
      `SELECT m.label_code FROM machines m JOIN machines_workshop_lnk l ON l.machine_id = m.id
        WHERE l.workshop_id <> $1 AND m.type = 'screen' AND m.pipeline_stage IN ('ready', 'testing', 'sorting', 'received') ORDER BY m.id LIMIT 2`,
      [morlaix.id],
    );
    expect(screens).toHaveLength(2);
    const brest = await session(BREST);
    await brest.getByRole('link', { name: 'Réseau' }).first().click();
    await brest.getByRole('heading', { name: 'Transferts entre ateliers' }).waitFor({ timeout: 60000 });
    await brest.getByRole('button', { name: 'Proposer un transfert' }).click();
    const dialog = brest.getByRole('dialog');
    await dialog.getByRole('combobox').first().click();
    await brest.getByRole('option', { name: new RegExp(morlaix.name) }).click();
    for (const { label_code: code } of screens) {
      await dialog.getByLabel('Chercher une machine').fill(code);
      await dialog.getByRole('checkbox', { name: new RegExp(code) }).click();
    }
    await dialog.getByLabel(/Notes/).fill('Deux écrans plats pour le point numérique');
    await dialog.getByRole('button', { name: 'Proposer' }).click();
    await brest.getByText('Transfert proposé').first().waitFor();
    const { rows: [created] } = await app.sql.query(`SELECT number, state FROM sv_transfers WHERE notes = 'Deux écrans plats pour le point numérique'`);
    expect(created.state).toBe('proposed');
    await brest.getByTestId(`transfer-${created.number}`).getByText('Proposé').waitFor();
    await brest.screenshot({ path: screenshotPath('network-brest-proposed'), fullPage: true });
    await brest.close();

    const page = await session(MORLAIX);
    await page.getByRole('link', { name: 'Réseau' }).first().click();
    const row = page.getByTestId(`transfer-${created.number}`);
    await row.waitFor({ timeout: 60000 });
    for (const { label_code: code } of screens) await row.getByText(new RegExp(code)).waitFor();
    await row.getByRole('button', { name: 'Accepter' }).click();
    await row.getByText('Accepté').waitFor();
    await page.screenshot({ path: screenshotPath('network-morlaix-accepted'), fullPage: true });
    const { rows: [after] } = await app.sql.query('SELECT state FROM sv_transfers WHERE number = $1', [created.number]);
    expect(after.state).toBe('accepted');
    // Morlaix cannot ship what Brest gives: no such button on its row.
    expect(await row.getByRole('button', { name: 'Marquer expédié' }).count()).toBe(0);
    // The accepted transfer's slip: issued through the documents routes, then downloaded as a PDF.
    const download = page.waitForEvent('download', { timeout: 60000 });
    await row.getByRole('button', { name: 'Bordereau (PDF)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^BT-\d{4}-\d{6}\.pdf$/);
    const pdf = await fs.readFile((await file.path()) as string);
    const text = plain(await pdftotext(pdf));
    for (const { label_code: code } of screens) expect(text).toContain(code);
    expect(text).toContain(created.number);
    await page.getByText(/Bordereau BT-\d{4}-\d{6} émis/).first().waitFor();
    await page.screenshot({ path: screenshotPath('network-morlaix-slip'), fullPage: true });
    const { rows: [slip] } = await app.sql.query(`SELECT count(*)::int AS n FROM documents_generated WHERE kind = 'transfer-slip' AND number = $1`, [file.suggestedFilename().replace(/\.pdf$/, '')]);
    expect(slip.n).toBe(1);
    await page.close();
  });
});

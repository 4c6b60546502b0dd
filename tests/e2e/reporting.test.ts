import fs from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { removeUploads } from '../documents/helpers/admin';
import { readPdf } from '../documents/helpers/pdf';
import { startApp, type TestApp } from '../helpers/app';
import { adminToken } from '../helpers/admin';
import { chooseOption, launchBrowser, logInToAdmin, screenshotPath } from '../helpers/browser';

let app: TestApp;
let browser: Browser;
let page: Page;
let baseUrl: string;
const adminJwt = () => adminToken(app);

beforeAll(async () => {
  app = await startApp('demo');
  baseUrl = await app.listen();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true, locale: 'fr-FR' });
  await logInToAdmin(page, baseUrl);
});

afterAll(async () => {
  await browser?.close();
  if (app) await removeUploads(app);
  await app?.stop();
});

describe('reporting in the admin', () => {
  it('shows the dashboard with its charts on the demo data', async () => {
    await page.goto(`${baseUrl}/admin/plugins/reporting`);
    await page.getByTestId('reporting-dashboard').waitFor({ timeout: 60000 });
    // Strapi's own "new media library" banner is not ours: close it for the screenshots.
    const banner = page.getByRole('button', { name: /Fermer|Close/ }).first();
    if (await banner.isVisible()) await banner.click();
    for (const id of ['chart-stages', 'chart-months', 'chart-donors', 'chart-dwell', 'pending', 'stock', 'volunteers']) {
      await expect(page.getByTestId(id).locator('h2').count()).resolves.toBe(1);
    }
    await expect(page.getByTestId('chart-stages').locator('svg').count()).resolves.toBeGreaterThan(0);
    const { rows: [ready] } = await app.sql.query("SELECT count(*)::int AS n FROM machines WHERE pipeline_stage = 'ready'");
    await expect(page.getByTestId('chart-stages').getByRole('link', { name: `Prête : ${ready.n}` }).count()).resolves.toBe(1);
    await expect(page.getByTestId('stock').textContent()).resolves.toContain('Écran plat 17" VGA');
    // The admin scrolls inside its own frame: a tall viewport shows the whole dashboard.
    await page.setViewportSize({ width: 1440, height: 1900 });
    await page.screenshot({ path: screenshotPath('reporting-dashboard') });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('shows the units per stage as a widget on the admin homepage', async () => {
    await page.goto(`${baseUrl}/admin`);
    const widget = page.getByTestId('reporting-widget');
    await widget.waitFor({ timeout: 60000 });
    const { rows: [ready] } = await app.sql.query("SELECT count(*)::int AS n FROM machines WHERE pipeline_stage = 'ready'");
    await expect(widget.getByRole('link', { name: `Prête : ${ready.n}` }).count()).resolves.toBe(1);
    await expect(widget.textContent()).resolves.toContain('Stock bas : Écran plat 17" VGA (3)');
    await widget.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('reporting-widget') });
    await page.goto(`${baseUrl}/admin/plugins/reporting`);
    await page.getByTestId('reporting-dashboard').waitFor({ timeout: 60000 });
  });

  it('opens the list of units behind a bar of the chart', async () => {
    const { rows: [ready] } = await app.sql.query("SELECT count(*)::int AS n FROM machines WHERE pipeline_stage = 'ready'");
    await page.getByTestId('chart-stages').getByRole('link', { name: `Prête : ${ready.n}` }).click();
    await page.waitForURL(/content-manager\/collection-types\/api::machine\.machine/);
    await page.locator('table tbody tr').first().waitFor({ timeout: 30000 });
    await page.screenshot({ path: screenshotPath('reporting-drilldown') });
    await expect(page.locator('main').textContent()).resolves.toMatch(new RegExp(`${ready.n}\\s+(fiches|entries)`));
  });

  it('computes the seed report’s bilan and downloads it as XLSX and PDF', async () => {
    await page.goto(`${baseUrl}/admin/plugins/reporting`);
    await page.getByRole('tab', { name: 'Bilan' }).click();
    // The demo's call for projects fills the period (Sept. 2011 – Aug. 2012) and the territory (Brest).
    await chooseOption(page, page.getByRole('combobox', { name: 'Territoire' }), 'Toutes communes');
    await chooseOption(page, page.getByRole('combobox', { name: 'Programme de financement' }), /Appel à projets Multimédia 2011/);
    await page.getByRole('button', { name: 'Calculer le bilan' }).click();
    const summary = page.getByTestId('bilan-summary');
    await summary.waitFor({ timeout: 60000 });
    await expect(page.getByTestId('bilan-result').textContent()).resolves.toContain('Bilan du 01/09/2011 au 31/08/2012 — Brest');
    await expect(page.getByTestId('bilan-result').textContent()).resolves.toContain('Appel à projets Multimédia 2011 — Ville de Brest');
    await expect(summary.getByRole('row', { name: /Ordinateurs remis à des foyers/ }).textContent()).resolves.toContain('10');
    await expect(summary.getByRole('row', { name: /Dossiers en instance/ }).textContent()).resolves.toContain('2');
    await page.setViewportSize({ width: 1440, height: 1900 });
    await page.screenshot({ path: screenshotPath('reporting-bilan') });
    await page.setViewportSize({ width: 1440, height: 900 });

    // The team's place: hours and the valuation table the accounts need, as the API computes them.
    const team = (await app.http().get('/reporting/bilan?from=2011-09-01&to=2012-08-31&territory=brest').set({ Authorization: `Bearer ${await adminJwt()}` })).body.data.volunteers;
    const volunteers = page.getByTestId('bilan-volunteers');
    const hours = new Intl.NumberFormat('fr-FR').format(team.hours);
    await expect(volunteers.getByRole('row', { name: /Heures de bénévolat/ }).textContent()).resolves.toContain(hours);
    const valuation = page.getByTestId('bilan-valuation');
    await expect(valuation.locator('h3').textContent()).resolves.toMatch(/Valorisation du bénévolat .*12,02/);
    await expect(valuation.locator('tbody tr').count()).resolves.toBe(team.valuation.length + 1);
    const total = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(team.value);
    await expect(valuation.getByRole('row', { name: /Total/ }).textContent()).resolves.toContain(total);
    await volunteers.scrollIntoViewIfNeeded();
    await page.setViewportSize({ width: 1440, height: 1900 });
    await volunteers.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('reporting-bilan-volunteers') });
    await page.setViewportSize({ width: 1440, height: 900 });

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger en XLSX' }).click()]);
    expect(xlsx.suggestedFilename()).toBe('bilan-2011-09-01-2012-08-31-brest.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fs.readFile((await xlsx.path()) as string)) as unknown as ExcelJS.Buffer);
    const values = new Map<string, unknown>();
    wb.getWorksheet('Synthèse')!.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get('Territoire')).toBe('Brest');
    expect(values.get('Ordinateurs remis à des foyers')).toBe(10);
    expect(values.get('Dossiers en instance en fin de période')).toBe(2);

    const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }), page.getByRole('button', { name: 'Émettre le bilan PDF' }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/^BIL-\d{4}-\d{6}\.pdf$/);
    // Kept next to the screenshots, to be looked at.
    await pdf.saveAs(screenshotPath('reporting-bilan').replace(/\.png$/, '.pdf'));
    const { text } = await readPdf(await fs.readFile((await pdf.path()) as string));
    expect(text).toContain("Bilan d'activité");
    expect(text).toContain('Appel à projets Multimédia 2011');
    expect(text).toMatch(/Ordinateurs remis à des foyers\s+10/);
    expect(text).toMatch(/Dossiers en instance en fin de période\s+2/);
    expect(text).toContain('Valorisation du bénévolat');
  });

  it('shows the WEEE register with its total estimated weight', async () => {
    await page.goto(`${baseUrl}/admin/plugins/reporting`);
    await page.getByRole('tab', { name: 'Registre DEEE' }).click();
    const { rows: [r] } = await app.sql.query(
      `SELECT count(*)::int AS n FROM machines m WHERE m.pipeline_stage = 'recycled' AND EXISTS (SELECT 1 FROM sv_pipeline_events e
        WHERE e.subject_id = m.document_id AND e.to_stage = 'recycled' AND e.at >= '2011-09-01' AND e.at < '2012-09-01')`
    );
    const total = page.getByText(new RegExp(`^${r.n} unités sorties vers la filière DEEE du 01/09/2011 au 31/08/2012`));
    await total.waitFor({ timeout: 30000 });
    await page.screenshot({ path: screenshotPath('reporting-weee') });
  });
});

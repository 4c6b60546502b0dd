import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { formatLabelCode } from '../../src/shared/server/numbering';
import { startApp, type TestApp } from '../helpers/app';
import { chooseOption, launchBrowser, logInToAdmin, screenshotPath } from '../helpers/browser';
import { count, createDonation, csv, GLPI_FR_HEADERS, glpiRow } from './fixtures';

let app: TestApp;
let browser: Browser;
let page: Page;
let baseUrl: string;
let donation: string;

const CORPUS = path.resolve(__dirname, '..', 'fixtures', 'inventories');

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

async function openPage(target = donation) {
  await page.goto(`${baseUrl}/admin/plugins/intake?donation=${target}`);
  await page.getByRole('heading', { name: "Import d'un parc" }).waitFor({ timeout: 60000 });
}

/** The admin scrolls inside its own frame: a tall viewport shows the whole report in one screenshot. */
async function shoot(name: string) {
  await page.setViewportSize({ width: 1440, height: 2600 });
  await page.screenshot({ path: screenshotPath(name) });
  await page.setViewportSize({ width: 1440, height: 1000 });
}

async function dryRun(name: string, buffer: Buffer) {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer });
  await page.getByRole('button', { name: "Lancer l'essai à blanc" }).click();
  await page.getByRole('heading', { name: "Résultat de l'essai à blanc" }).waitFor({ timeout: 60000 });
}

describe("the \"Import d'un parc\" page", () => {
  it("is offered from the donation's own page, with the donation already chosen", async () => {
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::donation.donation/${donation}`);
    const link = page.getByRole('link', { name: "Importer l'inventaire du donateur" });
    await link.waitFor({ timeout: 60000 });
    await link.click();
    await page.getByRole('heading', { name: "Import d'un parc" }).waitFor({ timeout: 60000 });
    expect(new URL(page.url()).searchParams.get('donation')).toBe(donation);
  });

  it('shows the format recognised with the headers that gave it away, and the problems first, by unit and sheet row', async () => {
    await openPage();
    await dryRun('problemes-glpi.csv', fs.readFileSync(path.join(CORPUS, 'problemes-glpi.csv')));
    const recognition = page.getByRole('region', { name: 'Format reconnu' });
    await expect(recognition.innerText()).resolves.toContain(
      'Export GLPI (en-têtes français), reconnu à ses en-têtes « Composants - Mémoire », « Composants - Disque dur ».',
    );
    const problems = page.locator('table[aria-label="Problèmes, ligne par ligne"]');
    await problems.waitFor({ timeout: 30000 });
    const rows = await problems.locator('tbody tr').allInnerTexts();
    // Unit 4 is on sheet row 7: a title line above the header and an empty row before it.
    expect(rows.map((r) => r.split('\t').slice(0, 3))).toEqual([
      ['2', '4', '-'], ['3', '5', 'Composants - Mémoire'], ['4', '7', 'Composants - Disque dur'],
      ['5', '8', 'Numéro de série'], ['6', '9', 'Composants - Disque dur'], ['7', '10', 'Modèle'],
    ]);
    expect(rows[2]).toContain('un gros disque');
    // The problems come before the table of the file's columns.
    const problemsTop = (await problems.boundingBox())?.y ?? Infinity;
    const columnsTop = (await page.getByRole('heading', { name: 'Colonnes du fichier' }).boundingBox())?.y ?? 0;
    expect(problemsTop).toBeLessThan(columnsTop);
    expect(await page.getByRole('button', { name: /^Importer/ }).isDisabled()).toBe(true);
    await shoot('intake-dry-run-problems');
  });

  it("remembers the columns chosen for a file, for the next file with the same headers", async () => {
    const file = (rows: string[]) => Buffer.from(['Type,Marque,Modèle,N° de série,Atelier source', ...rows].join('\n'), 'utf8');
    await openPage();
    await dryRun('mois-1.csv', file(['desktop,Dell,OptiPlex 755,MEMO-1,Brest', 'laptop,HP,EliteBook 8440p,MEMO-2,Brest']));
    const column = page.getByRole('combobox', { name: 'Champ de la machine : Atelier source' });
    // Whatever was recognised, staff choose the other one.
    const chosen = ((await column.textContent()) ?? '').includes('Notes') ? 'Ne pas importer' : 'Notes';
    await chooseOption(page, column, chosen);
    await expect(column.textContent()).resolves.toContain(chosen);
    await page.getByText('Colonnes modifiées : relancez l’essai avant d’importer.').waitFor();

    // Next month, the same tool's export: a fresh page, the choice comes back by itself.
    await openPage();
    await dryRun('mois-2.csv', file(['desktop,Lenovo,ThinkCentre M58,MEMO-3,Brest']));
    await page.getByTestId('mapping-reused').waitFor();
    await expect(page.getByRole('combobox', { name: 'Champ de la machine : Atelier source' }).textContent()).resolves.toContain(chosen);
    await shoot('intake-mapping-reused');
  });

  it('shows an ambiguous format as such, with both sets of evidence', async () => {
    await openPage();
    await dryRun('ambigu.csv', fs.readFileSync(path.join(CORPUS, 'ambigu-glpi-snipe.csv')));
    const text = await page.getByRole('region', { name: 'Format reconnu' }).innerText();
    expect(text).toContain('Export GLPI (en-têtes anglais), reconnu à ses en-têtes « Entity », « Last update ».');
    expect(text).toContain('Ambigu : Export Snipe-IT (« Asset Tag », « Asset Name ») a autant d’indices.');
    await shoot('intake-dry-run-ambiguous');
  });

  it('imports only once the warnings are accepted, then offers the donation’s units and counts them', async () => {
    await openPage();
    const rows = Array.from({ length: 30 }, (_, i) => glpiRow(i + 1, 'CAF'));
    rows[6][4] = '';
    await dryRun('caf.csv', csv([GLPI_FR_HEADERS, ...rows]));
    const warnings = page.locator('table[aria-label="Avertissements à accepter"]');
    expect(await warnings.locator('tbody tr').first().innerText()).toMatch(/^7\t8\tNuméro de série/);
    const importButton = page.getByRole('button', { name: 'Importer 30 machine(s)' });
    expect(await importButton.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: /J'ai relu ces 1 avertissement/ }).click();
    await importButton.click();
    await page.getByText(/30 machine\(s\) importée\(s\), étiquettes SV-\d{6} à SV-\d{6}\./).waitFor({ timeout: 120000 });
    await page.getByText('30 machine(s) déjà enregistrée(s) dans ce lot.').waitFor({ timeout: 30000 });
    await shoot('intake-import-done');
    expect(await count(app, 'SELECT count(*) FROM machines')).toBe(30);
    await page.getByRole('link', { name: 'Voir les machines du lot' }).click();
    await page.waitForURL(/content-manager\/collection-types\/api::machine\.machine/, { timeout: 60000 });
    await page.getByText(/^30 fiches trouvées$/).waitFor({ timeout: 60000 });
    await shoot('intake-units-of-donation');
  });

  it('shows the progress of a 20,000-row import: rows checked, then written, then done', async () => {
    const { donation: big } = await createDonation(app, 'DSIT Brest');
    await openPage(big);
    await dryRun('dsit.csv', csv([GLPI_FR_HEADERS, ...Array.from({ length: 20000 }, (_, i) => glpiRow(i + 1, 'BIG'))]));
    // A unit typed in by hand, not yet saved, holds the label of the 4,001st row: the import stops
    // there for as long as it is open, with 4,000 rows written in its transaction.
    const blocker = new Client({ connectionString: app.databaseUrl });
    await blocker.connect();
    try {
      const counter = Number((await blocker.query("SELECT value FROM sv_counters WHERE scope = 'label-code'")).rows[0]?.value ?? 0);
      await blocker.query('BEGIN');
      await blocker.query(
        `INSERT INTO machines (document_id, label_code, type, created_at, updated_at, published_at) VALUES ('saisiealamainpendantimpo', $1, 'other', now(), now(), now())`,
        [formatLabelCode(counter + 4001)],
      );
      await page.getByRole('button', { name: /Importer 20\s000 machine\(s\)/ }).click();
      const progress = page.getByRole('status', { name: 'Avancement de l’import' });
      await progress.getByText(/20\s000 \/ 20\s000 ligne\(s\) vérifiée\(s\) · 4\s000 \/ 20\s000 écrite\(s\)/).waitFor({ timeout: 120000 });
      await shoot('intake-large-import-progress');
      expect(await count(app, "SELECT count(*) FROM machines WHERE serial_number LIKE 'BIGSN%'")).toBe(0);
      await blocker.query('ROLLBACK');
    } finally {
      await blocker.end();
    }
    await page.getByText(/20\s000 machine\(s\) importée\(s\)/).waitFor({ timeout: 180000 });
    await shoot('intake-large-import-done');
    expect(await count(app, "SELECT count(*) FROM machines WHERE serial_number LIKE 'BIGSN%'")).toBe(20000);
  }, 15 * 60 * 1000);
});

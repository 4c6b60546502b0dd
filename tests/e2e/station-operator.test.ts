import type { Browser, Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app';
import { staffToken } from '../helpers/admin';
import { chooseOption, launchBrowser, logInToAdmin, screenshotPath } from '../helpers/browser';
import { grantSkill } from '../helpers/qualifications';
import { fixtures } from '../pipeline/fixtures';

// In a browser, at the bench (docs/volunteers.md, « Qui est au poste »): on a shared Atelier
// account linked to no volunteer, a trained volunteer scans their badge, records an erasure with
// the keyboard alone, and the unit's history names them; an untrained volunteer who signs in with
// their PIN is not offered « Effacement réussi ».
let app: TestApp;
let browser: Browser;
let page: Page;
let baseUrl: string;
let f: ReturnType<typeof fixtures>;
const BENCH = { email: 'poste-e2e@seconde-vie.test', password: 'Mot-de-passe-2012' };
let marie: { documentId: string; badge: string };

async function volunteer(name: string, extra: Record<string, unknown> = {}) {
  const created = (await app.strapi.documents('api::volunteer.volunteer').create({ data: { name, startDate: '2011-09-01', ...extra } as never })) as { documentId: string };
  const { rows } = await app.sql.query('SELECT badge_code FROM volunteers WHERE document_id = $1', [created.documentId]);
  return { documentId: created.documentId, badge: rows[0].badge_code as string };
}

async function unit(serial: string) {
  const m = await f.machine([serial]);
  const { rows } = await app.sql.query('SELECT label_code FROM machines WHERE document_id = $1', [m.documentId]);
  return { ...m, labelCode: rows[0].label_code as string };
}

/** The focused button's text ('' when focus is not on a button). */
const focusedButton = () => page.evaluate(() => (document.activeElement?.tagName === 'BUTTON' ? (document.activeElement.textContent ?? '').trim() : ''));
const banner = () => page.getByTestId('station-operator');

/** What a USB scanner does: the code's characters a few milliseconds apart, then Enter. */
async function scan(code: string) {
  await page.keyboard.type(code, { delay: 8 });
  await page.keyboard.press('Enter');
}

beforeAll(async () => {
  app = await startApp('base');
  f = fixtures(app);
  await staffToken(app, 'seconde-vie-atelier', BENCH.email);
  marie = await volunteer('Marie Kerlann');
  await grantSkill(app, marie.documentId, 'erasure');
  await volunteer('Hervé Le Moal', { pin: '2468' });
  baseUrl = await app.listen();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await logInToAdmin(page, baseUrl, BENCH);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('a volunteer scans their badge, records an erasure with the keyboard alone, and the history names them', async () => {
  const m = await unit('E2E-OP-1');
  await page.goto(`${baseUrl}/admin/plugins/pipeline/station`);
  const code = page.getByPlaceholder('SV-000123');
  await code.waitFor({ timeout: 60000 });
  await expect(banner().textContent()).resolves.toContain('Personne au poste');
  await page.screenshot({ path: screenshotPath('station-operator-nobody') });

  // The badge, scanned while focus is in the code field: it identifies, it opens no unit.
  await code.focus();
  await scan(marie.badge);
  await page.getByText('Au poste : Marie K. (poste : compte Test seconde-vie-atelier)').waitFor();
  await expect(code.inputValue()).resolves.toBe('');
  await expect(page.getByTestId('station-machine').count()).resolves.toBe(0);

  // Then the unit's label: the unit opens, « Effacement réussi » is offered.
  await scan(m.labelCode);
  await page.getByTestId('station-machine').waitFor();
  for (let i = 0; i < 30 && (await focusedButton()) !== 'Effacement réussi'; i += 1) await page.keyboard.press('Tab');
  await expect(focusedButton()).resolves.toBe('Effacement réussi');
  await page.screenshot({ path: screenshotPath('station-operator-before-erasure') });
  await page.keyboard.press('Enter');
  await page.getByTestId('storage-released').filter({ hasText: 'Preuve d’effacement complète' }).waitFor({ timeout: 30000 });

  const { rows } = await app.sql.query("SELECT actor_name, details FROM sv_pipeline_events WHERE subject_id = $1 AND kind = 'erasure'", [m.documentId]);
  expect(rows).toHaveLength(1);
  expect(rows[0].actor_name).toBe('Test seconde-vie-atelier');
  const details = typeof rows[0].details === 'string' ? JSON.parse(rows[0].details) : rows[0].details;
  expect(details.operator).toEqual({ volunteer: marie.documentId, name: 'Marie Kerlann' });

  // The unit's history (edit view's side panel) names the volunteer and the account.
  await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::machine.machine/${m.documentId}`);
  const timeline = page.getByTestId('pipeline-timeline');
  await timeline.waitFor({ timeout: 60000 });
  await expect(timeline.textContent()).resolves.toContain('Marie K. (poste : compte Test seconde-vie-atelier)');
  await page.screenshot({ path: screenshotPath('station-operator-timeline'), fullPage: true });
});

it('an untrained volunteer signed in with their PIN is not offered « Effacement réussi », and is told why', async () => {
  const m = await unit('E2E-OP-2');
  await page.goto(`${baseUrl}/admin/plugins/pipeline/station`);
  await banner().waitFor({ timeout: 60000 });
  // « Changer » when someone is at the bench, else « Me signaler avec mon code PIN ».
  await page.getByRole('button', { name: /^(Changer|Me signaler avec mon code PIN)$/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await chooseOption(page, dialog.getByRole('combobox'), 'Hervé Le Moal');
  await dialog.locator('input[name="pin"]').fill('2468');
  await page.screenshot({ path: screenshotPath('station-operator-pin-dialog') });
  await page.keyboard.press('Enter');
  await page.getByText('Au poste : Hervé L. (poste : compte Test seconde-vie-atelier)').waitFor();

  const code = page.getByPlaceholder('SV-000123');
  await code.focus();
  await scan(m.labelCode);
  await page.getByTestId('station-machine').waitFor();
  await page.getByTestId('erasure-not-offered').waitFor();
  await expect(page.getByRole('button', { name: 'Effacement réussi' }).count()).resolves.toBe(0);
  await expect(page.getByTestId('erasure-not-offered').textContent()).resolves.toMatch(/Effacement certifié.*Hervé Le Moal ne l'a pas encore/);
  await page.screenshot({ path: screenshotPath('station-operator-untrained') });

  // Handing over gives the account back (linked to no volunteer: still not offered, for that reason).
  await page.getByRole('button', { name: 'Quitter le poste' }).click();
  await banner().filter({ hasText: 'Personne au poste' }).waitFor();
  await page.getByTestId('erasure-not-offered').filter({ hasText: /n'est lié à aucune fiche de bénévole/ }).waitFor();
});

it('prints a volunteer’s badge from their edit view (« Imprimer le badge »), and never shows the PIN', async () => {
  const coordination = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  try {
    await logInToAdmin(coordination, baseUrl);
    const { rows } = await app.sql.query("SELECT document_id, badge_code FROM volunteers WHERE name = 'Hervé Le Moal'");
    await coordination.goto(`${baseUrl}/admin/content-manager/collection-types/api::volunteer.volunteer/${rows[0].document_id}`);
    const print = coordination.getByRole('button', { name: 'Imprimer le badge' });
    await print.waitFor({ timeout: 60000 });
    await expect(coordination.locator('input[name="badgeCode"]').inputValue()).resolves.toBe(rows[0].badge_code);
    await expect(coordination.locator('input[name="pin"]').inputValue()).resolves.toBe('');
    await coordination.screenshot({ path: screenshotPath('volunteer-badge-panel'), fullPage: true });
    const [download] = await Promise.all([coordination.waitForEvent('download'), print.click()]);
    const file = await download.path();
    const fs = await import('node:fs/promises');
    expect((await fs.readFile(file!)).subarray(0, 5).toString()).toBe('%PDF-');
  } finally {
    await coordination.close();
  }
});

it('the volunteer at the bench signs in and out with one button, and signs a teammate in from the list (« Présences du jour »)', async () => {
  await page.goto(`${baseUrl}/admin/plugins/pipeline/station`);
  const presences = page.getByTestId('station-presences');
  await presences.waitFor({ timeout: 60000 });
  await scan(marie.badge);
  await page.getByText('Au poste : Marie K. (poste : compte Test seconde-vie-atelier)').waitFor();

  const openOf = async (documentId: string) =>
    (
      await app.sql.query(
        `SELECT p.source, p.entered_by, p.signed_out_at IS NOT NULL AS closed FROM volunteer_presences p
           JOIN volunteer_presences_volunteer_lnk l ON l.volunteer_presence_id = p.id JOIN volunteers v ON v.id = l.volunteer_id
          WHERE v.document_id = $1 ORDER BY p.signed_in_at`,
        [documentId]
      )
    ).rows;
  expect(await openOf(marie.documentId)).toEqual([]);
  await presences.getByRole('button', { name: 'Pointer mon arrivée' }).click();
  await presences.getByText(/^Marie K\. depuis \d\d:\d\d$/).waitFor();
  expect(await openOf(marie.documentId)).toEqual([{ source: 'station', entered_by: 'Test seconde-vie-atelier', closed: false }]);

  // A teammate without a badge: chosen in the list, signed in by the one at the bench.
  const { rows: [herve] } = await app.sql.query("SELECT document_id FROM volunteers WHERE name = 'Hervé Le Moal'");
  await chooseOption(page, presences.getByRole('combobox'), 'Hervé Le Moal');
  await presences.getByRole('button', { name: 'Pointer l’arrivée' }).click();
  await presences.getByText(/^Hervé L\. depuis \d\d:\d\d$/).waitFor();
  expect(await openOf(herve.document_id)).toEqual([{ source: 'station', entered_by: 'Test seconde-vie-atelier', closed: false }]);
  await page.screenshot({ path: screenshotPath('station-presences') });

  await presences.getByRole('button', { name: /^Pointer mon départ \(arrivée à \d\d:\d\d\)$/ }).click();
  await presences.getByRole('button', { name: 'Pointer mon arrivée' }).waitFor();
  expect(await openOf(marie.documentId)).toEqual([{ source: 'station', entered_by: 'Test seconde-vie-atelier', closed: true }]);
  // Hervé is still here; his own « Départ » closes his presence.
  await presences.getByRole('listitem').filter({ hasText: 'Hervé L.' }).getByRole('button', { name: 'Départ' }).click();
  await presences.getByText('Personne n’est pointé aujourd’hui.').waitFor();
  expect(await openOf(herve.document_id)).toEqual([{ source: 'station', entered_by: 'Test seconde-vie-atelier', closed: true }]);
  await page.getByRole('button', { name: 'Quitter le poste' }).click();
});

import type { Browser, Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app';
import { adminToken } from '../helpers/admin';
import { launchBrowser, logInToAdmin, screenshotPath } from '../helpers/browser';

// In a browser, on the demo data: the bench station records « aucun support de stockage
// constaté » with the keyboard alone; a machine's edit view lists its devices and what became
// of each; the public verify page of a certificate names the unit and its devices.
let app: TestApp;
let browser: Browser;
let page: Page;
let baseUrl: string;

beforeAll(async () => {
  app = await startApp('demo');
  baseUrl = await app.listen();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await logInToAdmin(page, baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');

it('records « aucun support de stockage constaté » at the station with the keyboard alone', async () => {
  // A demo desktop that came without its disk and has not been attested yet (before Effacement).
  const { rows: [unit] } = await app.sql.query(`
    SELECT m.document_id, m.label_code FROM machines m
     WHERE m.type = 'desktop' AND m.pipeline_stage = 'erasing'
       AND NOT EXISTS (SELECT 1 FROM storage_devices_machine_lnk l WHERE l.machine_id = m.id)
       AND NOT EXISTS (SELECT 1 FROM sv_pipeline_events e WHERE e.subject_id = m.document_id AND e.kind = 'no_storage_attested')
     ORDER BY m.label_code LIMIT 1`);
  expect(unit).toBeDefined();
  await page.goto(`${baseUrl}/admin/plugins/pipeline/station`);
  const code = page.getByPlaceholder('SV-000123');
  await code.waitFor({ timeout: 60000 });
  await expect(code.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  await page.keyboard.type(unit.label_code);
  await page.keyboard.press('Enter');
  await page.getByTestId('storage-reason').waitFor();
  await expect(page.getByTestId('storage-released').textContent()).resolves.toBe('Preuve d’effacement incomplète');
  // Tab to the attestation (past the moves: it comes before them in the page), then Enter.
  await page.keyboard.press('Shift+Tab');
  for (let i = 0; i < 30 && !(await focusedText()).includes('Aucun support de stockage constaté'); i += 1) await page.keyboard.press('Tab');
  await expect(focusedText()).resolves.toContain('Aucun support de stockage constaté');
  await page.screenshot({ path: screenshotPath('station-no-storage-before') });
  await page.keyboard.press('Enter');
  await page.getByTestId('storage-attestation').waitFor();
  await expect(page.getByTestId('storage-released').textContent()).resolves.toBe('Preuve d’effacement complète');
  // Focus moves on to the next step, as everywhere at the station.
  await expect(focusedText()).resolves.toContain('Nettoyage');
  await page.screenshot({ path: screenshotPath('station-no-storage-attested') });
  const { rows } = await app.sql.query("SELECT actor_type, actor_name FROM sv_pipeline_events WHERE subject_id = $1 AND kind = 'no_storage_attested'", [unit.document_id]);
  expect(rows).toEqual([{ actor_type: 'admin', actor_name: 'Coordination Seconde Vie' }]);
});

it('shows a unit’s devices and what became of each in its edit view', async () => {
  const { rows: [unit] } = await app.sql.query(`
    SELECT m.document_id FROM machines m
     WHERE m.pipeline_stage = 'ready'
       AND (SELECT count(*) FROM storage_devices_machine_lnk l WHERE l.machine_id = m.id) = 2
     ORDER BY m.label_code LIMIT 1`);
  await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::machine.machine/${unit.document_id}`);
  await page.getByTestId('storage-section').waitFor({ timeout: 60000 });
  await expect(page.getByTestId('storage-device').count()).resolves.toBe(2);
  await expect(page.getByTestId('storage-released').textContent()).resolves.toBe('Preuve d’effacement complète');
  await page.screenshot({ path: screenshotPath('machine-edit-storage'), fullPage: true });
});

it('names the unit and its devices on the verify page of a demo certificate', async () => {
  const { rows: [unit] } = await app.sql.query(`
    SELECT m.document_id, m.label_code, m.serial_number, m.brand, m.model, o.name AS donor FROM machines m
      JOIN machines_donor_lnk dl ON dl.machine_id = m.id JOIN donors o ON o.id = dl.donor_id
     WHERE m.pipeline_stage = 'handed_over'
       AND (SELECT count(*) FROM storage_devices_machine_lnk l WHERE l.machine_id = m.id) >= 1
     ORDER BY m.label_code LIMIT 1`);
  const jwt = await adminToken(app);
  const issued = await app.http().post('/documents/generate').set('Authorization', `Bearer ${jwt}`).send({ kind: 'erasure-certificate', documentId: unit.document_id });
  expect(issued.status).toBe(201);
  const { rows: devices } = await app.sql.query(
    `SELECT d.serial FROM storage_devices d JOIN storage_devices_machine_lnk l ON l.storage_device_id = d.id JOIN machines m ON m.id = l.machine_id WHERE m.document_id = $1`,
    [unit.document_id]
  );
  const verify = await browser.newPage({ viewport: { width: 1100, height: 1200 } });
  await verify.goto(`${baseUrl}/verify/${issued.body.data.number}`);
  const text = await verify.locator('main').innerText();
  for (const expected of [unit.label_code, unit.serial_number, `${unit.brand} ${unit.model}`, unit.donor, 'NIST SP 800-88 Clear (réécriture)', 'nwipe 0.34', 'Réussi', ...devices.map((d) => d.serial)]) {
    expect(text).toContain(expected);
  }
  await verify.screenshot({ path: screenshotPath('verify-erasure-certificate'), fullPage: true });
  await verify.close();
});

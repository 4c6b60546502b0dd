import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app';
import { launchBrowser, logInToAdmin, screenshotPath } from '../helpers/browser';

let app: TestApp;
let browser: Browser;
let page: Page;
let baseUrl: string;

beforeAll(async () => {
  app = await startApp('demo');
  baseUrl = await app.listen();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await logInToAdmin(page, baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the refurbishment line in the admin', () => {
  it("shows the demo data's count of units at every stage on the board", async () => {
    await page.goto(`${baseUrl}/admin/plugins/pipeline`);
    await page.getByTestId('board-columns').waitFor({ timeout: 60000 });
    const { rows } = await app.sql.query('SELECT pipeline_stage AS stage, count(*)::int AS n FROM machines GROUP BY 1');
    const expected = Object.fromEntries(rows.map((r) => [r.stage, r.n]));
    for (const stage of ['received', 'sorting', 'testing', 'erasing', 'cleaning', 'reinstalling', 'ready', 'reserved', 'handed_over', 'dismantled', 'recycled']) {
      await expect(page.getByTestId(`count-${stage}`).textContent()).resolves.toBe(String(expected[stage] ?? 0));
    }
    await expect(page.locator('[data-stage="testing"] h2').textContent()).resolves.toBe('Test');
    await page.screenshot({ path: screenshotPath('pipeline-board'), fullPage: true });
  });

  it('moves a unit from Test to Effacement at the station with the keyboard alone', async () => {
    const { rows: [unit] } = await app.sql.query(
      "SELECT document_id, label_code FROM machines WHERE pipeline_stage = 'testing' AND type = 'desktop' ORDER BY label_code LIMIT 1"
    );
    await page.goto(`${baseUrl}/admin/plugins/pipeline/station`);
    const code = page.getByPlaceholder('SV-000123');
    await code.waitFor({ timeout: 60000 });
    await expect(code.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.type(unit.label_code);
    await page.keyboard.press('Enter');
    await page.getByTestId('station-stage').filter({ hasText: 'Test' }).waitFor();
    // Focus lands on the first check; tick the three required ones with Space.
    await expect(page.evaluate(() => document.activeElement?.getAttribute('role'))).resolves.toBe('checkbox');
    for (let i = 0; i < 3; i += 1) {
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
    }
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    for (let i = 0; i < 10 && !(await focusedText()).includes('Enregistrer les contrôles'); i += 1) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Contrôles enregistrés : tout est bon.').waitFor();
    await page.screenshot({ path: screenshotPath('pipeline-station') });
    await expect(focusedText()).resolves.toContain('Effacement');
    await page.keyboard.press('Enter');
    await page.getByText(`${unit.label_code} est passée à « Effacement ».`).waitFor();
    const { rows: [after] } = await app.sql.query('SELECT pipeline_stage FROM machines WHERE document_id = $1', [unit.document_id]);
    expect(after.pipeline_stage).toBe('erasing');
    const checks = await app.sql.query("SELECT passed FROM sv_pipeline_checklist_results WHERE subject_id = $1 AND stage_key = 'testing' ORDER BY id DESC LIMIT 1", [unit.document_id]);
    expect(checks.rows[0].passed).toBe(true);
    await expect(code.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  });

  it("fills a unit's erasure from the wipe station's nwipe log picked at the station", async () => {
    const { rows: [unit] } = await app.sql.query(
      `SELECT m.document_id, m.label_code, sd.serial FROM machines m
         JOIN storage_devices_machine_lnk l ON l.machine_id = m.id
         JOIN storage_devices sd ON sd.id = l.storage_device_id
        WHERE m.pipeline_stage = 'erasing' AND sd.serial IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM sv_pipeline_erasures e WHERE e.machine_document_id = m.document_id)
          AND (SELECT count(*) FROM storage_devices_machine_lnk l2 WHERE l2.machine_id = m.id) = 1
        ORDER BY m.label_code LIMIT 1`
    );
    const log = fs.readFileSync(path.join(__dirname, '..', 'pipeline', 'fixtures', 'nwipe.log'), 'utf8').replace(/WD-WCC2ET1234567/g, unit.serial);
    await page.goto(`${baseUrl}/admin/plugins/pipeline/station`);
    const code = page.getByPlaceholder('SV-000123');
    await code.waitFor({ timeout: 60000 });
    await page.keyboard.type(unit.label_code);
    await page.keyboard.press('Enter');
    await page.getByTestId('station-stage').filter({ hasText: 'Effacement' }).waitFor();
    await page.getByLabel('Importer un journal nwipe').setInputFiles({ name: 'nwipe.log', mimeType: 'text/plain', buffer: Buffer.from(log) });
    await page.getByText(/Journal nwipe : 1 support\(s\) enregistré\(s\), dont 0 en échec/).waitFor();
    await page.getByText('Effacé', { exact: true }).waitFor();
    await page.screenshot({ path: screenshotPath('pipeline-station-nwipe') });
    const { rows } = await app.sql.query('SELECT device_serial, result, source, tool_version FROM sv_pipeline_erasures WHERE machine_document_id = $1', [unit.document_id]);
    expect(rows).toEqual([{ device_serial: unit.serial, result: 'success', source: 'nwipe_log', tool_version: '0.35' }]);
  });

  it('says in French when a label code is unknown', async () => {
    await page.goto(`${baseUrl}/admin/plugins/pipeline/station`);
    const code = page.getByPlaceholder('SV-000123');
    await code.waitFor();
    await page.keyboard.type('SV-999999');
    await page.keyboard.press('Enter');
    await page.getByText("Aucune machine avec l'étiquette SV-999999.").waitFor();
  });
});

describe('the history in the edit view', () => {
  it("shows a handed-over unit's history and that its chain verifies", async () => {
    const { rows: [unit] } = await app.sql.query("SELECT document_id FROM machines WHERE pipeline_stage = 'handed_over' ORDER BY id LIMIT 1");
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::machine.machine/${unit.document_id}`);
    const panel = page.getByTestId('pipeline-timeline');
    await panel.waitFor({ timeout: 60000 });
    await panel.getByText(/Historique intègre \(\d+ événements\)/).waitFor();
    await expect(panel.innerText()).resolves.toMatch(/Passage : Réservée → Remise/);
    await page.screenshot({ path: screenshotPath('pipeline-timeline') });
  });
});

describe('matching a unit to an accepted prescription', () => {
  it('proposes ready units of the right type in the prescription, and reserves one in a click', async () => {
    const { rows: [p] } = await app.sql.query(
      `SELECT p.document_id, p.number FROM prescriptions p
         JOIN prescriptions_cmps c ON c.entity_id = p.id AND c.field = 'needs'
         JOIN components_prescription_needss n ON n.id = c.cmp_id
        WHERE p.pipeline_stage = 'accepted'
          AND EXISTS (SELECT 1 FROM machines m WHERE m.pipeline_stage = 'ready' AND m.type = CASE n.device_type WHEN 'laptop' THEN 'laptop' ELSE 'desktop' END)
        ORDER BY p.number LIMIT 1`
    );
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::prescription.prescription/${p.document_id}`);
    const panel = page.getByTestId('pipeline-matches');
    await panel.waitFor({ timeout: 60000 });
    const first = panel.getByRole('button', { name: /^Réserver SV-/ }).first();
    const code = ((await first.textContent()) ?? '').replace('Réserver ', '').trim();
    await page.screenshot({ path: screenshotPath('pipeline-matches') });
    await first.click();
    await page.getByText(`${code} est réservée pour cette prescription.`).waitFor();
    const { rows } = await app.sql.query(
      `SELECT m.pipeline_stage AS machine, p.pipeline_stage AS prescription FROM machines m
         JOIN machines_prescription_lnk l ON l.machine_id = m.id JOIN prescriptions p ON p.id = l.prescription_id
        WHERE m.label_code = $1`,
      [code]
    );
    expect(rows).toEqual([{ machine: 'reserved', prescription: 'machine_reserved' }]);
  });
});

describe('bulk moves from the machines list', () => {
  it('moves the selected units and shows a result for each', async () => {
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::machine.machine?page=1&pageSize=20&sort=labelCode:ASC`);
    const rows = page.locator('tbody tr');
    await rows.first().waitFor({ timeout: 60000 });
    const codes = (await rows.locator('td:nth-child(2)').allTextContents()).slice(0, 2).map((c) => c.trim());
    for (let i = 0; i < 2; i += 1) await rows.nth(i).getByRole('checkbox').click();
    await page.getByRole('button', { name: 'Faire avancer…' }).click();
    await page.getByRole('combobox', { name: 'Étape de destination' }).click();
    await page.getByRole('option', { name: 'Recyclage DEEE' }).click();
    await page.getByRole('button', { name: /Appliquer à 2 fiche/ }).click();
    const results = page.getByTestId('bulk-results');
    await results.waitFor();
    await page.screenshot({ path: screenshotPath('pipeline-bulk-move') });
    const text = await results.innerText();
    for (const code of codes) expect(text).toContain(code);
    const { rows: db } = await app.sql.query("SELECT count(*)::int AS n FROM machines WHERE label_code = ANY($1) AND pipeline_stage = 'recycled'", [codes]);
    expect(text).toContain(`${db[0].n} déplacée(s)`);
  });
});

describe('configuring the line without a developer', () => {
  it('renames a stage in the settings and the board shows the new name', async () => {
    // Reached from the board's « Configurer » button, which only users allowed to change the line see.
    await page.goto(`${baseUrl}/admin/plugins/pipeline`);
    await page.getByRole('link', { name: 'Configurer' }).click();
    await page.waitForURL(/\/admin\/plugins\/pipeline\/settings$/);
    const name = page.locator('input[name="label-testing"]');
    await name.waitFor({ timeout: 60000 });
    await name.fill('Tests matériels');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Workflow enregistré.').waitFor();
    await page.screenshot({ path: screenshotPath('pipeline-settings'), fullPage: false });
    await page.goto(`${baseUrl}/admin/plugins/pipeline`);
    await page.getByTestId('board-columns').waitFor();
    await expect(page.locator('[data-stage="testing"] h2').textContent()).resolves.toBe('Tests matériels');
    const { rows } = await app.sql.query("SELECT label FROM sv_pipeline_stages WHERE key = 'testing' AND label = 'Tests matériels'");
    expect(rows).toHaveLength(1);
  });
});

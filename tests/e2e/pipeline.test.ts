import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app';
import { staffToken } from '../helpers/admin';
import { chooseOption, launchBrowser, logInToAdmin, screenshotPath } from '../helpers/browser';
import { fixtures } from '../pipeline/fixtures';

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

describe('a scan-safe station', () => {
  const codeField = () => page.getByPlaceholder('SV-000123');
  const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');
  const stageOf = async (documentId: string) =>
    (await app.sql.query('SELECT pipeline_stage FROM machines WHERE document_id = $1', [documentId])).rows[0].pipeline_stage as string;
  const eventsOf = async (documentId: string) =>
    (await app.sql.query('SELECT count(*)::int AS n FROM sv_pipeline_events WHERE subject_id = $1', [documentId])).rows[0].n as number;
  /**
   * A USB scanner: it pushes the label's keys then Enter without waiting for the page, as the
   * device does (Playwright's keyboard waits for each key, which a busy machine spaces out).
   */
  const scan = async (code: string) => {
    const cdp = await page.context().newCDPSession(page);
    // Stamped 8 ms apart as a scanner types them, whatever the load of the machine running the test.
    const start = Date.now() / 1000;
    const at = (i: number) => start + i * 0.008;
    const keys: Array<Record<string, unknown>> = [...code].flatMap((c, i) => [
      { type: 'keyDown', key: c, text: c, timestamp: at(i) },
      { type: 'keyUp', key: c, timestamp: at(i) + 0.002 },
    ]);
    const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 };
    keys.push({ type: 'keyDown', ...enter, text: '\r', timestamp: at(code.length) }, { type: 'keyUp', ...enter, timestamp: at(code.length) + 0.002 });
    for (const k of keys) await cdp.send('Input.dispatchKeyEvent', k as never);
    await cdp.detach();
  };
  const shown = (code: string) => page.getByTestId('station-machine').getByRole('heading', { name: code }).waitFor();
  /** Waits (up to 5 s) for focus to land on an element whose text contains `text`. */
  const focusLandsOn = async (text: string) => {
    await page.waitForFunction((t) => (document.activeElement?.textContent ?? '').includes(t), text, { timeout: 5000 }).catch(() => undefined);
    await expect(focusedText()).resolves.toContain(text);
  };

  it('opens the scanned unit and moves nothing when the scan lands on a focused move button', async () => {
    const { rows: [a, b] } = await app.sql.query("SELECT document_id, label_code FROM machines WHERE pipeline_stage = 'received' ORDER BY label_code LIMIT 2");
    await page.goto(`${baseUrl}/admin/plugins/pipeline/station`);
    await codeField().waitFor({ timeout: 60000 });
    await scan(a.label_code);
    await shown(a.label_code);
    // The trap: no checklist at Réception, so focus sits on the first move button.
    await expect(focusedText()).resolves.toContain('Tri');
    const before = await eventsOf(a.document_id);
    await scan(b.label_code);
    await shown(b.label_code);
    await page.screenshot({ path: screenshotPath('pipeline-station-scan-trap') });
    expect(await stageOf(a.document_id)).toBe('received');
    expect(await eventsOf(a.document_id)).toBe(before);
    expect(await stageOf(b.document_id)).toBe('received');
    await expect(codeField().inputValue()).resolves.toBe(b.label_code);
  });

  it('opens the scanned unit when the scan lands in a text field, and records nothing from that field', async () => {
    const { rows: [c] } = await app.sql.query(
      `SELECT m.document_id, m.label_code, sd.id AS device FROM machines m
         JOIN storage_devices_machine_lnk l ON l.machine_id = m.id JOIN storage_devices sd ON sd.id = l.storage_device_id
        WHERE m.pipeline_stage = 'erasing' AND sd.state = 'present' ORDER BY m.label_code DESC LIMIT 1`
    );
    const { rows: [b] } = await app.sql.query("SELECT document_id, label_code FROM machines WHERE pipeline_stage = 'received' ORDER BY label_code DESC LIMIT 1");
    await page.goto(`${baseUrl}/admin/plugins/pipeline/station`);
    await codeField().waitFor({ timeout: 60000 });
    await scan(c.label_code);
    await shown(c.label_code);
    await page.getByRole('button', { name: 'Retirer ce support…' }).first().click();
    // A person starts typing the reason (slowly), then the next label is scanned into the same field.
    await page.keyboard.type('disque HS', { delay: 120 });
    await page.waitForTimeout(600); // the volunteer takes the next unit
    await scan(b.label_code);
    await shown(b.label_code);
    const { rows: [device] } = await app.sql.query('SELECT state, removal_reason FROM storage_devices WHERE id = $1', [c.device]);
    expect(device).toEqual({ state: 'present', removal_reason: null });
    expect(await stageOf(c.document_id)).toBe('erasing');
  });

  it('takes a unit from Tri to Prête by keyboard alone (keystrokes counted)', async () => {
    const { rows: [unit] } = await app.sql.query(
      `SELECT m.document_id, m.label_code FROM machines m
        WHERE m.pipeline_stage = 'sorting' AND m.type = 'desktop'
          AND (SELECT count(*) FROM storage_devices_machine_lnk l WHERE l.machine_id = m.id) = 1
          AND NOT EXISTS (SELECT 1 FROM sv_pipeline_erasures e WHERE e.machine_document_id = m.document_id)
        ORDER BY m.label_code LIMIT 1`
    );
    expect(unit).toBeDefined();
    let presses = 0;
    let scans = 0;
    const press = async (key: string) => {
      presses += 1;
      await page.keyboard.press(key);
    };
    /** Tab (or Shift+Tab) until the focused element's text contains `text`: each press counted. */
    const focusOn = async (text: string, key = 'Tab') => {
      for (let i = 0; i < 80 && !(await focusedText()).includes(text); i += 1) await press(key);
      await expect(focusedText()).resolves.toContain(text);
    };
    const saveChecks = async () => {
      const boxes = await page.getByTestId('station-machine').getByRole('checkbox').count();
      for (let i = 0; i < boxes; i += 1) {
        await expect(page.evaluate(() => document.activeElement?.getAttribute('role'))).resolves.toBe('checkbox');
        await press('Space');
        await press('Tab');
      }
      await focusOn('Enregistrer les contrôles');
      const saved = page.waitForResponse((r) => r.url().endsWith('/checklists'));
      await press('Enter');
      expect((await saved).ok()).toBe(true);
      // Saving hands focus to the first move.
      await focusLandsOn('→');
    };
    const moveTo = async (label: string) => {
      await focusOn(`→ ${label}`);
      const moved = page.waitForResponse((r) => r.url().endsWith('/transitions'));
      await press('Enter');
      const response = await moved.catch(async (e) => {
        throw new Error(`→ ${label} : aucune requête de passage (focus sur « ${await focusedText()} ») : ${e}`);
      });
      expect(response.ok() || (await response.text())).toBe(true);
      await page.getByText(`${unit.label_code} est passée à « ${label} ».`).waitFor();
    };
    const open = async (stage: string) => {
      await expect(codeField().evaluate((el) => el === document.activeElement)).resolves.toBe(true);
      scans += 1;
      await scan(unit.label_code);
      await page.getByTestId('station-stage').filter({ hasText: stage }).waitFor();
    };

    await page.goto(`${baseUrl}/admin/plugins/pipeline/station`);
    await codeField().waitFor({ timeout: 60000 });
    await open('Tri');
    await saveChecks();
    await moveTo('Test');
    await open('Test');
    await saveChecks();
    await moveTo('Effacement');
    await open('Effacement');
    await focusOn('Effacement réussi', 'Shift+Tab');
    const erased = page.waitForResponse((r) => r.url().endsWith('/erasures'));
    await press('Enter');
    expect((await erased).ok()).toBe(true);
    // The erased device's button is gone: focus goes on to the first move, not nowhere.
    await focusLandsOn('→ Nettoyage');
    await page.getByTestId('storage-released').filter({ hasText: 'Preuve d’effacement complète' }).waitFor();
    await moveTo('Nettoyage');
    await open('Nettoyage');
    await saveChecks();
    await moveTo('Réinstallation');
    await open('Réinstallation');
    await saveChecks();
    await moveTo('Prête');
    expect(await stageOf(unit.document_id)).toBe('ready');
    // Reported in the closing note: the volunteer's own key presses, and the scans.
    console.log(`Tri → Prête au clavier : ${presses} touche(s) et ${scans} scan(s) pour ${unit.label_code}`);
    await page.screenshot({ path: screenshotPath('pipeline-station-ready') });
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

describe("a prescription's own page", () => {
  it('takes a prescription from Reçue to Remise as a coordinator, reserving a unit found by its label code', async () => {
    const f = fixtures(app);
    const email = 'coordination-parcours@seconde-vie.test';
    await staffToken(app, 'seconde-vie-coordination', email);
    const prescriber = await f.prescriber({ state: 'signed' });
    const household = await app.strapi.documents('api::household.household').create({ data: { referenceName: 'Foyer Parcours', commune: 'Brest' } });
    const p = await app.strapi.documents('api::prescription.prescription').create({
      data: { prescriber: prescriber.documentId, household: household.documentId, needs: { deviceType: 'desktop' } } as never,
    });
    // A ready laptop: not of the type asked, so not among the proposals; the family chose it.
    const { rows: [unit] } = await app.sql.query("SELECT document_id, label_code FROM machines WHERE pipeline_stage = 'ready' AND type = 'laptop' ORDER BY label_code DESC LIMIT 1");
    const coordinator = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await logInToAdmin(coordinator, baseUrl, { email, password: 'Mot-de-passe-2012' });
      await coordinator.goto(`${baseUrl}/admin/content-manager/collection-types/api::prescription.prescription/${p.documentId}`);
      const panel = coordinator.getByTestId('pipeline-parcours');
      await panel.waitFor({ timeout: 60000 });
      const badge = panel.getByTestId('parcours-stage');
      await expect(badge.textContent()).resolves.toBe('Reçue');
      await coordinator.screenshot({ path: screenshotPath('prescription-received') });
      for (const [button, stage] of [['→ En étude', 'En étude'], ['→ Acceptée', 'Acceptée']] as const) {
        await panel.getByRole('button', { name: button, exact: true }).click();
        await coordinator.getByText(`Prescription passée à « ${stage} ».`).first().waitFor();
        await badge.filter({ hasText: stage }).waitFor();
      }
      const search = panel.getByRole('textbox', { name: 'Chercher une autre machine prête' });
      await search.fill(unit.label_code);
      await search.press('Enter');
      const found = panel.getByTestId(`found-${unit.label_code}`);
      await found.waitFor();
      await coordinator.screenshot({ path: screenshotPath('prescription-search') });
      await found.getByRole('button', { name: `Réserver ${unit.label_code}` }).click();
      await coordinator.getByText(`${unit.label_code} est réservée pour cette prescription.`).first().waitFor();
      await badge.filter({ hasText: 'Machine réservée' }).waitFor();
      await panel.getByText(/récépissé de remise/).waitFor();
      await panel.getByRole('button', { name: '→ Remise', exact: true }).click();
      await badge.filter({ hasText: 'Remise' }).waitFor();
      // The history panel reloaded too, and the form holds no change to save.
      await coordinator.getByTestId('pipeline-timeline').getByText('Passage : Machine réservée → Remise').waitFor();
      await coordinator.screenshot({ path: screenshotPath('prescription-handed-over'), fullPage: true });
      const { rows } = await app.sql.query(
        `SELECT m.pipeline_stage AS machine, p.pipeline_stage AS prescription FROM machines m
           JOIN machines_prescription_lnk l ON l.machine_id = m.id JOIN prescriptions p ON p.id = l.prescription_id
          WHERE m.label_code = $1`,
        [unit.label_code]
      );
      expect(rows).toEqual([{ machine: 'handed_over', prescription: 'handed_over' }]);
      const { rows: moves } = await app.sql.query(
        "SELECT from_stage, to_stage FROM sv_pipeline_events WHERE subject_id = $1 AND kind = 'transition' ORDER BY seq",
        [p.documentId]
      );
      expect(moves).toEqual([
        { from_stage: 'received', to_stage: 'reviewing' },
        { from_stage: 'reviewing', to_stage: 'accepted' },
        { from_stage: 'accepted', to_stage: 'machine_reserved' },
        { from_stage: 'machine_reserved', to_stage: 'handed_over' },
      ]);
    } finally {
      await coordinator.close();
    }
  });
});

describe('bulk moves from the machines list', () => {
  it('moves the selected units and shows a result for each', async () => {
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::machine.machine?page=1&pageSize=20&sort=labelCode:ASC`);
    const rows = page.locator('tbody tr');
    await rows.first().waitFor({ timeout: 60000 });
    const codes = (await rows.locator('td:nth-child(2)').allTextContents()).slice(0, 2).map((c) => c.trim());
    // The list may render twice while it loads; a tick lost to the first render is ticked again.
    const bulk = page.getByRole('button', { name: 'Faire avancer…' });
    for (let attempt = 0; attempt < 3 && !(await bulk.isVisible()); attempt += 1) {
      for (let i = 0; i < 2; i += 1) await rows.nth(i).getByRole('checkbox').check();
      await bulk.waitFor({ timeout: 20000 }).catch(() => undefined);
    }
    await bulk.click();
    await chooseOption(page, page.getByRole('combobox', { name: 'Étape de destination' }), 'Recyclage DEEE');
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

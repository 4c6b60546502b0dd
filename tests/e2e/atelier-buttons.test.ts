import { scopeWhere } from '../../src/shared/server/workshops';
import type { Browser, Page, Response } from 'playwright-core';
import { staffToken } from '../helpers/admin';
import { trainForErasure } from '../helpers/qualifications';
import { startApp, type TestApp } from '../helpers/app';
import { launchBrowser, logInToAdmin, screenshotPath } from '../helpers/browser';

/**
 * Issue 17, « a volunteer's session never shows a button whose action answers 403 »: as Atelier,
 * on every page the role is offered (home, board, station, each content type's list and edit view,
 * each plugin page), every visible enabled button is clicked — and the items of the menus it
 * opens, and the confirming button of the dialog it opens — and no request made as a result may
 * answer 401, 403 or a server error. At the station, the moves offered are performed for real.
 *
 * A page is reloaded before a click whenever the click before changed something (a request that
 * writes, another address, a dialog or menu left open); otherwise Escape brings it back.
 */
const EMAIL = 'atelier-buttons@seconde-vie.test';
const PASSWORD = 'Mot-de-passe-2012';
/** Buttons that end the session, only dismiss, or only navigate (the edit view is visited anyway). */
const SKIP = /^(Se déconnecter|Annuler|Fermer|Retour|Editer|Éditer|Ouvrir dans un nouvel onglet)$/i;
/** Buttons whose menu differs from one content type to the next: pressed on every page. */
const MENUS = /^(Ligne d'actions|Plus d'actions)$/;
/** A dialog's buttons that do not confirm (« Ouvrir la fiche » only navigates). */
const NOT_CONFIRMING = /^(Annuler|Fermer|Close.*|Retour|Ouvrir la fiche|)$/i;
const MAX_BUTTONS = 12;
const MAX_MENU_ITEMS = 5;
/** One click per label shape: « SV-001036 » and « SV-001037 » (relation chips) are the same button. */
const shape = (label: string) => label.replace(/\d+/g, '#');

let app: TestApp;
let browser: Browser;
let baseUrl: string;
let page: Page;

/** Menu items already pressed (Strapi's menus repeat on every content type): once each. */
const menuSeen = new Set<string>();
/** What is being done right now: every failing response is put down to it. */
let doing = '';
const failures: string[] = [];
let inflight = 0;
let writes = 0;
let dirty = true;
const clicks = new Map<string, number>();
const clicked = () => [...clicks.values()].reduce((a, b) => a + b, 0);

beforeAll(async () => {
  app = await startApp('demo');
  baseUrl = await app.listen();
  browser = await launchBrowser();
  await staffToken(app, 'seconde-vie-atelier', EMAIL);
  // Trained, as the bench's volunteers are: the station offers « Effacement réussi » only to whoever may record it.
  await trainForErasure(app, EMAIL);
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(15000);
  await logInToAdmin(page, baseUrl, { email: EMAIL, password: PASSWORD });
  await page.locator('#main-content').first().waitFor({ timeout: 60000 });
  page.on('request', (request) => {
    inflight += 1;
    if (request.method() !== 'GET' && request.url().startsWith(baseUrl)) writes += 1;
  });
  page.on('requestfinished', () => (inflight = Math.max(0, inflight - 1)));
  page.on('requestfailed', () => (inflight = Math.max(0, inflight - 1)));
  page.on('response', (response: Response) => {
    const status = response.status();
    if (!response.url().startsWith(baseUrl) || !(status === 401 || status === 403 || status >= 500)) return;
    failures.push(`${doing} → ${response.request().method()} ${response.url().replace(baseUrl, '')} ${status}`);
  });
});

afterAll(async () => {
  console.log(`Atelier : ${clicked()} boutons cliqués sur ${clicks.size} pages\n${[...clicks].map(([p, n]) => `  ${String(n).padStart(2)} ${p}`).join('\n')}`);
  await browser?.close();
  await app?.stop();
});

const trace = (line: string) => {
  if (process.env.SV_TRACE) process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
};

/** Waits until no request has been in flight for 500 ms (at most 10 s). */
async function settle(): Promise<void> {
  const end = Date.now() + 10000;
  let quietSince = Date.now();
  while (Date.now() < end) {
    await page.waitForTimeout(100);
    if (inflight > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 500) return;
  }
}

/**
 * The visible, enabled buttons inside `scope` (the last visible match), by label (text, else
 * aria-label); the first one labelled `mark` gets `data-sv-target`. With `menu`, a menu's items,
 * less its links (pure navigation).
 */
function buttonsIn(scope: string, options: { mark?: string; menu?: boolean } = {}): Promise<string[]> {
  return page.evaluate(
    ({ scope, mark, menu }) => {
      document.querySelectorAll('[data-sv-target]').forEach((el) => el.removeAttribute('data-sv-target'));
      const root = Array.from(document.querySelectorAll(scope)).filter((el) => el.getBoundingClientRect().height > 0).pop();
      if (!root) return [];
      const labels: string[] = [];
      for (const el of Array.from(root.querySelectorAll<HTMLElement>(menu ? '[role="menuitem"]' : 'button, [role="button"]'))) {
        const role = el.getAttribute('role');
        if (role && role !== (menu ? 'menuitem' : 'button')) continue; // checkboxes, tabs, comboboxes
        if (menu ? el.matches('a[href]') : el.closest('[role="menu"]')) continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
        if ((el as HTMLButtonElement).disabled || el.getAttribute('aria-disabled') === 'true' || el.hasAttribute('data-disabled')) continue;
        const label = (el.innerText.trim() || el.getAttribute('aria-label') || el.getAttribute('title') || '').replace(/\s+/g, ' ');
        if (mark !== undefined && label === mark && !document.querySelector('[data-sv-target]')) el.setAttribute('data-sv-target', '1');
        labels.push(label);
      }
      return labels;
    },
    { scope, mark: options.mark, menu: options.menu ?? false }
  );
}

const OVERLAY = '[role="dialog"], [role="alertdialog"]';
const overlays = () => page.locator(`${OVERLAY}, [role="menu"]`).evaluateAll((els) => els.filter((el) => el.getBoundingClientRect().height > 0).length);

/** Clicks the element marked by `buttonsIn`; false when it is not there (any more). */
async function clickMarked(): Promise<boolean> {
  const target = page.locator('[data-sv-target]');
  if ((await target.count()) === 0) return false;
  await target.first().click({ timeout: 8000 });
  return true;
}

/** After a click: confirms the dialog it opened, if any (its last button that does not cancel). */
async function confirmDialog(): Promise<void> {
  await page.waitForTimeout(300);
  const confirmingIn = async () => (await buttonsIn(OVERLAY)).filter((l) => !NOT_CONFIRMING.test(l)).pop();
  let confirming = await confirmingIn();
  if (confirming === undefined) {
    // A confirming button waits for a choice (« Étape de destination »): the first one offered.
    const dialog = page.locator(OVERLAY).last();
    for (const box of await dialog.getByRole('combobox').all()) {
      // A disabled box (a field the role reads but does not write) is no choice to make.
      if (!(await box.isVisible()) || !(await box.isEnabled())) continue;
      await box.click();
      const option = page.getByRole('option').first();
      if ((await option.count().catch(() => 0)) === 0) await option.waitFor({ timeout: 3000 }).catch(() => undefined);
      if ((await option.count()) === 0) continue;
      doing += ` › choix « ${(await option.innerText()).trim()} »`;
      await option.focus();
      await page.keyboard.press('Enter');
    }
    confirming = await confirmingIn();
  }
  if (confirming === undefined) return;
  await buttonsIn(OVERLAY, { mark: confirming });
  doing += ` › « ${confirming} »`;
  trace(`  ${doing}`);
  await clickMarked().catch(() => undefined);
}

interface Spot {
  /** The page's name in the summary and in a failure. */
  name: string;
  /** Brings the page to its fresh state (load, open a unit, tick a row…). */
  open: () => Promise<void>;
  /** Where its buttons are (the page's main area by default). */
  scope?: string;
  /** A spot reached from another one, fresh, by one step (a row ticked): no reload in between. */
  from?: { spot: Spot; step: () => Promise<void> };
}

let current = '';

/** The spot in its fresh state: reloaded unless the last click left it as it was. */
async function fresh(spot: Spot): Promise<void> {
  if (!dirty && current === spot.name) return;
  doing = `${spot.name} (chargement)`;
  if (spot.from && !dirty && current === spot.from.spot.name) await spot.from.step();
  else await spot.open();
  await settle();
  current = spot.name;
  dirty = false;
}

/** After a click: whether the page is still as `fresh` left it. */
async function tidy(url: string, writesBefore: number): Promise<void> {
  if (page.url() !== url || writes !== writesBefore) {
    dirty = true;
    return;
  }
  await page.keyboard.press('Escape');
  await page.waitForTimeout(150);
  if ((await overlays()) > 0) await page.keyboard.press('Escape');
  dirty = page.url() !== url || (await overlays()) > 0;
}

/** Clicks one button (then one item of the menu it opens, if `item`). Returns the menu's items. */
async function press(spot: Spot, label: string, item?: string): Promise<string[]> {
  await fresh(spot);
  const url = page.url();
  const writesBefore = writes;
  await buttonsIn(spot.scope ?? '#main-content', { mark: label });
  doing = `${spot.name} : « ${label} »`;
  trace(doing + (item ? ` › ${item}` : ''));
  if (!(await clickMarked().catch(() => false))) {
    dirty = true;
    return [];
  }
  await page.waitForTimeout(250);
  let items: string[] = [];
  if (item === undefined && (await page.locator('[role="menu"]').count()) > 0) {
    items = [...new Set(await buttonsIn('[role="menu"]', { menu: true }))].filter((l) => l && !SKIP.test(l));
  } else if (item !== undefined) {
    await buttonsIn('[role="menu"]', { mark: item, menu: true });
    doing += ` › « ${item} »`;
    if (!(await clickMarked().catch(() => false))) {
      dirty = true;
      return [];
    }
  }
  clicks.set(spot.name, (clicks.get(spot.name) ?? 0) + 1);
  if (items.length === 0) await confirmDialog();
  await settle();
  if (page.url().includes('/auth/login')) throw new Error(`${doing} : la session est perdue`);
  await tidy(url, writesBefore);
  return items;
}

/** Every button of the spot, once per label shape (`seen`: those already clicked elsewhere). */
async function pressAll(spot: Spot, seen = new Set<string>(), except: (label: string) => boolean = () => false): Promise<string[]> {
  if (!spot.from) dirty = true;
  await fresh(spot);
  await page.screenshot({ path: screenshotPath(`atelier-buttons-${spot.name.replace(/^\/admin\/?/, '').replace(/[^a-z0-9]+/gi, '-') || 'home'}`) });
  const labels = [...new Set(await buttonsIn(spot.scope ?? '#main-content'))].filter((l) => l && !SKIP.test(l) && !except(l));
  const fresher = labels.filter((l) => MENUS.test(l) || (!seen.has(shape(l)) && seen.add(shape(l))));
  for (const label of fresher.slice(0, MAX_BUTTONS)) {
    const items = await press(spot, label);
    let pressed = 0;
    for (const item of items) {
      if (pressed >= MAX_MENU_ITEMS || menuSeen.has(`${label}›${shape(item)}`)) continue;
      menuSeen.add(`${label}›${shape(item)}`);
      pressed += 1;
      await press(spot, label, item);
    }
  }
  return labels;
}

const visit = (path: string, ready = '#main-content') => async () => {
  await page.goto(`${baseUrl}${path}`);
  await page.locator(ready).first().waitFor({ timeout: 60000 });
};

describe('Atelier: no button answers 403', () => {
  it('home, board and the plugin pages it is offered (and their settings pages)', async () => {
    // The watch itself: a request refused (here, without the session's token) is caught.
    doing = 'contrôle du relevé';
    await page.evaluate(() => fetch('/admin/users/me'));
    await settle();
    expect(failures).toEqual(['contrôle du relevé → GET /admin/users/me 401']);
    failures.length = 0;

    const before = clicked();
    await pressAll({ name: '/admin', open: visit('/admin') });
    // The plugins of the main menu, and the pages each links to.
    const plugins = await page.locator('nav a[href^="/admin/plugins/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    const pages = new Set<string>();
    for (const plugin of new Set(plugins)) {
      await visit(plugin)();
      await settle();
      pages.add(plugin);
      const links = await page.locator(`#main-content a[href^="${plugin}/"]`).evaluateAll((as) => as.map((a) => (a.getAttribute('href') ?? '').split('?')[0]));
      for (const link of links.filter((l) => !/\/[a-z0-9]{24}$/.test(l))) pages.add(link);
    }
    // The settings pages the role is offered.
    await visit('/admin/settings')();
    await settle();
    const settings = await page.locator('nav a[href^="/admin/settings/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    for (const link of settings) pages.add(link);
    trace(`pages des extensions et réglages : ${[...pages].join(', ')}`);
    expect([...pages]).toEqual(expect.arrayContaining(['/admin/plugins/pipeline', '/admin/plugins/pipeline/station']));
    // The station's buttons are pressed with a unit open (next test).
    for (const path of [...pages].filter((p) => !p.endsWith('/station'))) await pressAll({ name: path, open: visit(path) });
    expect(clicked() - before).toBeGreaterThan(2);
    expect(failures).toEqual([]);
  }, 240000);

  it('the station, a unit open at Test, Effacement and Nettoyage: its buttons, then the move it is offered', async () => {
    const before = clicked();
    let moves = 0;
    for (const stage of ['testing', 'erasing', 'cleaning']) {
      const { rows: [unit] } = await app.sql.query(
        `SELECT m.document_id, m.label_code FROM machines m WHERE m.pipeline_stage = $1 AND m.type = 'desktop'
            AND (SELECT count(*) FROM storage_devices_machine_lnk l WHERE l.machine_id = m.id) = 1
          ORDER BY m.label_code LIMIT 1`,
        [stage]
      );
      const station: Spot = {
        name: `/admin/plugins/pipeline/station ${unit.label_code} (${stage})`,
        scope: '[data-testid="station-machine"]',
        open: async () => {
          await visit('/admin/plugins/pipeline/station')();
          const code = page.getByPlaceholder('SV-000123');
          await code.fill(unit.label_code);
          await code.press('Enter');
          await page.getByTestId('station-machine').getByRole('heading', { name: unit.label_code }).waitFor({ timeout: 30000 });
        },
      };
      // Every button but the moves (pressed below, once the checks are ticked).
      await pressAll(station, new Set(), (label) => label.startsWith('→'));
      dirty = true;
      await fresh(station);
      const machine = page.getByTestId('station-machine');
      for (const box of await machine.getByRole('checkbox').all()) if ((await box.getAttribute('aria-checked')) !== 'true') await box.click();
      if ((await machine.getByRole('button', { name: 'Enregistrer les contrôles' }).count()) > 0) {
        doing = `${station.name} : « Enregistrer les contrôles » (tout coché)`;
        await machine.getByRole('button', { name: 'Enregistrer les contrôles' }).click();
        await page.getByText('Contrôles enregistrés : tout est bon.').waitFor();
      }
      const offered = machine.getByRole('button', { name: /^→/ });
      trace(`${station.name} : ${await offered.count()} déplacement(s) proposé(s)`);
      if ((await offered.count()) === 0) continue;
      const move = (await offered.first().innerText()).trim();
      doing = `${station.name} : « ${move} »`;
      await offered.first().click();
      await page.getByText(`${unit.label_code} est passée à « ${move.replace(/^→\s*/, '')} ».`).waitFor();
      await settle();
      clicks.set(station.name, (clicks.get(station.name) ?? 0) + 1);
      const { rows: [after] } = await app.sql.query('SELECT pipeline_stage FROM machines WHERE document_id = $1', [unit.document_id]);
      expect(after.pipeline_stage).not.toBe(stage);
      moves += 1;
      dirty = true;
    }
    await page.screenshot({ path: screenshotPath('atelier-buttons-station-after-moves') });
    expect(moves).toBeGreaterThanOrEqual(2);
    expect(clicked() - before).toBeGreaterThan(8);
    expect(failures).toEqual([]);
  }, 240000);

  it('each content type it is offered: list, bulk actions after ticking a row, edit view, and a saved machine', async () => {
    const before = clicked();
    // The content types this role is offered: the content manager's own menu.
    await page.goto(`${baseUrl}/admin/content-manager`);
    const menu = page.locator('nav a[href*="collection-types/"], nav a[href*="single-types/"]');
    await menu.first().waitFor({ timeout: 60000 });
    const hrefs = await menu.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
    const types = [...new Set(hrefs.filter((h) => h.includes('::')).map((h) => (h.startsWith('/admin') ? h : `/admin${h}`).split('?')[0]))];
    // The machines first, every one of their buttons; elsewhere, the buttons not met yet.
    types.sort((a, b) => Number(b.endsWith('api::machine.machine')) - Number(a.endsWith('api::machine.machine')));
    const listSeen = new Set<string>();
    const editSeen = new Set<string>();
    // The edit views, chosen before any click (a duplicate made from the list is not one of them):
    // a machine on the bench with one storage device (its panels all show), else the latest record.
    const { rows: [bench] } = await app.sql.query(
      `SELECT m.document_id FROM machines m WHERE m.pipeline_stage = 'sorting'
          AND (SELECT count(*) FROM storage_devices_machine_lnk l WHERE l.machine_id = m.id) = 1 ORDER BY m.label_code LIMIT 1`
    );
    const editOf = new Map<string, string>();
    for (const path of types.filter((p) => p.includes('collection-types/'))) {
      const uid = decodeURIComponent(path.split('/').pop() ?? '');
      // The latest record of the volunteer's workshop (the default one: the demo's Morlaix is not theirs, docs/network.md).
      const home = (await app.strapi.db.query('api::workshop.workshop').findOne({ where: { isDefault: true }, select: ['id'] })) as { id: number };
      const last = (await app.strapi.db.query(uid as 'api::machine.machine').findOne({ where: scopeWhere(uid, { all: false, ids: [home.id] }), select: ['documentId'], orderBy: { id: 'desc' } })) as { documentId?: string } | null;
      const documentId = uid === 'api::machine.machine' ? bench.document_id : last?.documentId;
      if (documentId) editOf.set(path, documentId);
    }
    for (const path of types) {
      let rows = 0;
      const list: Spot = {
        name: path,
        open: async () => {
          await visit(path, '#main-content table, #main-content h1')();
          rows = await page.locator('#main-content tbody [role="checkbox"]').count();
        },
      };
      await pressAll(list, listSeen);
      // The bulk-action bar, after ticking the first row (when the list offers to tick one).
      const tick = () => page.locator('#main-content tbody [role="checkbox"]').first().click();
      const ticked: Spot = {
        name: `${path} (ligne cochée)`,
        open: async () => {
          await list.open();
          await tick();
        },
        from: { spot: list, step: tick },
      };
      // Only the bulk-action bar is new there.
      if (rows > 0) await pressAll(ticked, listSeen, (label) => MENUS.test(label));
      const documentId = editOf.get(path);
      // Ready once the header's menu is there (it comes after the form).
      if (documentId) await pressAll({ name: `${path}/${documentId}`, open: visit(`${path}/${documentId}`, `#main-content button:has-text("Plus d'actions"):visible`) }, editSeen);
    }
    expect(types.length).toBeGreaterThan(4);

    // A volunteer's everyday edit: a machine's installed system, saved.
    const { rows: [unit] } = await app.sql.query("SELECT document_id FROM machines WHERE pipeline_stage = 'reinstalling' ORDER BY label_code LIMIT 1");
    await visit(`/admin/content-manager/collection-types/api::machine.machine/${unit.document_id}`, '#main-content form')();
    doing = 'fiche machine : « Enregistrer » (Système installé modifié)';
    await page.locator('input[name="osInstalled"]').fill('Linux Mint 22 Xfce');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await settle();
    await page.screenshot({ path: screenshotPath('atelier-buttons-machine-saved') });
    const { rows: [saved] } = await app.sql.query('SELECT os_installed FROM machines WHERE document_id = $1', [unit.document_id]);
    expect(saved.os_installed).toBe('Linux Mint 22 Xfce');
    clicks.set(doing, 1);

    expect(clicked() - before).toBeGreaterThan(25);
    expect(failures).toEqual([]);
  }, 240000);
});

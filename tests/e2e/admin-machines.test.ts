import type { Browser, Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app';
import { staffToken } from '../helpers/admin';
import { chooseOption, launchBrowser, logInToAdmin, screenshotPath } from '../helpers/browser';

let app: TestApp;
let browser: Browser;
let page: Page;
let baseUrl: string;

beforeAll(async () => {
  app = await startApp('demo');
  baseUrl = await app.listen();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the admin panel, as staff use it', () => {
  it('greets staff in French and lets the seeded admin log in', async () => {
    await page.goto(`${baseUrl}/admin/auth/login`);
    await page.locator('input[name="email"]').fill('admin@seconde-vie.test');
    await page.locator('input[name="password"]').fill('SecondeVie-2012');
    await page.screenshot({ path: screenshotPath('admin-login') });
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60000 });
    expect(await page.evaluate(() => window.localStorage.getItem('strapi-admin-language'))).toBe('fr');
  });

  it('opens the machines list and sees the French column labels and the demo units', async () => {
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::machine.machine`);
    const headers = page.locator('thead th');
    await headers.filter({ hasText: 'Étiquette' }).first().waitFor({ timeout: 60000 });
    await page.locator('tbody tr').first().waitFor();
    const text = (await headers.allTextContents()).join(' | ');
    for (const label of ['Étiquette', 'Type', 'Marque', 'Modèle', 'Donateur', 'État']) expect(text).toContain(label);
    const body = await page.locator('tbody').innerText();
    expect(body).toMatch(/SV-0000\d\d/);
    // Enumeration values read in French, not as their API values.
    expect(body).toContain('Ordinateur fixe');
    expect(body).not.toMatch(/\bdesktop\b|grade_[abc]/);
    await page.screenshot({ path: screenshotPath('admin-machines-list'), fullPage: false });
  });

  it('lists the business types under their French names', async () => {
    const nav = await page.locator('nav').allInnerTexts();
    const text = nav.join(' ');
    for (const name of ['Donateur', 'Don (lot)', 'Machine', 'Prescripteur', 'Foyer']) expect(text).toContain(name);
  });
});

describe('labels, not keys', () => {
  it("shows each unit's stage by its name and filters the list by that name", async () => {
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::machine.machine?page=1&pageSize=20&sort=labelCode:DESC`);
    await page.locator('tbody tr').first().waitFor({ timeout: 60000 });
    const headers = (await page.locator('thead th').allInnerTexts()).map((t) => t.trim().toLowerCase());
    const stageColumn = headers.findIndex((h) => h.startsWith('étape')) + 1;
    expect(stageColumn).toBeGreaterThan(0);
    const column = page.locator(`tbody tr td:nth-child(${stageColumn})`);
    await column.first().filter({ hasText: /\S/ }).waitFor();
    const stages = (await column.allInnerTexts()).map((t) => t.trim().toLowerCase());
    expect(stages.length).toBe(20);
    expect(stages.every((t) => /^[a-zéèêàç' ()]+$/i.test(t) && !t.includes('_'))).toBe(true);
    for (const key of ['received', 'sorting', 'testing', 'erasing', 'ready', 'reserved', 'handed_over', 'recycled']) expect(stages).not.toContain(key);

    await page.getByRole('button', { name: 'Filtres' }).click();
    const field = page.getByRole('combobox', { name: /champ|field/i }).first();
    await field.click();
    const options = await page.getByRole('option').allInnerTexts();
    expect(options.map((o) => o.trim())).not.toEqual(expect.arrayContaining(['documentId']));
    expect(options.map((o) => o.trim())).not.toContain('id');
    await page.keyboard.press('Escape');
    await chooseOption(page, field, 'Étape');
    await chooseOption(page, page.getByRole('combobox').last(), 'Prête');
    await page.getByRole('button', { name: /Ajouter un filtre|Add filter/ }).click();
    await page.waitForURL((url) => decodeURIComponent(url.search).includes('[pipelineStage][$eq]=ready'));
    // The filter's chip names the stage, not its key.
    await page.getByText('Étape est Prête', { exact: true }).waitFor();
    await page.locator('tbody tr').first().waitFor();
    const { rows: [{ n }] } = await app.sql.query("SELECT count(*)::int AS n FROM machines WHERE pipeline_stage = 'ready'");
    await page.getByText(new RegExp(`^${n} fiches? trouvées?$`)).first().waitFor();
    const shown = (await column.allInnerTexts()).map((t) => t.trim().toLowerCase());
    expect(new Set(shown)).toEqual(new Set(['prête']));
    await page.screenshot({ path: screenshotPath('admin-machines-filter-ready') });
  });

  it("shows a volunteer whose unit it is (a name, never an id) and offers no action the role cannot do", async () => {
    const email = 'atelier-labels@seconde-vie.test';
    await staffToken(app, 'seconde-vie-atelier', email);
    const { rows: [unit] } = await app.sql.query(
      `SELECT m.document_id, d.name AS donor, d.document_id AS donor_id FROM machines m
         JOIN machines_donor_lnk l ON l.machine_id = m.id JOIN donors d ON d.id = l.donor_id
        WHERE m.pipeline_stage = 'testing' ORDER BY m.id LIMIT 1`
    );
    const volunteer = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await logInToAdmin(volunteer, baseUrl, { email, password: 'Mot-de-passe-2012' });
      await volunteer.goto(`${baseUrl}/admin/content-manager/collection-types/api::machine.machine/${unit.document_id}`);
      await volunteer.getByTestId('pipeline-timeline').waitFor({ timeout: 60000 });
      await volunteer.getByText(unit.donor).first().waitFor();
      const text = await volunteer.locator('#main-content').innerText();
      expect(text).not.toContain(unit.donor_id);
      expect(text).not.toMatch(/\b[a-z0-9]{24}\b/);
      expect(text).not.toContain('Générer un document');
      expect(text).not.toMatch(/\btesting\b/);
      await volunteer.screenshot({ path: screenshotPath('admin-machine-volunteer'), fullPage: true });
    } finally {
      await volunteer.close();
    }
  });
});


describe('a home page for each role', () => {
  const NOT_FOR_STAFF = [/Statistiques du projet|Project statistics/, /Dernières entrées publiées|Last published entries/, /Déployer|Deploy/, /Nouvelle médiathèque/];

  it('shows coordinators the line and its stock, the prescriptions waiting and what is due', async () => {
    const email = 'coordination-home@seconde-vie.test';
    await staffToken(app, 'seconde-vie-coordination', email);
    const coordinator = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await logInToAdmin(coordinator, baseUrl, { email, password: 'Mot-de-passe-2012' });
      await coordinator.goto(`${baseUrl}/admin`);
      for (const id of ['reporting-widget', 'home-prescriptions', 'home-follow-up', 'home-day']) await coordinator.getByTestId(id).waitFor({ timeout: 60000 });
      const { rows: [{ n }] } = await app.sql.query("SELECT count(*)::int AS n FROM prescriptions WHERE pipeline_stage = 'received'");
      await expect(coordinator.getByTestId('home-prescriptions').innerText()).resolves.toMatch(new RegExp(`Reçue\\s*${n}(\\D|$)`));
      const text = await coordinator.locator('#main-content').innerText();
      for (const unwanted of NOT_FOR_STAFF) expect(text).not.toMatch(unwanted);
      await coordinator.screenshot({ path: screenshotPath('home-coordination'), fullPage: true });
    } finally {
      await coordinator.close();
    }
  });

  it('shows volunteers the station and their day, and nothing about prescriptions or donors', async () => {
    const email = 'atelier-home@seconde-vie.test';
    await staffToken(app, 'seconde-vie-atelier', email);
    const volunteer = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await logInToAdmin(volunteer, baseUrl, { email, password: 'Mot-de-passe-2012' });
      await volunteer.goto(`${baseUrl}/admin`);
      const day = volunteer.getByTestId('home-day');
      await day.waitFor({ timeout: 60000 });
      await expect(day.innerText()).resolves.toContain('Rien d’enregistré par vous aujourd’hui.');
      const text = await volunteer.locator('#main-content').innerText();
      for (const unwanted of [...NOT_FOR_STAFF, /Prescriptions à traiter/, /À suivre/, /Unités par étape/]) expect(text).not.toMatch(unwanted);
      await volunteer.screenshot({ path: screenshotPath('home-atelier'), fullPage: true });
      await day.getByRole('link', { name: 'Ouvrir le poste de travail' }).click();
      await volunteer.getByPlaceholder('SV-000123').waitFor();
    } finally {
      await volunteer.close();
    }
  });
});

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
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await logInToAdmin(page, baseUrl);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the donor relations board in the admin', () => {
  it('moves a donor from « Contacté » to « Rendez-vous » with the keyboard, and records the move', async () => {
    await page.goto(`${baseUrl}/admin/plugins/relations`);
    const contacted = page.getByTestId('column-contacted');
    await contacted.waitFor({ timeout: 60000 });
    const card = contacted.getByTestId('donor-card').filter({ hasText: 'Technopôle Brest-Iroise' });
    await card.waitFor();
    await expect(page.getByTestId('column-meeting').getByTestId('column-count').textContent()).resolves.toBe('1');

    const menu = card.getByRole('button', { name: /Déplacer/ });
    await menu.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Rendez-vous' }).waitFor();
    await page.getByRole('menuitem', { name: 'Rendez-vous' }).press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Technopôle Brest-Iroise → Rendez-vous').waitFor();
    await dialog.locator('textarea[name="note"]').fill('Rendez-vous fixé avec le chargé de mission.');
    await dialog.locator('input[name="nextStep"]').fill('Présenter le label Ordi 2.0');
    await dialog.locator('input[name="nextStepDue"]').fill('2012-10-12');
    await page.screenshot({ path: screenshotPath('relations-move-dialog') });
    await dialog.getByRole('button', { name: 'Déplacer' }).click();

    const moved = page.getByTestId('column-meeting').getByTestId('donor-card').filter({ hasText: 'Technopôle Brest-Iroise' });
    await moved.waitFor();
    // The card's last contact is now the move; its next step stays the oldest open one (Relancer par téléphone).
    await moved.getByText(/Changement d'étape\) — Étape : Contacté → Rendez-vous/).waitFor();
    await expect(page.getByTestId('column-meeting').getByTestId('column-count').textContent()).resolves.toBe('2');
    await page.screenshot({ path: screenshotPath('relations-board'), fullPage: true });

    const { rows } = await app.sql.query(
      `SELECT d.relationship, i.kind, i.summary, i.next_step FROM donors d JOIN interactions_donor_lnk l ON l.donor_id = d.id
       JOIN interactions i ON i.id = l.interaction_id WHERE d.name = 'Technopôle Brest-Iroise' ORDER BY i.id DESC LIMIT 1`,
    );
    expect(rows[0]).toEqual({
      relationship: 'meeting',
      kind: 'relationship_change',
      summary: 'Étape : Contacté → Rendez-vous. Rendez-vous fixé avec le chargé de mission.',
      next_step: 'Présenter le label Ordi 2.0',
    });
  });

  it('lists the planned pickups and shows them on the month calendar', async () => {
    // The month of the demo's planned pickup (next week, in its recent stretch).
    const { rows: [pickup] } = await app.sql.query("SELECT site, planned_at FROM pickups WHERE state = 'planned' ORDER BY planned_at LIMIT 1");
    const at = new Date(pickup.planned_at);
    const month = at.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }).slice(0, 7);
    await page.goto(`${baseUrl}/admin/plugins/relations/collectes?mois=${month}`);
    await page.getByText(pickup.site).first().waitFor({ timeout: 60000 });
    await page.getByText(`Calendrier — ${at.toLocaleDateString('fr-FR', { month: 'long', year: 'numeric', timeZone: 'Europe/Paris' })}`).waitFor();
    await page.getByTestId('pickups-calendar').getByText(/CHU de Brest · Planifiée/).waitFor();
    await page.screenshot({ path: screenshotPath('relations-pickups'), fullPage: true });
  });
});

describe('the relations fields in the content manager', () => {
  it("offers a signed convention's next moves in its edit view, and renews it", async () => {
    const { rows: [chu] } = await app.sql.query(
      "SELECT c.document_id, c.number FROM conventions c JOIN conventions_donor_lnk l ON l.convention_id = c.id JOIN donors d ON d.id = l.donor_id WHERE d.name = 'CHU de Brest' AND c.state = 'signed'",
    );
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::convention.convention/${chu.document_id}`);
    const panel = page.getByTestId('convention-lifecycle');
    await panel.waitFor({ timeout: 60000 });
    await panel.getByText('Statut : Signée').waitFor();
    await panel.getByRole('button', { name: 'Résilier' }).waitFor();
    await panel.getByRole('button', { name: 'Renouveler' }).click();
    await panel.getByText(/^Suite : CP-\d{4}-\d{3} \(Brouillon\)\.$/).waitFor();
    await page.screenshot({ path: screenshotPath('relations-convention-panel'), fullPage: true });
    const { rows } = await app.sql.query(
      `SELECT n.state FROM conventions n JOIN conventions_renewal_of_lnk l ON l.convention_id = n.id JOIN conventions o ON o.id = l.inv_convention_id WHERE o.document_id = $1`,
      [chu.document_id],
    );
    expect(rows).toEqual([{ state: 'draft' }]);
  });

  // An attribute named `status` was read as the draft/publish status (strapi/strapi#22201): empty
  // select, and a save that lost the value. Named `state`, it shows and survives a save.
  it("shows a signed convention's state in its edit view and keeps it when another field is saved", async () => {
    const { rows: [signed] } = await app.sql.query(
      `SELECT c.document_id, c.number FROM conventions c JOIN conventions_donor_lnk l ON l.convention_id = c.id JOIN donors d ON d.id = l.donor_id
       WHERE c.state = 'signed' AND c.kind = 'partnership' AND d.name <> 'CHU de Brest' ORDER BY c.number LIMIT 1`,
    );
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::convention.convention/${signed.document_id}`);
    const state = page.getByRole('combobox', { name: 'Statut' });
    await state.waitFor({ timeout: 60000 });
    await expect(state.textContent()).resolves.toContain('Signée');
    await page.getByRole('button', { name: 'Enregistrer' }).waitFor();
    await page.screenshot({ path: screenshotPath('convention-edit-state'), fullPage: true });

    await page.locator('input[name="terms.unitsExpected"]').fill('321');
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(signed.document_id));
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    expect((await saved).status()).toBe(200);
    const { rows } = await app.sql.query(
      `SELECT c.state, t.units_expected FROM conventions c JOIN conventions_cmps m ON m.entity_id = c.id AND m.field = 'terms'
       JOIN components_convention_termss t ON t.id = m.cmp_id WHERE c.document_id = $1`,
      [signed.document_id],
    );
    expect(rows).toEqual([{ state: 'signed', units_expected: 321 }]);
    await expect(state.textContent()).resolves.toContain('Signée');

    // The list view's « Statut » column shows the value, not a draft/publish badge.
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::convention.convention?page=1&pageSize=100`);
    const row = page.getByRole('row').filter({ hasText: signed.number });
    await row.waitFor({ timeout: 60000 });
    await expect(row.getByRole('gridcell').allTextContents()).resolves.toContain('Signée');
    await page.screenshot({ path: screenshotPath('convention-list-state'), fullPage: false });
  });

  it("shows a pickup's state in its edit view and keeps it when its notes are saved", async () => {
    const { rows: [pickup] } = await app.sql.query("SELECT document_id FROM pickups WHERE state = 'planned' ORDER BY planned_at LIMIT 1");
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::pickup.pickup/${pickup.document_id}`);
    const state = page.getByRole('combobox', { name: 'Statut' });
    await state.waitFor({ timeout: 60000 });
    await expect(state.textContent()).resolves.toContain('Planifiée');
    await page.locator('textarea[name="notes"]').fill('Badges visiteurs à retirer à l’accueil.');
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(pickup.document_id));
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    expect((await saved).status()).toBe(200);
    await page.screenshot({ path: screenshotPath('pickup-edit-state'), fullPage: true });
    const { rows } = await app.sql.query('SELECT state, notes FROM pickups WHERE document_id = $1', [pickup.document_id]);
    expect(rows).toEqual([{ state: 'planned', notes: 'Badges visiteurs à retirer à l’accueil.' }]);
  });


  it("shows a next step's owner on the interaction and offers the donor documents on a labelled donor", async () => {
    const { rows: [step] } = await app.sql.query("SELECT document_id FROM interactions WHERE next_step = 'Envoyer le projet de convention de partenariat'");
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::interaction.interaction/${step.document_id}`);
    await page.getByText('Responsable de la prochaine étape').waitFor({ timeout: 60000 });
    await page.screenshot({ path: screenshotPath('relations-interaction-owner'), fullPage: true });
    const { rows: [ubo] } = await app.sql.query("SELECT document_id FROM donors WHERE name LIKE 'Université de Bretagne Occidentale%'");
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::donor.donor/${ubo.document_id}`);
    await page.getByText('Labellisé lors de').waitFor({ timeout: 60000 });
    await page.getByRole('button', { name: 'Générer un document' }).waitFor();
    await page.screenshot({ path: screenshotPath('relations-donor-documents'), fullPage: true });
  });
});

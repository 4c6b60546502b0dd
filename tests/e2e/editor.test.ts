import type { Browser, FrameLocator, Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app';
import { chooseOption, launchBrowser, logInToAdmin, screenshotPath } from '../helpers/browser';

/**
 * Issue 17, item 6, in a real browser on the demo: merge-field chips in the template editor and
 * the campaign form; Enter in a date field takes the typed date (Ctrl + Enter saves it); the
 * preview of a convention (and of every template kind) shows the document.
 */
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

/** The first membership convention (the one the editor previews with) and its prescriber's name. */
async function firstMembershipConvention(): Promise<{ documentId: string; number: string; prescriber: string }> {
  const { rows } = await app.sql.query(
    `SELECT c.document_id, c.number, p.name FROM conventions c
       JOIN conventions_prescriber_lnk l ON l.convention_id = c.id JOIN prescribers p ON p.id = l.prescriber_id
      WHERE c.kind = 'membership' ORDER BY c.id LIMIT 1`
  );
  return { documentId: rows[0].document_id, number: rows[0].number, prescriber: rows[0].name };
}

/** The preview's text once it shows something (the editor renders it after a pause in typing). */
async function previewText(frame: FrameLocator, contains?: string): Promise<string> {
  let text = '';
  for (let i = 0; i < 60; i += 1) {
    text = await frame.locator('body').innerText().catch(() => '');
    if (text.trim().length > 0 && (!contains || text.includes(contains))) return text;
    await page.waitForTimeout(500);
  }
  return text;
}

describe('merge-field chips', () => {
  it('inserts a field at the caret of the template, keeps the focus, marks it unsaved; saved, the preview shows its value', async () => {
    const convention = await firstMembershipConvention();
    await page.goto(`${baseUrl}/admin/plugins/documents`);
    await chooseOption(page, page.getByRole('combobox', { name: 'Modèle' }), /^Convention d'adhésion/);
    const chips = page.getByTestId('merge-field-chips');
    await chips.getByText('Champs disponibles (cliquez pour insérer au curseur)').waitFor();
    // The membership convention's fields, by their French labels; not a donor's.
    await expect(chips.getByRole('button', { name: 'Nom du prescripteur', exact: true }).getAttribute('title')).resolves.toBe('{{prescriber.name}}');
    await expect(chips.getByRole('button', { name: /^Nom du donateur/ }).count()).resolves.toBe(0);

    const textarea = page.locator('textarea[name="html"]');
    await textarea.evaluate((element: HTMLTextAreaElement) => {
      const at = element.value.indexOf('</h1>') + '</h1>'.length;
      element.focus();
      element.setSelectionRange(at, at);
    });
    await chips.getByRole('button', { name: 'Nom du prescripteur', exact: true }).click();
    await expect(textarea.inputValue()).resolves.toContain('— structure prescriptrice</h1>{{prescriber.name}}');
    // The focus stays in the template, the caret after the field: typing goes on from there.
    await expect(page.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.name)).resolves.toBe('html');
    await page.keyboard.type(' ★');
    await expect(textarea.inputValue()).resolves.toContain('</h1>{{prescriber.name}} ★');
    await page.getByTestId('template-unsaved').waitFor();
    await page.screenshot({ path: screenshotPath('editor-chips'), fullPage: false });

    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Modèle enregistré (version 2).').waitFor();
    const { rows } = await app.sql.query("SELECT html, version FROM documents_templates WHERE kind = 'membership-convention'");
    expect(rows[0].version).toBe(2);
    expect(rows[0].html).toContain('</h1>{{prescriber.name}} ★');
    await expect(page.getByTestId('template-unsaved').count()).resolves.toBe(0);
    const text = await previewText(page.frameLocator('iframe[title="Aperçu"]'), `${convention.prescriber} ★`);
    expect(text).toContain(`${convention.prescriber} ★`);
    await page.screenshot({ path: screenshotPath('editor-chips-saved'), fullPage: false });
  });

  it('inserts a field at the caret of a campaign subject, the chips named by their labels', async () => {
    await page.goto(`${baseUrl}/admin/plugins/outreach`);
    await page.getByRole('link', { name: 'Nouvelle campagne' }).first().click();
    const chips = page.getByTestId('merge-fields');
    await chips.getByRole('button', { name: 'Nom de la structure', exact: true }).waitFor();
    await expect(chips.innerText()).resolves.not.toContain('{{');
    const subject = page.getByLabel('Objet');
    await subject.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' à ');
    await chips.getByRole('button', { name: 'Commune', exact: true }).click();
    await expect(subject.inputValue()).resolves.toBe('Des ordinateurs pour les familles : {{structure.name}} à {{structure.commune}}');
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('INPUT');
    await page.screenshot({ path: screenshotPath('outreach-chips'), fullPage: true });
  });
});

describe('Enter in a date field', () => {
  const saved = async (documentId: string, until: (row: Record<string, string | null>) => boolean) => {
    let row: Record<string, string | null> = {};
    for (let i = 0; i < 40; i += 1) {
      row = (await app.strapi.db.connection('conventions').where({ document_id: documentId }).first('signed_at', 'start_date', 'end_date')) as Record<string, string | null>;
      if (until(row)) break;
      await page.waitForTimeout(250);
    }
    return row;
  };

  it('takes a date pasted or typed in the field on Enter, and Ctrl + Enter saves it', async () => {
    const convention = await firstMembershipConvention();
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::convention.convention/${convention.documentId}`);
    const save = page.getByRole('button', { name: 'Enregistrer', exact: true });
    // Pasted (its calendar stays closed): Enter used to leave it as text the form never got.
    const end = page.getByRole('combobox', { name: 'Fin' });
    await end.fill('30/06/2013');
    await end.press('Enter');
    await expect(end.inputValue()).resolves.toBe('30/06/2013');
    await expect(save.isEnabled()).resolves.toBe(true);
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).resolves.toBe('30/06/2013');

    // Pasted, then Ctrl + Enter (the content manager's « save »): saved with the date.
    const signed = page.getByRole('combobox', { name: 'Signée le' });
    await signed.fill('02/09/2011');
    await signed.press('Control+Enter');
    expect(await saved(convention.documentId, (row) => row.signed_at === '2011-09-02')).toEqual({ signed_at: '2011-09-02', start_date: expect.any(String), end_date: '2013-06-30' });

    // Typed (its calendar opens), then Enter and Ctrl + Enter.
    const start = page.getByRole('combobox', { name: 'Début' });
    await start.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('15/03/2012');
    await page.keyboard.press('Enter');
    await expect(start.inputValue()).resolves.toBe('15/03/2012');
    await page.keyboard.press('Control+Enter');
    expect(await saved(convention.documentId, (row) => row.start_date === '2012-03-15')).toEqual({ signed_at: '2011-09-02', start_date: '2012-03-15', end_date: '2013-06-30' });
    await page.screenshot({ path: screenshotPath('date-enter-saved'), fullPage: false });
  });
});

describe('previews', () => {
  it("shows a membership convention's preview from its edit view, in the page", async () => {
    const convention = await firstMembershipConvention();
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::convention.convention/${convention.documentId}`);
    // Only the convention's own kind is offered: a partnership one would be refused.
    await expect(page.getByRole('combobox', { name: 'Document' }).innerText()).resolves.toContain("Convention d'adhésion");
    await page.getByRole('button', { name: 'Aperçu', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText("Aperçu : Convention d'adhésion").waitFor();
    const text = await previewText(dialog.frameLocator('iframe[title="Aperçu du document"]'), convention.number);
    expect(text).toContain(`Convention n° ${convention.number}`);
    expect(text).toContain(convention.prescriber);
    await page.screenshot({ path: screenshotPath('convention-preview-panel'), fullPage: false });
    await dialog.getByRole('button', { name: 'Fermer' }).click();
  });

  it('shows a non-empty preview, without error, for every template of the demo', async () => {
    await page.goto(`${baseUrl}/admin/plugins/documents`);
    const combo = page.getByRole('combobox', { name: 'Modèle' });
    await combo.waitFor();
    await combo.click();
    const names = (await page.getByRole('option').allTextContents()).map((n) => n.replace(/ — v\d+.*$/, ''));
    await page.keyboard.press('Escape');
    expect(names.length).toBeGreaterThanOrEqual(12);
    const empty: string[] = [];
    for (const name of names) {
      // Each template's own preview: the request its choice sends, answered, then shown.
      const response = page.waitForResponse((r) => r.url().endsWith('/documents/preview') && r.request().method() === 'POST', { timeout: 60000 });
      await chooseOption(page, combo, new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      const answer = await response;
      const html = answer.ok() ? ((await answer.json()) as { data: { html: string } }).data.html : '';
      const text = await previewText(page.frameLocator('iframe[title="Aperçu"]'));
      if (!answer.ok() || html.length < 200 || text.trim().length < 50) empty.push(`${name} (${answer.status()})`);
      if (name.startsWith('Convention de partenariat')) await page.screenshot({ path: screenshotPath('editor-preview-partnership'), fullPage: false });
    }
    expect(empty).toEqual([]);
  });
});

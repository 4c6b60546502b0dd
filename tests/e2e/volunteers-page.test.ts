import type { Browser, Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/app';
import { staffToken } from '../helpers/admin';
import { chooseOption, launchBrowser, logInToAdmin, screenshotPath } from '../helpers/browser';
import { grantSkill, parisDay } from '../helpers/qualifications';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp';

// Issue 18 in the browser: a person signs up on the public site, the coordination welcomes them on
// the « Bénévoles » page, then requires a skill for a stage in the workflow settings.
const COORDINATION = { email: 'coordination-benevoles@seconde-vie.test', password: 'Mot-de-passe-2012' };

let app: TestApp;
let smtp: SmtpCapture;
let browser: Browser;
let page: Page;
let baseUrl: string;

const today = () => parisDay();
const shifted = parisDay;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_PORT = String(smtp.port);
  app = await startApp('base');
  baseUrl = await app.listen();
  browser = await launchBrowser();
  await staffToken(app, 'seconde-vie-coordination', COORDINATION.email);
  // A member of the team whose skills show the three tones.
  const member = (await app.strapi.documents('api::volunteer.volunteer').create({ data: { name: 'Loïc Trébaol', startDate: '2011-09-01' } as never })) as { documentId: string };
  await grantSkill(app, member.documentId, 'erasure', { grantedOn: shifted(-370), expiresOn: shifted(-10) });
  await grantSkill(app, member.documentId, 'cleaning', { grantedOn: shifted(-200), expiresOn: shifted(12) });
  await grantSkill(app, member.documentId, 'sorting', { grantedOn: shifted(-200) });
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await smtp?.stop();
});

describe('the « Bénévoles » page and the qualification settings', () => {
  it('welcomes a person who signed up on the public site', async () => {
    const site = await browser.newPage();
    await site.goto(`${baseUrl}/devenir-benevole`);
    await site.fill('#name', 'Maëlys Guivarc’h');
    await site.fill('#email', 'maelys@exemple.test');
    await site.fill('#availability', 'Le jeudi');
    await site.check('input[name="skills"][value="reinstalling"]');
    await site.check('#consent');
    await Promise.all([site.waitForLoadState('load'), site.click('button[type="submit"]')]);
    await site.waitForSelector('text=Votre candidature a bien été reçue');
    await site.close();

    await logInToAdmin(page, baseUrl, COORDINATION);
    await page.getByRole('link', { name: 'Bénévoles' }).first().click();
    const candidates = page.locator('[data-column="candidates"]');
    await candidates.getByText('Maëlys Guivarc’h').waitFor({ timeout: 60000 });
    for (const heading of ['Candidat·e·s (1)', 'Actif·ve·s (1)', 'Parti·e·s (0)']) await page.getByRole('heading', { name: heading }).waitFor();
    const loic = page.locator('[data-column="active"]').getByTestId('team-member').filter({ hasText: 'Loïc Trébaol' });
    expect(await loic.locator('[data-tone="expired"]').innerText()).toContain('Effacement certifié — expirée depuis le');
    expect(await loic.locator('[data-tone="expiring"]').innerText()).toContain('Nettoyage — expire le');
    expect(await loic.locator('[data-tone="valid"]').innerText()).toBe('Tri — sans limite');
    // The name links to the content manager's edit view.
    expect(await loic.getByRole('link', { name: 'Loïc Trébaol' }).getAttribute('href')).toMatch(/\/admin\/content-manager\/collection-types\/api::volunteer\.volunteer\/[a-z0-9]{24}$/);
    await page.screenshot({ path: screenshotPath('benevoles-avant-accueil'), fullPage: true });

    await candidates.getByTestId('team-member').filter({ hasText: 'Maëlys Guivarc’h' }).getByRole('button', { name: 'Accueillir' }).click();
    await page.locator('[data-column="active"]').getByText('Maëlys Guivarc’h').waitFor();
    await page.getByRole('heading', { name: 'Candidat·e·s (0)' }).waitFor();
    await page.getByText('Aucune candidature en attente.').waitFor();
    await page.screenshot({ path: screenshotPath('benevoles-apres-accueil'), fullPage: true });
    const { rows } = await app.sql.query("SELECT membership, start_date::text AS start, consent_date::text AS consent FROM volunteers WHERE email = 'maelys@exemple.test'");
    expect(rows).toEqual([{ membership: 'active', start: today(), consent: today() }]);
  });

  it('sets a stage’s required skill in the workflow settings, kept after a reload', async () => {
    await page.goto(`${baseUrl}/admin/plugins/pipeline/settings`);
    const qualifications = page.getByTestId('settings-qualifications');
    await qualifications.waitFor({ timeout: 60000 });
    await page.screenshot({ path: screenshotPath('reglages-actions-qualifiees'), fullPage: false });
    await expect(qualifications.getByRole('combobox', { name: 'Compétence requise pour l’effacement certifié' }).innerText()).resolves.toContain('Effacement certifié');
    await expect(qualifications.getByRole('checkbox', { name: 'Super-administrateurs' }).getAttribute('aria-checked')).resolves.toBe('true');
    await expect(qualifications.getByRole('checkbox', { name: 'Coordination' }).getAttribute('aria-checked')).resolves.toBe('false');

    const cleaning = page.getByTestId('stage-cleaning').getByRole('combobox', { name: 'Compétence requise' });
    await expect(cleaning.innerText()).resolves.toContain('Aucune');
    await chooseOption(page, cleaning, 'Nettoyage');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Workflow enregistré.').waitFor();
    await page.screenshot({ path: screenshotPath('reglages-competence-etape'), fullPage: false });

    await page.reload();
    const reloaded = page.getByTestId('stage-cleaning').getByRole('combobox', { name: 'Compétence requise' });
    await reloaded.waitFor({ timeout: 60000 });
    await expect(reloaded.innerText()).resolves.toContain('Nettoyage');
    const stored = await app.strapi.plugin('pipeline').service('workflows').get('machines');
    expect(stored.stages.find((s: { key: string }) => s.key === 'cleaning').requiredSkill).toBe('cleaning');
    expect(stored.qualifications).toEqual({ erasure: 'erasure', exempt: ['strapi-super-admin'] });
    await page.getByTestId('stage-cleaning').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('reglages-competence-etape-recharge'), fullPage: false });
  });
});

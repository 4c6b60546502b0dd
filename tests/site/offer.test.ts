import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app';
import { launchBrowser, logInToAdmin, screenshotPath } from '../helpers/browser';
import { startAppWithMail, type SmtpCapture } from '../helpers/smtp';

const COORDINATORS = 'coordination@atelier.test';

let app: TestApp;
let smtp: SmtpCapture;
let mailed: Awaited<ReturnType<typeof startAppWithMail>> | undefined;
let browser: Browser;
let base: string;

async function counts(): Promise<{ donors: number; interactions: number }> {
  const { rows } = await app.sql.query(
    'SELECT (SELECT COUNT(*) FROM donors)::int AS donors, (SELECT COUNT(*) FROM interactions)::int AS interactions',
  );
  return rows[0] as { donors: number; interactions: number };
}

const valid = (over: Record<string, string> = {}) => ({
  organisation: 'Mairie de Plougastel',
  contactName: 'Anne Le Gall',
  email: 'anne.legall@plougastel.test',
  phone: '02 98 00 00 00',
  quantity: '35',
  equipment: 'desktop',
  location: 'Plougastel-Daoulas',
  message: 'Des postes de 2019, avec écrans.',
  ...over,
});

/** A same-origin form post, as the browser sends it. */
const post = (form: Record<string, string>) =>
  app.http().post('/donner').type('form').set('Origin', new URL(base).origin).send(form);

beforeAll(async () => {
  mailed = await startAppWithMail(COORDINATORS);
  ({ app, smtp, base } = mailed);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await mailed?.stop();
});

beforeEach(async () => {
  await app.sql.query('DELETE FROM sv_site_offer_attempts');
});

describe('the "Proposer un don" form', () => {
  it('creates a prospect with its interaction, visible in the admin, and e-mails coordinators and visitor', async () => {
    const before = await counts();
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(`${base}/donner`);
    await page.fill('#organisation', 'Communauté de communes du Pays des Abers');
    await page.fill('#contactName', 'Yann Kerbrat');
    await page.fill('#email', 'yann.kerbrat@abers.test');
    await page.fill('#phone', '02 98 12 34 56');
    await page.fill('#quantity', '120');
    await page.selectOption('#equipment', 'laptop');
    await page.fill('#location', 'Lannilis');
    await page.fill('#message', 'Renouvellement du parc des écoles, enlèvement possible en juin.');
    await Promise.all([page.waitForLoadState('load'), page.click('button[type="submit"]')]);
    await page.waitForSelector('text=Votre proposition de don');
    await page.screenshot({ path: screenshotPath('site-375-donner-merci'), fullPage: true });
    await page.close();

    expect(await counts()).toEqual({ donors: before.donors + 1, interactions: before.interactions + 1 });
    const { rows } = await app.sql.query(
      `SELECT d.document_id, d.relationship, d.commune, d.public_listing_consent, i.kind, i.summary
       FROM donors d JOIN interactions_donor_lnk l ON l.donor_id = d.id JOIN interactions i ON i.id = l.interaction_id
       WHERE d.name = $1`,
      ['Communauté de communes du Pays des Abers'],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ relationship: 'prospect', commune: 'Lannilis', public_listing_consent: false, kind: 'email' });
    expect(rows[0].summary).toContain('120 × Ordinateurs portables');

    const toCoordinators = await smtp.waitFor((m) => m.to.includes(COORDINATORS));
    expect(toCoordinators.parsed.subject).toBe('Proposition de don : Communauté de communes du Pays des Abers (120 machines)');
    expect(toCoordinators.parsed.text).toContain('yann.kerbrat@abers.test');
    const toVisitor = await smtp.waitFor((m) => m.to.includes('yann.kerbrat@abers.test'));
    expect(toVisitor.parsed.subject).toBe('Votre proposition de don a bien été reçue');
    // Only the workshop's own words go to the address typed (tests/security/mail.test.ts).
    expect(toVisitor.parsed.text).toContain('120 × ordinateurs portables');
    expect(toVisitor.parsed.text).not.toContain('Yann Kerbrat');

    // Staff find the prospect in the admin's content manager.
    const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await logInToAdmin(admin, base);
    await admin.goto(`${base}/admin/content-manager/collection-types/api::donor.donor/${rows[0].document_id}`);
    await admin.waitForSelector('input[value="Communauté de communes du Pays des Abers"]', { timeout: 60000 });
    await admin.screenshot({ path: screenshotPath('site-admin-prospect'), fullPage: false });
    await admin.close();
  });

  it('announces the errors of an empty form in the browser, accessibly, at 375 px', async () => {
    const before = await counts();
    // bypassCSP only to inject axe-core: the page itself runs no script.
    const context = await browser.newContext({ viewport: { width: 375, height: 800 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${base}/donner`);
    await page.fill('#contactName', 'Gaëlle');
    await Promise.all([page.waitForLoadState('load'), page.click('button[type="submit"]')]);
    const alert = page.locator('[role="alert"]');
    expect(await alert.innerText()).toContain('Le formulaire contient des erreurs');
    expect(await alert.innerText()).toContain('Indiquez le nom de votre organisation.');
    expect(await page.locator('#organisation').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#organisation').getAttribute('aria-describedby')).toContain('organisation-erreur');
    expect(await page.locator('#contactName').inputValue()).toBe('Gaëlle');
    await page.screenshot({ path: screenshotPath('site-375-donner-erreurs'), fullPage: true });
    await page.addScriptTag({ content: fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
    const violations = (await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string | null }> }> } }).axe;
      return (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations;
    })) as Array<{ id: string; impact: string | null }>;
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await context.close();
    expect(await counts()).toEqual(before);
  });

  it('writes the prospect and its interaction all or nothing', async () => {
    let failInteraction = true;
    const use = app.strapi.documents.use as unknown as (mw: (ctx: { uid: string; action: string }, next: () => Promise<unknown>) => Promise<unknown>) => void;
    use(async (ctx, next) => {
      if (failInteraction && ctx.uid === 'api::interaction.interaction' && ctx.action === 'create') throw new Error('panne simulée');
      return next();
    });
    const before = await counts();
    const res = await post(valid({ organisation: 'Lycée de l’Harteloire', email: 'cdi@harteloire.test' }));
    expect(res.status).toBe(500);
    expect(res.text).toContain('Votre proposition n’a pas pu être enregistrée');
    expect(res.text).toContain('value="Lycée de l’Harteloire"');
    failInteraction = false;
    expect(await counts()).toEqual(before);
    const { rows } = await app.sql.query("SELECT COUNT(*)::int AS n FROM donors WHERE name = 'Lycée de l’Harteloire'");
    expect(rows[0].n).toBe(0);
  });

  it('refuses missing and invalid fields with a French message per field, keeps the values, creates nothing', async () => {
    const before = await counts();
    const res = await post({ organisation: '', contactName: 'Anne', email: 'pas-une-adresse', quantity: 'beaucoup', equipment: '', location: '' });
    expect(res.status).toBe(400);
    for (const message of [
      'Indiquez le nom de votre organisation.',
      'L’adresse e-mail n’est pas valide (exemple : nom@organisation.fr).',
      'Le nombre de machines doit être un nombre entier entre 1 et 10 000.',
      'Choisissez le type de matériel.',
      'Indiquez la commune où se trouve le matériel.',
    ]) expect(res.text).toContain(message);
    expect(res.text).toContain('role="alert"');
    expect(res.text).toContain('id="email" name="email" required aria-required="true" aria-invalid="true"');
    expect(res.text).toContain('value="pas-une-adresse"');
    expect(res.text).toContain('value="Anne"');
    expect(await counts()).toEqual(before);
  });

  it('refuses 10 KB of text clearly, in French', async () => {
    const before = await counts();
    const res = await post(valid({ message: 'x'.repeat(10 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.text).toContain('Votre envoi est trop volumineux (10 Ko de texte au plus)');
    expect(await counts()).toEqual(before);
  });

  it('echoes and stores script tags as text, never as markup', async () => {
    const refused = await post({ organisation: '<script>alert(1)</script>', email: '"><script>alert(2)</script>' });
    expect(refused.status).toBe(400);
    expect(refused.text).not.toContain('<script>');
    expect(refused.text).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(refused.text).toContain('value="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"');

    const before = await counts();
    const res = await post(valid({ organisation: 'Asso <script>alert(3)</script>', message: '<img src=x onerror=alert(4)>' }));
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/<script>|<img src=x/);
    expect(res.text).toContain('Asso &lt;script&gt;alert(3)&lt;/script&gt;');
    expect(await counts()).toEqual({ donors: before.donors + 1, interactions: before.interactions + 1 });
    const { rows } = await app.sql.query('SELECT name FROM donors WHERE name LIKE $1', ['Asso %']);
    expect(rows[0].name).toBe('Asso <script>alert(3)</script>');
  });

  it('answers a filled honeypot as if all went well, and stores and sends nothing', async () => {
    const before = await counts();
    const mails = smtp.messages.length;
    const res = await post({ ...valid({ organisation: 'Robot SARL', email: 'robot@spam.test' }), website: 'https://spam.test' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('a bien été reçue');
    expect(await counts()).toEqual(before);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.messages.length).toBe(mails);
  });

  it('refuses a post from another site (CSRF), in French', async () => {
    const before = await counts();
    const res = await app.http().post('/donner').type('form').set('Origin', 'https://malveillant.example').send(valid());
    expect(res.status).toBe(403);
    expect(res.text).toContain('Ce formulaire doit être envoyé depuis notre site.');
    const noOrigin = await app.http().post('/donner').type('form').send(valid());
    expect(noOrigin.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('answers a burst of 50 posts from one address with 429 in French beyond the limit (10 an hour)', async () => {
    const before = await counts();
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(valid({ organisation: 'Communauté de communes du Pays des Abers' }))));
    const accepted = responses.filter((r) => r.status === 200).length;
    const limited = responses.filter((r) => r.status === 429);
    expect(accepted).toBeLessThanOrEqual(10);
    expect(limited.length).toBeGreaterThanOrEqual(40);
    expect(accepted + limited.length).toBe(50);
    expect(limited[0].text).toContain('Trop d’envois depuis votre connexion.');
    expect(limited[0].headers['retry-after']).toBe('3600');
    // Each accepted post is its own prospect with its interaction (an offer naming a known donor is
    // never attached to that donor's record); a refused one writes nothing.
    expect(await counts()).toEqual({ donors: before.donors + accepted, interactions: before.interactions + accepted });
    const { rows } = await app.sql.query('SELECT COUNT(*)::int AS n FROM sv_site_offer_attempts WHERE ip IS NOT NULL');
    expect(rows[0].n).toBe(50);
  });
});

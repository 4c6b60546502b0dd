import type { Browser } from 'playwright-core';
import type { TestApp } from '../helpers/app';
import { launchBrowser, screenshotPath, seriousAxeViolations } from '../helpers/browser';
import { parisDay } from '../helpers/qualifications';
import { startAppWithMail, type SmtpCapture } from '../helpers/smtp';

// The « Devenir bénévole » form (docs/volunteers.md): a candidate volunteer, the coordinators told
// by e-mail (a real SMTP server on loopback), the donation offer's protections.
const COORDINATORS = 'coordination@atelier.test';
const PARIS_TODAY = () => parisDay();

let app: TestApp;
let smtp: SmtpCapture;
let mailed: Awaited<ReturnType<typeof startAppWithMail>> | undefined;
let browser: Browser;
let base: string;

const volunteers = async (): Promise<number> => (await app.sql.query('SELECT COUNT(*)::int AS n FROM volunteers')).rows[0].n as number;

const valid = (over: Record<string, string | string[]> = {}) => ({
  name: 'Gwenaëlle Morvan',
  email: 'gwen.morvan@exemple.test',
  phone: '06 12 34 56 78',
  availability: 'Le mardi après-midi',
  skills: ['cleaning', 'reinstalling'],
  wishes: 'J’ai déjà installé Linux Mint chez des voisins.',
  consent: 'oui',
  ...over,
});

/** A same-origin form post, as the browser sends it (repeated `skills` fields). */
const post = (form: Record<string, string | string[]>) =>
  app.http().post('/devenir-benevole').type('form').set('Origin', new URL(base).origin).send(new URLSearchParams(Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))).toString());

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

describe('the « Devenir bénévole » page', () => {
  it('is in the navigation, renders the form with the skills catalogue, accessibly at 375 px', async () => {
    const home = await app.http().get('/');
    expect(home.text).toContain('<a href="/devenir-benevole">Devenir bénévole</a>');
    const context = await browser.newContext({ viewport: { width: 375, height: 800 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${base}/devenir-benevole`);
    expect(await page.locator('h1').innerText()).toBe('Devenir bénévole');
    expect(await page.locator('input[name="skills"]').count()).toBe(6);
    expect(await page.locator('label.choice', { hasText: 'Effacement certifié' }).count()).toBe(1);
    expect(await page.locator('#consent').getAttribute('required')).not.toBeNull();
    await page.screenshot({ path: screenshotPath('site-375-devenir-benevole'), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await context.close();
  });

  it('creates a candidate (consent dated today in Paris) and e-mails the coordinators; the answer shows nothing typed', async () => {
    const before = await volunteers();
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(`${base}/devenir-benevole`);
    await page.fill('#name', 'Yannig Le Bihan');
    await page.fill('#email', 'yannig.lebihan@exemple.test');
    await page.fill('#availability', 'Un samedi par mois');
    await page.check('input[name="skills"][value="sorting"]');
    await page.check('input[name="skills"][value="pickup"]');
    await page.fill('#wishes', 'Je conduis, je peux aider aux collectes.');
    await page.check('#consent');
    await Promise.all([page.waitForLoadState('load'), page.click('button[type="submit"]')]);
    await page.waitForSelector('text=Votre candidature a bien été reçue');
    const answer = await page.content();
    expect(answer).not.toContain('Yannig');
    expect(answer).not.toContain('yannig.lebihan@exemple.test');
    await page.screenshot({ path: screenshotPath('site-375-devenir-benevole-merci'), fullPage: true });
    await page.close();

    expect(await volunteers()).toBe(before + 1);
    const { rows } = await app.sql.query(
      "SELECT membership, email, phone, availability, notes, start_date, end_date, consent_date::text AS consent FROM volunteers WHERE name = 'Yannig Le Bihan'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ membership: 'candidate', email: 'yannig.lebihan@exemple.test', phone: null, availability: 'Un samedi par mois', start_date: null, end_date: null, consent: PARIS_TODAY() });
    expect(rows[0].notes).toContain('Aimerait faire : Collecte, Tri.');
    expect(rows[0].notes).toContain('Je conduis, je peux aider aux collectes.');

    const notice = await smtp.waitFor((m) => m.to.includes(COORDINATORS));
    expect(notice.parsed.subject).toBe('Candidature bénévole : Yannig Le Bihan');
    expect(notice.parsed.text).toContain('yannig.lebihan@exemple.test');
    expect(notice.parsed.text).toContain('Aimerait faire : Collecte, Tri');
    expect(notice.parsed.replyTo?.text).toBe('yannig.lebihan@exemple.test');
    const confirmation = await smtp.waitFor((m) => m.to.includes('yannig.lebihan@exemple.test'));
    expect(confirmation.parsed.subject).toBe('Votre candidature de bénévole a bien été reçue');
    // Only the workshop's own words go to the address typed, which nobody has verified.
    expect(confirmation.parsed.text).not.toContain('Yannig');
    expect(confirmation.parsed.text).not.toContain('collectes');
  });

  it('accepts a phone number alone, and sends no confirmation to an address nobody gave', async () => {
    const mails = smtp.messages.length;
    const res = await post(valid({ name: 'Per Jakez', email: '', phone: '02 98 00 00 01', skills: [] }));
    expect(res.status).toBe(200);
    const { rows } = await app.sql.query("SELECT membership, email, phone FROM volunteers WHERE name = 'Per Jakez'");
    expect(rows).toEqual([{ membership: 'candidate', email: null, phone: '02 98 00 00 01' }]);
    const notice = await smtp.waitFor((m) => m.to.includes(COORDINATORS) && m.parsed.subject === 'Candidature bénévole : Per Jakez');
    expect(notice.parsed.replyTo?.text ?? '').not.toContain('@exemple.test');
    expect(smtp.messages.slice(mails).every((m) => m.to.includes(COORDINATORS))).toBe(true);
  });

  it('refuses invalid input with a French message per field (400), keeps the values, creates nothing', async () => {
    const before = await volunteers();
    const res = await post({ name: '', email: '', phone: '', skills: ['sorting', 'piratage'], availability: 'x'.repeat(501), consent: '' });
    expect(res.status).toBe(400);
    for (const message of [
      'Indiquez votre nom (ou un prénom et une initiale).',
      'Indiquez une adresse e-mail ou un numéro de téléphone, pour que nous puissions vous répondre.',
      'Choisissez parmi les activités proposées.',
      'Les disponibilités ne doivent pas dépasser 500 caractères.',
      'Cochez la case d’accord pour que nous puissions garder vos coordonnées et vous recontacter.',
    ]) expect(res.text).toContain(message);
    expect(res.text).toContain('role="alert"');
    expect(res.text).toContain('value="sorting" checked');
    const bad = await post(valid({ email: 'pas-une-adresse', phone: 'abc' }));
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('L’adresse e-mail n’est pas valide');
    expect(bad.text).toContain('Le numéro de téléphone n’est pas valide');
    expect(bad.text).toContain('value="pas-une-adresse"');
    const tooLarge = await post(valid({ wishes: 'x'.repeat(10 * 1024) }));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.text).toContain('Votre envoi est trop volumineux');
    expect(await volunteers()).toBe(before);
  });

  it('neutralises HTML and CR/LF: stored as text, escaped in the page and the e-mail, no header injected', async () => {
    const refused = await post({ name: '<script>alert(1)</script>', email: '"><img src=x onerror=alert(2)>' });
    expect(refused.status).toBe(400);
    expect(refused.text).not.toMatch(/<script>alert|<img src=x/);
    expect(refused.text).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');

    const res = await post(valid({ name: 'Ewen <b>Gras</b>\r\nBcc: intrus@malveillant.test', email: 'ewen@exemple.test', wishes: '<img src=x onerror=alert(3)>\r\nDeuxième ligne' }));
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('Ewen');
    const { rows } = await app.sql.query("SELECT name, notes FROM volunteers WHERE email = 'ewen@exemple.test'");
    expect(rows[0].name).toBe('Ewen <b>Gras</b> Bcc: intrus@malveillant.test');
    expect(rows[0].notes).toContain('<img src=x onerror=alert(3)>\nDeuxième ligne');
    const notice = await smtp.waitFor((m) => m.to.includes(COORDINATORS) && (m.parsed.subject ?? '').startsWith('Candidature bénévole : Ewen'));
    expect(notice.parsed.subject).toBe('Candidature bénévole : Ewen <b>Gras</b> Bcc: intrus@malveillant.test');
    expect(notice.to).toEqual([COORDINATORS]);
    expect(notice.parsed.bcc).toBeUndefined();
    expect(smtp.messages.some((m) => m.to.includes('intrus@malveillant.test'))).toBe(false);
    expect(notice.parsed.html).toContain('&lt;img src=x onerror=alert(3)&gt;');
    expect(notice.parsed.html).toContain('Ewen &lt;b&gt;Gras&lt;/b&gt;');
    expect(notice.parsed.html).not.toMatch(/<img src=x|<b>Gras/);
  });

  it('answers a filled honeypot as if all went well, stores and sends nothing', async () => {
    const before = await volunteers();
    const mails = smtp.messages.length;
    const res = await post({ ...valid({ name: 'Robot', email: 'robot@spam.test' }), website: 'https://spam.test' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Votre candidature a bien été reçue');
    expect(await volunteers()).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.messages.length).toBe(mails);
  });

  it('refuses a post from another site (CSRF), in French, creating nothing', async () => {
    const before = await volunteers();
    const res = await app.http().post('/devenir-benevole').type('form').set('Origin', 'https://malveillant.example').send(valid());
    expect(res.status).toBe(403);
    expect(res.text).toContain('Ce formulaire doit être envoyé depuis notre site.');
    // A file sent with it is refused unread (src/http/body.ts: this route takes none).
    const multipart = await app.http().post('/devenir-benevole').set('Origin', new URL(base).origin).field('name', 'Fichier').attach('wishes', Buffer.from('%PDF-1.4'), 'a.pdf');
    expect(multipart.status).toBe(415);
    expect(await volunteers()).toBe(before);
  });

  it('answers a burst of 30 posts from one address with 429 in French beyond the limit (10 an hour)', async () => {
    const before = await volunteers();
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => post(valid({ name: `Rafale ${i}`, email: `rafale${i}@exemple.test` }))));
    const accepted = responses.filter((r) => r.status === 200).length;
    const limited = responses.filter((r) => r.status === 429);
    expect(accepted).toBeLessThanOrEqual(10);
    expect(accepted + limited.length).toBe(30);
    expect(limited[0].text).toContain('Trop d’envois depuis votre connexion.');
    expect(limited[0].headers['retry-after']).toBe('3600');
    expect(await volunteers()).toBe(before + accepted);
  });
});

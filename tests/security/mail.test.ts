import type { TestApp } from '../helpers/app';
import { adminToken } from '../helpers/admin';
import { startAppWithMail, type CapturedMail, type SmtpCapture } from '../helpers/smtp';
import { fixtures } from '../pipeline/fixtures';

// Finding 6: every e-mail has a text part and an escaped HTML part; what a visitor types is never
// interpreted, never folds a header, and never travels to the address the visitor typed.
const COORDINATORS = 'coordination@atelier.test';
const PHISHING = '<a href="https://evil.test/connexion">Votre compte sera suspendu : cliquez ici</a><img src="https://evil.test/pixel.gif">';

let app: TestApp;
let smtp: SmtpCapture;
let mailed: Awaited<ReturnType<typeof startAppWithMail>> | undefined;
let base: string;

const post = (form: Record<string, string>) => app.http().post('/donner').type('form').set('Origin', new URL(base).origin).send(form);

const offer = (over: Record<string, string>) => ({
  organisation: 'Mairie de Guipavas',
  contactName: 'Anne Le Gall',
  email: 'anne.legall@guipavas.test',
  quantity: '12',
  equipment: 'laptop',
  location: 'Guipavas',
  message: '',
  ...over,
});

/** What a mail client shows: the HTML part when there is one. */
const htmlOf = (mail: CapturedMail) => String(mail.parsed.html || '');

beforeAll(async () => {
  mailed = await startAppWithMail(COORDINATORS);
  ({ app, smtp, base } = mailed);
});

afterAll(async () => {
  await mailed?.stop();
});

beforeEach(async () => {
  await app.sql.query('DELETE FROM sv_site_offer_attempts');
});

describe('the « Proposer un don » e-mails', () => {
  it('show the visitor’s markup to the coordinators as text, in an HTML part of its own', async () => {
    expect((await post(offer({ organisation: 'Ville <b>de</b> Brest', message: PHISHING }))).status).toBe(200);
    const notice = await smtp.waitFor((m) => m.to.includes(COORDINATORS) && String(m.parsed.subject).includes('Ville'));
    expect(notice.parsed.text).toContain(PHISHING);
    const html = htmlOf(notice);
    expect(html).not.toBe('');
    expect(html).not.toContain('<a href="https://evil.test');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>de</b>');
    expect(html).toContain('&lt;a href=&quot;https://evil.test/connexion&quot;&gt;');
  });

  it('send the address typed to nobody but the workshop’s own words: no name, organisation or message', async () => {
    const res = await post(offer({ organisation: 'Banque Postale Sécurité', contactName: 'Service client : appelez le 08 99 00 00 00', email: 'victime@exemple.test', message: PHISHING }));
    expect(res.status).toBe(200);
    const confirmation = await smtp.waitFor((m) => m.to.includes('victime@exemple.test'));
    const everything = `${confirmation.parsed.subject} ${confirmation.parsed.text} ${htmlOf(confirmation)}`;
    for (const typed of ['Banque Postale', '08 99 00 00 00', 'Service client', 'evil.test', 'suspendu']) expect(everything).not.toContain(typed);
    expect(htmlOf(confirmation)).not.toBe('');
  });

  it('show an address in angle brackets, not lose it as an unknown tag', async () => {
    await post(offer({ email: 'yann.kerbrat@abers.test', organisation: 'Communauté des Abers' }));
    const confirmation = await smtp.waitFor((m) => m.to.includes('yann.kerbrat@abers.test'));
    expect(confirmation.parsed.text).toContain('<yann.kerbrat@abers.test>');
    expect(htmlOf(confirmation)).toContain('&lt;yann.kerbrat@abers.test&gt;');
    const notice = await smtp.waitFor((m) => m.to.includes(COORDINATORS) && String(m.parsed.subject).includes('Abers'));
    expect(htmlOf(notice)).toContain('Anne Le Gall &lt;yann.kerbrat@abers.test&gt;');
  });

  it('keep line breaks typed in names and addresses out of the headers: no extra recipient, no extra header', async () => {
    const before = smtp.messages.length;
    await post(offer({ organisation: 'Lycée Vauban\r\nBcc: espion@evil.test', contactName: 'Jo\r\nX-Injected: oui', email: 'jo@vauban.test' }));
    const notice = await smtp.waitFor((m) => m.to.includes(COORDINATORS) && String(m.parsed.subject).includes('Vauban'));
    expect(notice.parsed.subject).toBe('Proposition de don : Lycée Vauban Bcc: espion@evil.test (12 machines)');
    expect(notice.parsed.headers.has('x-injected')).toBe(false);
    expect(notice.parsed.headers.has('bcc')).toBe(false);
    // An address with a second one or a header hidden in it is refused by the form: nothing is sent.
    const refused = await post(offer({ email: 'jo@vauban.test\r\nBcc: espion@evil.test' }));
    expect(refused.status).toBe(400);
    const refusedComma = await post(offer({ email: 'jo,espion@evil.test' }));
    expect(refusedComma.status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.messages.slice(before).flatMap((m) => m.to)).not.toContain('espion@evil.test');
  });
});

describe('e-mails built from staff text', () => {
  it('the low-stock alert has an HTML part where a part’s description is text', async () => {
    const jwt = await adminToken(app);
    const f = fixtures(app);
    const part = await app.strapi.documents('api::part.part').create({
      data: { category: 'webcam', description: 'Webcam <script>x</script> & micro', quantityOnHand: 1, lowStockThreshold: 0 },
    });
    const machine = await f.machine([]);
    await app.http().post(`/pipeline/machines/${machine.documentId}/parts`).set({ Authorization: `Bearer ${jwt}` }).send({ part: part.documentId, quantity: 1 }).expect(200);
    const alert = await smtp.waitFor((m) => String(m.parsed.subject).startsWith('Stock bas : Webcam'));
    expect(alert.parsed.text).toContain('Webcam <script>x</script> & micro');
    expect(htmlOf(alert)).toContain('Webcam &lt;script&gt;x&lt;/script&gt; &amp; micro');
    expect(htmlOf(alert)).not.toContain('<script>');
  });
});

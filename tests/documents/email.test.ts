import crypto from 'node:crypto';
import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp';
import { adminToken, binary, removeUploads } from './helpers/admin';
import { pdftotext, plain, qpdfCheck } from './helpers/pdf';

let app: TestApp;
let smtp: SmtpCapture;
let token: string;
const auth = () => ({ Authorization: `Bearer ${token}` });
const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

type Issued = { documentId: string; number: string; sha256: string; targetDocumentId: string };
let convention: Issued;
const DONOR_EMAIL = 'a.kerherve@chu-brest.example';

beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_PORT = String(smtp.port);
  app = await startApp('demo');
  token = await adminToken(app);
  const row = await app.strapi.db.query('api::convention.convention').findOne({ where: { donor: { name: 'CHU de Brest' } } });
  const res = await app.http().post('/documents/generate').set(auth()).send({ kind: 'partnership-convention', documentId: row.documentId });
  expect(res.status).toBe(201);
  convention = res.body.data;
});

afterAll(async () => {
  if (app) await removeUploads(app);
  await app?.stop();
  await smtp?.stop().catch(() => undefined);
});

// What the database holds (the json column may come back from the driver as text: parsed here).
const sendings = async () => (await app.sql.query('SELECT status, recipients, sent_by_name, error FROM documents_sendings ORDER BY id')).rows
  .map((row) => ({ ...row, recipients: typeof row.recipients === 'string' ? JSON.parse(row.recipients) : row.recipients }));

describe('e-mailing an issued document', () => {
  it('suggests the donor contact’s address for a partnership convention', async () => {
    const res = await app.http().get(`/documents/generated/${convention.documentId}/recipients`).set(auth());
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ donateur: [DONOR_EMAIL], prescripteur: [], suggested: 'donateur' });
  });

  it('sends the stored PDF as an attachment over real SMTP, and records who sent it to whom', async () => {
    const res = await app.http().post(`/documents/generated/${convention.documentId}/send`).set(auth())
      .send({ to: [DONOR_EMAIL, 'juridique@chu-brest.example'], message: 'Voici la convention à signer.' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ status: 'sent', recipients: [DONOR_EMAIL, 'juridique@chu-brest.example'], sentByName: expect.any(String) });

    const mail = await smtp.waitFor((m) => m.to.includes(DONOR_EMAIL));
    expect(mail.to).toEqual([DONOR_EMAIL, 'juridique@chu-brest.example']);
    expect(mail.parsed.subject).toContain(convention.number);
    expect(mail.parsed.text).toContain('Voici la convention à signer.');
    expect(mail.parsed.text).toContain(`/verify/${convention.number}`);
    const [attachment] = mail.parsed.attachments;
    expect(attachment.filename).toBe(`${convention.number}.pdf`);
    expect(attachment.contentType).toBe('application/pdf');
    expect(sha256(attachment.content)).toBe(convention.sha256);
    await qpdfCheck(attachment.content);
    expect(plain(await pdftotext(attachment.content))).toContain(convention.number);

    const list = await app.http().get('/documents/generated').query({ targetUid: 'api::convention.convention', targetDocumentId: convention.targetDocumentId }).set(auth());
    const listed = list.body.data.find((d: Issued) => d.documentId === convention.documentId);
    expect(listed.sendings).toEqual([expect.objectContaining({ status: 'sent', recipients: [DONOR_EMAIL, 'juridique@chu-brest.example'] })]);
  });

  it('refuses bad recipients with a French 400 and records nothing', async () => {
    const before = (await sendings()).length;
    const cases: Array<[unknown, RegExp]> = [
      [{ to: 'pas-une-adresse' }, /Adresse e-mail invalide : « pas-une-adresse »/],
      [{ to: ['ok@example.org', 'Anne <a@b.fr>'] }, /Adresse e-mail invalide/],
      [{ to: [] }, /au moins une adresse/],
      [{ to: ' , ' }, /au moins une adresse/],
      [{}, /au moins une adresse/],
      [{ to: Array.from({ length: 11 }, (_, i) => `p${i}@example.org`) }, /Au plus 10 destinataires/],
      [{ to: 'ok@example.org', bcc: 'x@example.org' }, /Champ non autorisé/],
      [{ to: 'ok@example.org', message: 'x'.repeat(2001) }, /trop long/],
    ];
    for (const [body, message] of cases) {
      const res = await app.http().post(`/documents/generated/${convention.documentId}/send`).set(auth()).send(body as object);
      expect([res.status, res.body.error?.message]).toEqual([400, expect.stringMatching(message)]);
    }
    const missing = await app.http().post('/documents/generated/abcdefghijabcdefghij1234/send').set(auth()).send({ to: 'ok@example.org' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('Document introuvable.');
    expect((await sendings()).length).toBe(before);
  });

  it('sends with an API token through the content API', async () => {
    const apiToken = await createFullAccessToken(app.strapi, 'envoi');
    const res = await app.http().post(`/api/documents/generated/${convention.documentId}/send`).set({ Authorization: `Bearer ${apiToken}` }).send({ to: 'archives@chu-brest.example' });
    expect(res.status).toBe(201);
    expect(res.body.data.sentByName).toMatch(/^Jeton API « envoi-/);
    const mail = await smtp.waitFor((m) => m.to.includes('archives@chu-brest.example'));
    expect(sha256(mail.parsed.attachments[0].content)).toBe(convention.sha256);
    const anonymous = await app.http().post(`/api/documents/generated/${convention.documentId}/send`).send({ to: 'x@example.org' });
    expect([401, 403]).toContain(anonymous.status);
  });

  it('answers 503 in French when the SMTP server is down, records the failed attempt, and keeps the document intact', async () => {
    await smtp.stop();
    const res = await app.http().post(`/documents/generated/${convention.documentId}/send`).set(auth()).send({ to: DONOR_EMAIL });
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/serveur de messagerie est injoignable/);
    expect(res.body.error.details.sending).toMatchObject({ status: 'failed', recipients: [DONOR_EMAIL] });
    const last = (await sendings()).at(-1);
    expect(last).toMatchObject({ status: 'failed', recipients: [DONOR_EMAIL] });
    expect(last.error).toMatch(/injoignable/);
    const download = await app.http().get(`/documents/generated/${convention.documentId}/download`).set(auth()).buffer(true).parse(binary);
    expect(download.status).toBe(200);
    expect(sha256(download.body as Buffer)).toBe(convention.sha256);
  });
});

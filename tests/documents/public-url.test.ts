import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp';
import { adminToken, binary, removeUploads } from './helpers/admin';
import { readPdf } from './helpers/pdf';

// PUBLIC_URL unset, the app served on port 13391: every link the app prints or sends — QR codes,
// e-mails, the public site's canonical links — names the address it is served on, whatever Host
// header a request carries.
const BASE = 'http://localhost:13391';
let app: TestApp;
let smtp: SmtpCapture;
let jwt: string;
const auth = () => ({ Authorization: `Bearer ${jwt}` });

beforeAll(async () => {
  smtp = await startSmtpCapture();
  delete process.env.PUBLIC_URL;
  delete process.env.HOST;
  process.env.PORT = '13391';
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(smtp.port);
  process.env.COORDINATORS_EMAIL = 'coordination@atelier.test';
  app = await startApp('demo');
  jwt = await adminToken(app);
});

afterAll(async () => {
  if (app) await removeUploads(app);
  await app?.stop();
  await smtp?.stop();
  delete process.env.PORT;
});

describe('the public address when PUBLIC_URL is unset', () => {
  it('is the one printed in a certificate’s QR code', async () => {
    const { rows: [unit] } = await app.sql.query("SELECT document_id FROM machines WHERE pipeline_stage = 'handed_over' ORDER BY id LIMIT 1");
    const res = await app.http().post('/documents/generate').set(auth()).send({ kind: 'erasure-certificate', documentId: unit.document_id });
    expect(res.status).toBe(201);
    const bytes = (await app.http().get(`/documents/generated/${res.body.data.documentId}/download`).set(auth()).buffer(true).parse(binary)).body as Buffer;
    const pdf = await readPdf(bytes, { qr: true });
    expect(pdf.qr).toEqual([`${BASE}/verify/${res.body.data.number}`]);
  });

  it('is the one of the public site’s canonical links and sitemap, never the Host header a request sends', async () => {
    const home = await app.http().get('/').set('Host', 'attacker.example');
    expect(home.status).toBe(200);
    expect(home.text).toContain(`<link rel="canonical" href="${BASE}/">`);
    expect(home.text).not.toContain('attacker.example');
    const sitemap = await app.http().get('/sitemap.xml').set('Host', 'attacker.example');
    expect(sitemap.text).toContain(`<loc>${BASE}/garanties</loc>`);
    expect(sitemap.text).not.toContain('attacker.example');
  });

  it('is the one of the admin link e-mailed to the coordinators when a prescription arrives', async () => {
    const token = await createFullAccessToken(app.strapi);
    const { rows: [prescriber] } = await app.sql.query("SELECT document_id FROM prescribers WHERE name = 'CCAS de Brest'");
    const household = await app.http().post('/api/households').set({ Authorization: `Bearer ${token}` }).send({ data: { referenceName: 'Foyer Z.', commune: 'Brest' } });
    const created = await app.http().post('/api/prescriptions').set({ Authorization: `Bearer ${token}` }).set('Host', 'attacker.example')
      .send({ data: { prescriber: prescriber.document_id, household: household.body.data.documentId, needs: { deviceType: 'desktop' } } });
    expect(created.status).toBe(201);
    const mail = await smtp.waitFor((m) => m.parsed.subject?.startsWith('Nouvelle prescription') ?? false);
    expect(mail.parsed.text).toContain(`${BASE}/admin/content-manager/collection-types/api::prescription.prescription/${created.body.data.documentId}`);
  });

  it('is the one of the link in the next-steps digest', async () => {
    await app.sql.query("UPDATE admin_users SET email = 'proprietaire@atelier.test' WHERE id = (SELECT min(id) FROM admin_users)");
    // A day some open next step of the demo is due (its recent stretch is dated from the day it was loaded).
    const { rows: [due] } = await app.sql.query("SELECT to_char(max(next_step_due), 'YYYY-MM-DD') AS day FROM interactions WHERE next_step IS NOT NULL AND next_step_done_at IS NULL");
    expect(due.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const result = (await app.strapi.plugin('relations').service('steps').sendDigest(due.day)) as { sent: number };
    expect(result.sent).toBeGreaterThan(0);
    const mail = await smtp.waitFor((m) => m.parsed.text?.includes('/admin/plugins/relations') ?? false);
    expect(mail.parsed.text).toContain(`${BASE}/admin/plugins/relations`);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { startApp, type TestApp } from '../helpers/app';
import { staffToken } from '../helpers/admin';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp';
import { binary, removeUploads } from '../documents/helpers/admin';
import { plain, readPdf } from '../documents/helpers/pdf';

// « E-mail et courrier »: structures with an address get the e-mail, the others a letter in one
// PDF for the post (rendered by the documents plugin's Chromium, read back with pdftotext).
let smtp: SmtpCapture;
let app: TestApp;
let jwt: string;
const auth = () => ({ Authorization: `Bearer ${jwt}` });

const AUDIENCE = { target: 'prescriber', territories: ['brest-metropole'] };
const CAMPAIGN = {
  name: 'Présentation du dispositif — Brest métropole',
  audience: AUDIENCE,
  channel: 'both',
  subject: 'Le dispositif {{workshop.name}} pour le {{structure.name}}',
  body: 'Madame, Monsieur,\n\nNous écrivons au {{structure.name}} ({{structure.commune}}) pour présenter le dispositif.\n\nCordialement.',
  reminderDays: 30,
};

beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(smtp.port);
  process.env.OUTREACH_SEND_PER_MINUTE = '600';
  app = await startApp('demo');
  jwt = await staffToken(app, 'seconde-vie-coordination', 'coordination-letters@atelier.test');
});

afterAll(async () => {
  if (app) await removeUploads(app);
  await app?.stop();
  await smtp?.stop();
});

describe('letters for the post', () => {
  it('sends e-mails where there is an address and prints one letter per page for the others', async () => {
    const preview = (await app.http().post('/outreach/audience').set(auth()).send({ audience: AUDIENCE }).expect(200)).body.data as {
      total: number;
      members: Array<{ name: string; email: string | null; commune: string }>;
    };
    const byPost = preview.members.filter((m) => !m.email);
    const byEmail = preview.members.filter((m) => m.email);
    expect(byPost.length).toBeGreaterThanOrEqual(2);
    expect(byEmail.length).toBeGreaterThanOrEqual(1);
    // Guipavas is in Brest métropole: the territory is more than the city.
    expect(preview.members.some((m) => m.commune === 'Guipavas')).toBe(true);

    const created = await app.http().post('/outreach/campaigns').set(auth()).send(CAMPAIGN).expect(201);
    const id = created.body.data.documentId as string;
    const sent = await app.http().post(`/outreach/campaigns/${id}/send`).set(auth()).expect(200);
    expect(sent.body.data).toMatchObject({ emails: byEmail.length, letters: byPost.length, lettersError: null });
    expect(sent.body.data.lettersDocument.number).toMatch(/^CRR-\d{4}-\d{6}$/);

    const download = await app.http().get(`/outreach/campaigns/${id}/letters`).set(auth()).buffer(true).parse(binary).expect(200);
    // Kept with the screenshots (git-ignored) for a person to look at.
    fs.mkdirSync(path.resolve(__dirname, '..', '..', 'test-results'), { recursive: true });
    fs.writeFileSync(path.resolve(__dirname, '..', '..', 'test-results', 'outreach-letters.pdf'), download.body as Buffer);
    const pdf = await readPdf(download.body as Buffer);
    expect(pdf.pages).toBe(byPost.length);
    const pages = pdf.text.split('\f').map(plain).filter((p) => p.trim());
    expect(pages).toHaveLength(byPost.length);
    const sorted = [...byPost].sort((a, b) => a.name.localeCompare(b.name));
    for (const [i, member] of sorted.entries()) {
      expect(pages[i]).toContain(`Objet : Le dispositif`);
      expect(pages[i]).toContain(`Nous écrivons au ${member.name} (${member.commune})`);
      for (const other of sorted.filter((o) => o !== member)) expect(pages[i]).not.toContain(other.name);
    }

    for (let i = 0; i < 300 && (await app.http().get(`/outreach/campaigns/${id}/progress`).set(auth())).body.data.status !== 'sent'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { rows } = await app.sql.query(
      `SELECT r.delivery, COUNT(*)::int AS n FROM sv_outreach_recipients r JOIN sv_outreach_recipients_campaign_lnk l ON l.recipient_id = r.id
         JOIN sv_outreach_campaigns c ON c.id = l.campaign_id WHERE c.document_id = $1 GROUP BY r.delivery ORDER BY r.delivery`,
      [id],
    );
    expect(rows).toEqual([{ delivery: 'letter', n: byPost.length }, { delivery: 'sent', n: byEmail.length }]);
    for (const member of byEmail) expect(smtp.messages.filter((m) => m.to.includes(String(member.email)))).toHaveLength(1);
    expect(smtp.messages).toHaveLength(byEmail.length);
  });

  it('refuses letters for a campaign sent by e-mail only', async () => {
    const created = await app.http().post('/outreach/campaigns').set(auth()).send({ ...CAMPAIGN, name: 'E-mail seulement', channel: 'email', audience: { target: 'prescriber', kinds: ['college'] } }).expect(201);
    const id = created.body.data.documentId as string;
    await app.http().post(`/outreach/campaigns/${id}/send`).set(auth()).expect(200);
    const res = await app.http().post(`/outreach/campaigns/${id}/letters`).set(auth());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('courrier');
  });

  it('reminds by e-mail the collèges written to by post in 2011, now that they have an address', async () => {
    const { rows: [seeded] } = await app.sql.query("SELECT document_id FROM sv_outreach_campaigns WHERE name = 'Courrier d''information aux collèges de Brest'");
    const res = await app.http().post(`/outreach/campaigns/${seeded.document_id}/reminders`).set(auth()).expect(200);
    expect(res.body.data).toEqual({ queued: 4, byLetter: 0 });
    const again = await app.http().post(`/outreach/campaigns/${seeded.document_id}/reminders`).set(auth()).expect(200);
    expect(again.body.data).toEqual({ queued: 0, byLetter: 0 });
    for (let i = 0; i < 300 && (await app.http().get(`/outreach/campaigns/${seeded.document_id}/progress`).set(auth())).body.data.remindersQueued > 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const reminders = smtp.messages.filter((m) => String(m.parsed.subject).startsWith('Relance : Des ordinateurs pour les collégiens de Brest'));
    expect(reminders.map((m) => m.to[0]).sort()).toEqual([
      'service-social.harteloire@college-brest.example', 'service-social.kerhallet@college-brest.example',
      'service-social.pennarchleuz@college-brest.example', 'service-social.quatremoulins@college-brest.example',
    ]);
    const { rows } = await app.sql.query("SELECT reminder_count FROM sv_outreach_recipients WHERE email LIKE '%college-brest.example' AND delivery = 'letter'");
    expect(rows.map((r: { reminder_count: number }) => r.reminder_count)).toEqual([2, 2, 2, 2]);
  });
});

import { startApp, type TestApp } from '../helpers/app';
import { staffToken } from '../helpers/admin';
import { startSmtpCapture, type CapturedMail, type SmtpCapture } from '../helpers/smtp';

// A campaign to every demo collège, sent through the app's real e-mail provider to a real SMTP
// server on loopback; answers and reminders through the admin routes, as the « Campagnes » page does.
let smtp: SmtpCapture;
let app: TestApp;
let jwt: string;
const auth = () => ({ Authorization: `Bearer ${jwt}` });

const COLLEGES = { target: 'prescriber', kinds: ['college'] };
const CAMPAIGN = {
  name: 'Rentrée 2012 : collèges',
  audience: COLLEGES,
  channel: 'email',
  subject: 'Des ordinateurs pour les familles du {{structure.name}}',
  body: 'Bonjour {{contact.name}},\n\n{{workshop.name}} équipe les collégiens de {{structure.commune}} dont les familles sont en difficulté.\n\nÀ bientôt.',
  reminderDays: 21,
};
const DAY = 86_400_000;

interface Colleges {
  name: string;
  email: string;
  contact: string;
  commune: string;
}

let colleges: Colleges[];
let campaignId: string;

async function demoColleges(): Promise<Colleges[]> {
  const { rows } = await app.sql.query(
    `SELECT p.name, p.commune, c.email, c.name AS contact FROM prescribers p
       JOIN prescribers_cmps pc ON pc.entity_id = p.id AND pc.field = 'contacts'
       JOIN components_shared_contacts c ON c.id = pc.cmp_id
      WHERE p.kind = 'college' AND c.email IS NOT NULL ORDER BY p.name`,
  );
  return rows as Colleges[];
}

const counts = async () => (await app.sql.query('SELECT (SELECT COUNT(*) FROM sv_outreach_campaigns)::int AS campaigns, (SELECT COUNT(*) FROM sv_outreach_recipients)::int AS recipients')).rows[0];
const campaignMails = () => smtp.messages.filter((m) => String(m.parsed.subject).startsWith('Des ordinateurs pour les familles'));
const reminderMails = () => smtp.messages.filter((m) => String(m.parsed.subject).startsWith('Relance : Des ordinateurs'));

async function waitUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`attendu en vain : ${what}`);
}

const progress = async () => (await app.http().get(`/outreach/campaigns/${campaignId}/progress`).set(auth()).expect(200)).body.data;
const setClock = (date: Date | null) => app.strapi.plugin('outreach').service('clock').set(date);

beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(smtp.port);
  process.env.OUTREACH_SEND_PER_MINUTE = '600';
  process.env.COORDINATORS_EMAIL = 'coordination@atelier.test';
  app = await startApp('demo');
  jwt = await staffToken(app, 'seconde-vie-coordination', 'coordination-outreach@atelier.test');
  colleges = await demoColleges();
});

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

describe('a campaign to every collège', () => {
  it('previews the audience: every demo collège, each with an e-mail address', async () => {
    expect(colleges.length).toBeGreaterThanOrEqual(4);
    const res = await app.http().post('/outreach/audience').set(auth()).send({ audience: COLLEGES }).expect(200);
    expect(res.body.data.total).toBe(colleges.length);
    expect(res.body.data.withoutEmail).toBe(0);
    expect(res.body.data.members.map((m: { email: string }) => m.email).sort()).toEqual(colleges.map((c) => c.email).sort());
  });

  it('refuses a filter with an unknown kind, a template with an unknown field or {{{ }}}, and creates nothing', async () => {
    const before = await counts();
    const badFilter = await app.http().post('/outreach/campaigns').set(auth()).send({ ...CAMPAIGN, audience: { target: 'prescriber', kinds: ['lycee'] } });
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.error.message).toContain('audience.kinds');
    expect(badFilter.body.error.message).toContain('lycee');
    const badField = await app.http().post('/outreach/campaigns').set(auth()).send({ ...CAMPAIGN, body: 'Bonjour {{structure.nom}}' });
    expect(badField.status).toBe(400);
    expect(badField.body.error.message).toContain('{{structure.nom}}');
    const raw = await app.http().post('/outreach/campaigns').set(auth()).send({ ...CAMPAIGN, subject: '{{{structure.name}}}' });
    expect(raw.status).toBe(400);
    expect(raw.body.error.message).toMatch(/^Objet : /);
    const badTarget = await app.http().post('/outreach/audience').set(auth()).send({ audience: { target: 'everyone' } });
    expect(badTarget.status).toBe(400);
    expect(badTarget.body.error.message).toContain('audience.target');
    expect(await counts()).toEqual(before);
  });

  it('creates the campaign as a draft and previews it for one collège', async () => {
    const res = await app.http().post('/outreach/campaigns').set(auth()).send(CAMPAIGN).expect(201);
    campaignId = res.body.data.documentId;
    expect(res.body.data.status).toBe('draft');
    const preview = await app.http().post('/outreach/preview').set(auth()).send({ ...CAMPAIGN, reminderDays: undefined, channel: undefined }).expect(200);
    const first = colleges[0];
    expect(preview.body.data.recipient).toBe(first.name);
    expect(preview.body.data.subject).toBe(`Des ordinateurs pour les familles du ${first.name}`);
    expect(preview.body.data.text).toContain(`Bonjour ${first.contact},`);
  });

  it('sends exactly one e-mail to each collège, with its own merge fields', async () => {
    const res = await app.http().post(`/outreach/campaigns/${campaignId}/send`).set(auth()).expect(200);
    expect(res.body.data).toMatchObject({ emails: colleges.length, letters: 0 });
    await waitUntil(async () => (await progress()).status === 'sent', 'la campagne envoyée');
    const mails = campaignMails();
    expect(mails).toHaveLength(colleges.length);
    for (const college of colleges) {
      const mine = mails.filter((m: CapturedMail) => m.to.includes(college.email));
      expect(mine).toHaveLength(1);
      expect(mine[0].parsed.subject).toBe(`Des ordinateurs pour les familles du ${college.name}`);
      expect(mine[0].parsed.text).toContain(`Bonjour ${college.contact},`);
      expect(mine[0].parsed.text).toContain(`les collégiens de ${college.commune} `);
    }
    const { rows } = await app.sql.query("SELECT r.delivery, COUNT(*)::int AS n, COUNT(r.sent_at)::int AS stamped FROM sv_outreach_recipients r JOIN sv_outreach_recipients_campaign_lnk l ON l.recipient_id = r.id JOIN sv_outreach_campaigns c ON c.id = l.campaign_id WHERE c.document_id = $1 GROUP BY r.delivery", [campaignId]);
    expect(rows).toEqual([{ delivery: 'sent', n: colleges.length, stamped: colleges.length }]);
  });

  it('answers 409 to a second send and sends nothing again', async () => {
    const before = await counts();
    const res = await app.http().post(`/outreach/campaigns/${campaignId}/send`).set(auth());
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('déjà été envoyée');
    const edit = await app.http().put(`/outreach/campaigns/${campaignId}`).set(auth()).send(CAMPAIGN);
    expect(edit.status).toBe(400);
    expect(await counts()).toEqual(before);
    expect(campaignMails()).toHaveLength(colleges.length);
  });
});

describe('answers', () => {
  let recipients: Array<{ documentId: string; name: string; outcome: string }>;

  beforeAll(async () => {
    recipients = (await app.http().get(`/outreach/campaigns/${campaignId}/recipients`).set(auth()).expect(200)).body.data;
  });

  it('refuses an unknown outcome and changes nothing', async () => {
    const res = await app.http().put(`/outreach/recipients/${recipients[0].documentId}/outcome`).set(auth()).send({ outcome: 'maybe' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('Réponse');
    const { rows } = await app.sql.query("SELECT COUNT(*)::int AS n FROM sv_outreach_recipients WHERE outcome <> 'no_answer' OR outcome_at IS NOT NULL");
    expect(rows[0].n).toBe(0);
  });

  it('records each answer, counts them per outcome, and logs it on the collège', async () => {
    const outcomes = ['answered', 'meeting_set', 'declined'];
    for (const [i, outcome] of outcomes.entries()) {
      await app.http().put(`/outreach/recipients/${recipients[i].documentId}/outcome`).set(auth()).send({ outcome, note: i === 1 ? 'RDV le 4 octobre avec l’assistante sociale' : undefined }).expect(200);
    }
    const campaign = (await app.http().get(`/outreach/campaigns/${campaignId}`).set(auth()).expect(200)).body.data;
    expect(campaign.counts.outcomes).toEqual({ answered: 1, meeting_set: 1, declined: 1, no_answer: colleges.length - 3 });
    expect(campaign.counts.sent).toBe(colleges.length);
    const { rows } = await app.sql.query(
      `SELECT i.summary, i.outcome, i.kind FROM interactions i JOIN interactions_prescriber_lnk l ON l.interaction_id = i.id
         JOIN prescribers p ON p.id = l.prescriber_id WHERE p.name = $1 AND i.summary LIKE 'Campagne%'`,
      [recipients[1].name],
    );
    expect(rows).toEqual([{ summary: `Campagne « ${CAMPAIGN.name} » : rendez-vous pris.`, outcome: 'RDV le 4 octobre avec l’assistante sociale', kind: 'email' }]);
  });
});

describe('reminders', () => {
  afterAll(() => setClock(null));

  it('lists nobody as due before the reminder delay', async () => {
    const campaign = (await app.http().get(`/outreach/campaigns/${campaignId}`).set(auth()).expect(200)).body.data;
    expect(campaign.counts.due).toBe(0);
    const res = await app.http().post(`/outreach/campaigns/${campaignId}/reminders`).set(auth()).expect(200);
    expect(res.body.data.queued).toBe(0);
  });

  it('reminds those without an answer after N days, once per call', async () => {
    setClock(new Date(Date.now() + 22 * DAY));
    const unanswered = colleges.length - 3;
    const list = (await app.http().get(`/outreach/campaigns/${campaignId}/recipients`).set(auth()).expect(200)).body.data as Array<{ due: boolean; outcome: string }>;
    expect(list.filter((r) => r.due)).toHaveLength(unanswered);
    expect(list.filter((r) => r.due).every((r) => r.outcome === 'no_answer')).toBe(true);
    const first = await app.http().post(`/outreach/campaigns/${campaignId}/reminders`).set(auth()).expect(200);
    expect(first.body.data.queued).toBe(unanswered);
    const second = await app.http().post(`/outreach/campaigns/${campaignId}/reminders`).set(auth()).expect(200);
    expect(second.body.data.queued).toBe(0);
    await waitUntil(async () => (await progress()).remindersQueued === 0, 'les relances envoyées');
    expect(reminderMails()).toHaveLength(unanswered);
    const { rows } = await app.sql.query(
      `SELECT COUNT(*)::int AS n FROM sv_outreach_recipients r JOIN sv_outreach_recipients_campaign_lnk l ON l.recipient_id = r.id
         JOIN sv_outreach_campaigns c ON c.id = l.campaign_id WHERE c.document_id = $1 AND r.reminder_count = 1 AND r.reminded_at IS NOT NULL`,
      [campaignId],
    );
    expect(rows[0].n).toBe(unanswered);
  });

  it('tells coordinators how many are due, from the daily job', async () => {
    setClock(new Date(Date.now() + 45 * DAY));
    const result = await app.strapi.plugin('outreach').service('sender').notifyCoordinators();
    expect(result.notified).toEqual(['coordination@atelier.test']);
    const mail = await smtp.waitFor((m) => m.to.includes('coordination@atelier.test'));
    // The demo's collèges written to in 2011 are due too: every unanswered recipient counts.
    const { rows } = await app.sql.query("SELECT COUNT(*)::int AS n FROM sv_outreach_recipients WHERE outcome = 'no_answer'");
    expect(mail.parsed.subject).toBe(`Campagnes : ${rows[0].n} structure(s) à relancer`);
    expect(mail.parsed.text).toContain(CAMPAIGN.name);
  });
});

describe('access', () => {
  it('keeps campaigns from the Atelier role', async () => {
    const atelier = await staffToken(app, 'seconde-vie-atelier', 'atelier-outreach@atelier.test');
    await app.http().get('/outreach/campaigns').set({ Authorization: `Bearer ${atelier}` }).expect(403);
    await app.http().post(`/outreach/campaigns/${campaignId}/send`).set({ Authorization: `Bearer ${atelier}` }).expect(403);
  });
});

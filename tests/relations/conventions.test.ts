import { asLifecycle } from '../../src/shared/server/lifecycle';
import { validMemberships } from '../../src/shared/server/memberships';
import { removeUploads } from '../documents/helpers/admin';
import { pdftotext, plain, qpdfCheck } from '../documents/helpers/pdf';
import { startApp, type TestApp } from '../helpers/app';
import { adminToken } from '../helpers/admin';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp';
import { createConvention, createDonor, relations, setToday } from './helpers';

let app: TestApp;
let smtp: SmtpCapture;
let jwt: string;
const auth = () => ({ Authorization: `Bearer ${jwt}` });

interface Conventions {
  checkExpiries(today: string): Promise<{ alerted: string[]; expired: string[]; renewed: string[] }>;
}

const state = async (documentId: string) =>
  (await app.sql.query('SELECT state, signed_at::text AS signed_at, expiry_alerted_at FROM conventions WHERE document_id = $1', [documentId])).rows[0] as {
    state: string;
    signed_at: string | null;
    expiry_alerted_at: Date | null;
  };
const issued = async (documentId: string) =>
  (await app.sql.query("SELECT number, kind FROM documents_generated WHERE target_document_id = $1 ORDER BY id", [documentId])).rows as Array<{ number: string; kind: string }>;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(smtp.port);
  process.env.COORDINATORS_EMAIL = 'coordination@atelier.test';
  app = await startApp('base');
  jwt = await adminToken(app);
  setToday(app, '2012-10-01');
});

afterAll(async () => {
  if (app) await removeUploads(app);
  await app?.stop();
  await smtp?.stop();
});

describe('sending a convention', () => {
  it('issues the convention PDF and e-mails it, attached, to the donor contact; the convention becomes « Envoyée »', async () => {
    const donor = await createDonor(app, 'Crédit Agricole Finistère', { contacts: [{ name: 'Nolwenn Guéguen', role: 'Achats', email: 'n.gueguen@ca29.example' }] });
    const convention = await createConvention(app, donor.documentId, { startDate: '2012-11-01', endDate: '2015-10-31', terms: { unitsExpected: 150, declaredUnitValue: 0 } });
    const res = await app.http().post(`/relations/conventions/${convention.documentId}/state`).set(auth()).send({ to: 'sent' }).expect(200);
    expect(res.body.data).toMatchObject({ from: 'draft', to: 'sent', sending: { to: ['n.gueguen@ca29.example'] } });
    expect((await state(convention.documentId)).state).toBe('sent');
    const docs = await issued(convention.documentId);
    expect(docs).toEqual([{ number: expect.stringMatching(/^CNV-\d{4}-\d{6}$/), kind: 'partnership-convention' }]);
    const mail = await smtp.waitFor((m) => m.to.includes('n.gueguen@ca29.example'));
    const attachment = mail.parsed.attachments[0];
    expect(attachment.filename).toBe(`${docs[0].number}.pdf`);
    await qpdfCheck(attachment.content);
    const text = plain(await pdftotext(attachment.content));
    expect(text).toContain(convention.number);
    expect(text).toContain('Crédit Agricole Finistère');
    const sendings = (await app.sql.query('SELECT status, recipients FROM documents_sendings')).rows;
    expect(sendings).toHaveLength(1);
    expect(sendings[0].status).toBe('sent');
  });

  it('sends it once when « Envoyer » is pressed twice at the same moment: one 200, one 409 before any PDF or e-mail', async () => {
    const donor = await createDonor(app, 'Brest Métropole Habitat', { contacts: [{ name: 'Gaël', role: 'DSI', email: 'dsi@bmh.example' }] });
    const convention = await createConvention(app, donor.documentId, { startDate: '2012-11-01', endDate: '2015-10-31' });
    const url = `/relations/conventions/${convention.documentId}/state`;
    const [a, b] = await Promise.all([app.http().post(url).set(auth()).send({ to: 'sent' }), app.http().post(url).set(auth()).send({ to: 'sent' })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    await smtp.waitFor((m) => m.to.includes('dsi@bmh.example'));
    expect(await issued(convention.documentId)).toHaveLength(1);
    expect(smtp.messages.filter((m) => m.to.includes('dsi@bmh.example'))).toHaveLength(1);
    expect((await state(convention.documentId)).state).toBe('sent');
  });

  it("summarises a convention for its edit-view panel: state, allowed moves, the contact's address", async () => {
    const donor = await createDonor(app, 'Brest Océan Habitat', { contacts: [{ name: 'Standard', role: 'Accueil' }, { name: 'Yannick', role: 'DSI', email: 'dsi@boh.example' }] });
    const convention = await createConvention(app, donor.documentId);
    const res = await app.http().get(`/relations/conventions/${convention.documentId}`).set(auth()).expect(200);
    expect(res.body.data).toMatchObject({ number: convention.number, state: 'draft', moves: ['sent', 'terminated'], canRenew: false, contactEmail: 'dsi@boh.example', renewalOf: null, renewedBy: null });
  });

  it('refuses to send without a contact e-mail (400, French) and changes nothing', async () => {
    const donor = await createDonor(app, 'Brest’aim', { contacts: [{ name: 'Accueil', role: 'Standard' }] });
    const convention = await createConvention(app, donor.documentId);
    const before = smtp.messages.length;
    const res = await app.http().post(`/relations/conventions/${convention.documentId}/state`).set(auth()).send({ to: 'sent' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Aucun contact avec une adresse e-mail pour Brest’aim/);
    expect((await state(convention.documentId)).state).toBe('draft');
    expect(await issued(convention.documentId)).toEqual([]);
    expect(smtp.messages.length).toBe(before);
  });

  it('refuses a move the lifecycle does not allow (409, French), and validates the body', async () => {
    const donor = await createDonor(app, 'Ifremer');
    const convention = await createConvention(app, donor.documentId);
    const url = `/relations/conventions/${convention.documentId}/state`;
    const res = await app.http().post(url).set(auth()).send({ to: 'signed' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/Passage de « Brouillon » à « Signée » impossible/);
    const bad = await app.http().post(url).set(auth()).send({ to: 'renewed' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^to : /);
    expect((await app.http().post(url).set(auth()).send({ to: 'sent', signedAt: '2012-13-45' })).status).toBe(400);
    expect((await state(convention.documentId)).state).toBe('draft');
  });

  it('signs a sent convention with today as the signature date by default', async () => {
    const donor = await createDonor(app, 'Technopôle Quimper');
    const convention = await createConvention(app, donor.documentId, { state: 'sent' });
    await app.http().post(`/relations/conventions/${convention.documentId}/state`).set(auth()).send({ to: 'signed' }).expect(200);
    expect(await state(convention.documentId)).toMatchObject({ state: 'signed', signed_at: '2012-10-01' });
  });
});

describe('expiry alerts and expiry', () => {
  it('alerts the coordinators once for a convention 59 days from its end, run on two consecutive days', async () => {
    const donor = await createDonor(app, 'Arsenal de Brest');
    // Ends 59 days after 2012-10-01.
    const convention = await createConvention(app, donor.documentId, { state: 'signed', signedAt: '2011-11-29', startDate: '2011-11-29', endDate: '2012-11-29' });
    const service = relations<Conventions>(app, 'conventions');
    const before = smtp.messages.filter((m) => m.to.includes('coordination@atelier.test')).length;
    const first = await service.checkExpiries('2012-10-01');
    const second = await service.checkExpiries('2012-10-02');
    expect(first.alerted).toEqual([convention.number]);
    expect(second.alerted).toEqual([]);
    const mail = await smtp.waitFor((m) => m.to.includes('coordination@atelier.test') && (m.parsed.subject ?? '').includes(convention.number));
    expect(mail.parsed.subject).toBe(`Convention ${convention.number} à renouveler`);
    expect(mail.parsed.text).toContain(`${convention.number} (Arsenal de Brest) : fin le 29/11/2012`);
    expect(smtp.messages.filter((m) => m.to.includes('coordination@atelier.test')).length).toBe(before + 1);
    expect((await state(convention.documentId)).expiry_alerted_at).toBeInstanceOf(Date);
    const board = await app.http().get('/relations/board').set(auth()).expect(200);
    expect(board.body.data.expiring.map((c: { number: string }) => c.number)).toContain(convention.number);
  });

  it('lists every convention entering the window on the same day in one e-mail', async () => {
    const first = await createConvention(app, (await createDonor(app, 'Brest Port')).documentId, { state: 'signed', signedAt: '2010-11-20', startDate: '2010-11-20', endDate: '2012-11-20' });
    const second = await createConvention(app, (await createDonor(app, 'Océanopolis')).documentId, { state: 'signed', signedAt: '2010-11-25', startDate: '2010-11-25', endDate: '2012-11-25' });
    const result = await relations<Conventions>(app, 'conventions').checkExpiries('2012-10-03');
    expect(result.alerted).toEqual([first.number, second.number]);
    const mail = await smtp.waitFor((m) => (m.parsed.subject ?? '') === '2 conventions à renouveler');
    expect(mail.parsed.text).toContain(`${first.number} (Brest Port) : fin le 20/11/2012`);
    expect(mail.parsed.text).toContain(`${second.number} (Océanopolis) : fin le 25/11/2012`);
  });

  it('does not alert a convention 61 days from its end', async () => {
    const donor = await createDonor(app, 'Brest Business School');
    const convention = await createConvention(app, donor.documentId, { state: 'signed', signedAt: '2011-12-01', startDate: '2011-12-01', endDate: '2012-12-01' });
    const result = await relations<Conventions>(app, 'conventions').checkExpiries('2012-10-01');
    expect(result.alerted).not.toContain(convention.number);
    expect((await state(convention.documentId)).expiry_alerted_at).toBeNull();
  });

  it('makes an ended convention « Expirée », or « Renouvelée » when its signed successor exists', async () => {
    const donor = await createDonor(app, 'Sodexo Brest');
    const ended = await createConvention(app, donor.documentId, { state: 'signed', signedAt: '2010-09-01', startDate: '2010-09-01', endDate: '2012-08-31' });
    const other = await createDonor(app, 'Keolis Brest');
    const renewedOne = await createConvention(app, other.documentId, { state: 'signed', signedAt: '2010-09-01', startDate: '2010-09-01', endDate: '2012-09-15' });
    const renewal = await app.http().post(`/relations/conventions/${renewedOne.documentId}/renew`).set(auth()).send({}).expect(201);
    await asLifecycle('tests : signature', () =>
      app.strapi.documents('api::convention.convention').update({ documentId: renewal.body.data.documentId, data: { state: 'signed', signedAt: '2012-09-10' } as never }),
    );
    const result = await relations<Conventions>(app, 'conventions').checkExpiries('2012-10-01');
    expect(result.expired).toContain(ended.number);
    expect(result.renewed).toEqual([renewedOne.number]);
    expect((await state(ended.documentId)).state).toBe('expired');
    expect((await state(renewedOne.documentId)).state).toBe('renewed');
  });
});

describe('renewing a convention', () => {
  it('creates the next convention as a draft with the same donor, terms and length, once', async () => {
    const donor = await createDonor(app, 'Brittany Ferries');
    const convention = await createConvention(app, donor.documentId, {
      state: 'signed', signedAt: '2010-01-04', startDate: '2010-01-04', endDate: '2013-01-03', terms: { unitsExpected: 90, declaredUnitValue: 5 },
    });
    const res = await app.http().post(`/relations/conventions/${convention.documentId}/renew`).set(auth()).send({}).expect(201);
    const next = (await app.strapi.db.query('api::convention.convention').findOne({
      where: { documentId: res.body.data.documentId },
      populate: { donor: true, terms: true, renewalOf: true },
    })) as { state: string; startDate: string; endDate: string; number: string; donor: { name: string }; terms: { unitsExpected: number }; renewalOf: { documentId: string } };
    expect(next).toMatchObject({ state: 'draft', startDate: '2013-01-04', endDate: '2016-01-03', donor: { name: 'Brittany Ferries' }, terms: { unitsExpected: 90 }, renewalOf: { documentId: convention.documentId } });
    expect(next.number).toMatch(/^CP-\d{4}-\d{3}$/);
    const again = await app.http().post(`/relations/conventions/${convention.documentId}/renew`).set(auth()).send({});
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(`Cette convention a déjà une suite : ${next.number}.`);
    expect((await state(convention.documentId)).state).toBe('signed');
  });

  it('keeps a renewed membership convention valid for the pipeline until its end', async () => {
    const prescriber = (await app.strapi.documents('api::prescriber.prescriber').create({ data: { name: 'CCAS du Relecq-Kerhuon', kind: 'ccas', commune: 'Le Relecq-Kerhuon' } as never })) as { documentId: string };
    const membership = (await asLifecycle('tests : mise en place', () =>
      app.strapi.documents('api::convention.convention').create({
        data: { kind: 'membership', prescriber: prescriber.documentId, state: 'signed', signedAt: '2011-11-01', startDate: '2011-11-01', endDate: '2012-10-31' } as never,
      }),
    )) as { documentId: string };
    await app.http().post(`/relations/conventions/${membership.documentId}/renew`).set(auth()).send({}).expect(201);
    const rows = (await app.sql.query("SELECT kind, state, start_date::text AS \"startDate\", end_date::text AS \"endDate\" FROM conventions WHERE document_id = $1", [membership.documentId])).rows;
    expect(validMemberships(rows, '2012-10-15')).toHaveLength(1);
  });
});

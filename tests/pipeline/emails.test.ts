import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';
import { adminToken } from '../helpers/admin';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp';
import { fixtures } from './fixtures';

// E-mails leave through the app's real nodemailer provider to a real SMTP server on loopback.
let smtp: SmtpCapture;
let app: TestApp;
let jwt: string;
let f: ReturnType<typeof fixtures>;

const auth = () => ({ Authorization: `Bearer ${jwt}` });
const TESTING_OK = { boots: true, memory: true, disk_smart: true };

interface Workflow {
  key: string;
  name: string;
  stages: Array<{ key: string; label: string; color: string; terminal: boolean; checklist: unknown[]; enterRoles: string[] }>;
  transitions: Array<{ from: string; to: string; actions: Array<{ type: string; options: Record<string, unknown> }> }>;
}

async function workflow(key: string): Promise<Workflow> {
  const res = await app.http().get('/pipeline/workflows').set(auth()).expect(200);
  return (res.body.data as Workflow[]).find((w) => w.key === key) as Workflow;
}

/** Saves the workflow as the settings page does, with `action` on the transition from → to. */
async function attach(key: string, from: string, to: string, action: { type: string; options: Record<string, unknown> }) {
  const w = await workflow(key);
  return app.http().put(`/pipeline/workflows/${key}`).set(auth()).send({
    name: w.name,
    stages: w.stages.map(({ key: k, label, color, terminal, checklist, enterRoles }) => ({ key: k, label, color, terminal, checklist, enterRoles })),
    transitions: w.transitions.map((t) => ({ from: t.from, to: t.to, actions: t.from === from && t.to === to ? [action] : t.actions.map((a) => ({ type: a.type, options: a.options ?? {} })) })),
    moveRecords: {},
  });
}

async function prescriberWithContact(email: string) {
  const prescriber = await f.prescriber({ state: 'signed' });
  await app.strapi.documents('api::prescriber.prescriber').update({
    documentId: prescriber.documentId,
    data: { contacts: [{ name: 'Sans e-mail', role: 'Accueil' }, { name: 'Référente', role: 'Assistante sociale', email }] },
  });
  return prescriber;
}

beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(smtp.port);
  process.env.COORDINATORS_EMAIL = 'coordination@atelier.test, direction@atelier.test';
  app = await startApp('base');
  jwt = await adminToken(app);
  f = fixtures(app);
});

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

describe('the « send an e-mail » action of a transition', () => {
  it('tells the prescriber (its contact with an address) and the coordinators when a prescription is accepted', async () => {
    const saved = await attach('prescriptions', 'reviewing', 'accepted', {
      type: 'send-email',
      options: { to: 'prescripteur, coordinateurs', subject: 'Prescription {{reference}} acceptée', text: 'Décision prise par {{actor}} : {{from}} → {{to}}.' },
    });
    expect(saved.status).toBe(200);
    const prescriber = await prescriberWithContact('referente@ccas-brest.test');
    const p = await f.prescription(prescriber.documentId);
    await f.placeAt('prescriptions', p.documentId, 'reviewing');
    const { rows: [{ number }] } = await app.sql.query('SELECT number FROM prescriptions WHERE document_id = $1', [p.documentId]);
    await app.http().post(`/pipeline/records/prescriptions/${p.documentId}/transitions`).set(auth()).send({ to: 'accepted' }).expect(200);

    const mail = await smtp.waitFor((m) => m.parsed.subject === `Prescription ${number} acceptée`);
    expect(mail.to.sort()).toEqual(['coordination@atelier.test', 'direction@atelier.test', 'referente@ccas-brest.test']);
    expect(mail.parsed.text).toContain('reviewing → accepted');
  });

  it('tells the prescriber of the prescription a machine is reserved for, when the machine moves along with it', async () => {
    expect((await attach('machines', 'ready', 'reserved', { type: 'send-email', options: { to: 'prescripteur', subject: 'Machine {{reference}} réservée pour vous' } })).status).toBe(200);
    const prescriber = await prescriberWithContact('cdas-machine@finistere.test');
    const p = await f.prescription(prescriber.documentId);
    await f.placeAt('prescriptions', p.documentId, 'accepted');
    const m = await f.machine(['MAIL-1']);
    await app.http().post(`/pipeline/machines/${m.documentId}/erasures`).set(auth()).send({ deviceSerial: 'MAIL-1', method: 'overwrite', passes: 1, result: 'success' }).expect(201);
    await app.http().post(`/pipeline/records/machines/${m.documentId}/checklists`).set(auth()).send({ stage: 'testing', items: TESTING_OK }).expect(201);
    await f.placeAt('machines', m.documentId, 'ready');
    await app.http().post(`/pipeline/records/prescriptions/${p.documentId}/transitions`).set(auth()).send({ to: 'machine_reserved', machine: m.documentId }).expect(200);

    const { rows: [{ label_code }] } = await app.sql.query('SELECT label_code FROM machines WHERE document_id = $1', [m.documentId]);
    const mail = await smtp.waitFor((x) => x.parsed.subject === `Machine ${label_code} réservée pour vous`);
    expect(mail.to).toEqual(['cdas-machine@finistere.test']);
  });

  it('refuses to save an action with an unknown recipient or no subject, naming it, and keeps the workflow as it was', async () => {
    const before = await workflow('prescriptions');
    const res = await attach('prescriptions', 'received', 'reviewing', { type: 'send-email', options: { to: 'le prescripteur, pas-une-adresse', subject: '' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/destinataire non reconnu « le prescripteur », « pas-une-adresse »/);
    expect(res.body.error.message).toMatch(/objet est obligatoire/);
    expect(await workflow('prescriptions')).toEqual(before);
  });
});

describe('notices the line sends by default', () => {
  it('tells the coordinators when a prescription arrives, by its number and structure only', async () => {
    const token = await createFullAccessToken(app.strapi, 'portail-test');
    const prescriber = await prescriberWithContact('arrivee@ccas.test');
    const household = await app.strapi.documents('api::household.household').create({ data: { referenceName: 'Famille Secrète', commune: 'Brest' } });
    const res = await app.http().post('/api/prescriptions').set({ Authorization: `Bearer ${token}` })
      .send({ data: { prescriber: prescriber.documentId, household: household.documentId, needs: { deviceType: 'laptop' } } });
    expect(res.status).toBe(201);
    const { rows: [{ number }] } = await app.sql.query('SELECT number FROM prescriptions WHERE document_id = $1', [res.body.data.documentId]);
    const mail = await smtp.waitFor((m) => (m.parsed.subject ?? '').startsWith(`Nouvelle prescription ${number}`));
    expect(mail.to.sort()).toEqual(['coordination@atelier.test', 'direction@atelier.test']);
    expect(mail.parsed.text).toContain(`/admin/content-manager/collection-types/api::prescription.prescription/${res.body.data.documentId}`);
    expect(`${mail.parsed.subject} ${mail.parsed.text}`).not.toContain('Famille Secrète');
  });

  it('tells the prescriber, out of the box, that its prescription was not retained', async () => {
    const prescriber = await prescriberWithContact('refus@ccas.test');
    const p = await f.prescription(prescriber.documentId);
    const { rows: [{ number }] } = await app.sql.query('SELECT number FROM prescriptions WHERE document_id = $1', [p.documentId]);
    await app.http().post(`/pipeline/records/prescriptions/${p.documentId}/transitions`).set(auth()).send({ to: 'refused' }).expect(200);
    const mail = await smtp.waitFor((m) => m.parsed.subject === `Prescription ${number} non retenue`);
    expect(mail.to).toEqual(['refus@ccas.test']);
  });
});

describe('low-stock alert', () => {
  it('e-mails the coordinators once, when a fitting crosses the threshold, not at every fitting below it', async () => {
    const part = await app.strapi.documents('api::part.part').create({
      data: { category: 'webcam', description: 'Webcam USB alerte', quantityOnHand: 4, lowStockThreshold: 2 },
    });
    const fit = async () => {
      const m = await f.machine([]);
      await app.http().post(`/pipeline/machines/${m.documentId}/parts`).set(auth()).send({ part: part.documentId, quantity: 1 }).expect(200);
    };
    await fit(); // 3 left: above the threshold
    await fit(); // 2 left: crosses it
    await fit(); // 1 left: already below
    const mail = await smtp.waitFor((m) => m.parsed.subject === 'Stock bas : Webcam USB alerte');
    expect(mail.to.sort()).toEqual(['coordination@atelier.test', 'direction@atelier.test']);
    expect(mail.parsed.text).toContain('Il reste 2 « Webcam USB alerte »');
    // The third fitting's commit came before this point; give any stray e-mail time to arrive.
    await smtp.waitFor((m) => m.parsed.subject === 'Stock bas : Webcam USB alerte' && m.parsed.text !== mail.parsed.text, 2000).catch(() => null);
    expect(smtp.messages.filter((m) => m.parsed.subject === 'Stock bas : Webcam USB alerte')).toHaveLength(1);
  });
});

describe("the coordinators' addresses, set in the admin", () => {
  const WORKSHOPS = '/content-manager/collection-types/api::workshop.workshop';

  it('refuses a list that is not e-mail addresses, then writes to the default workshop’s addresses instead of COORDINATORS_EMAIL', async () => {
    const { rows: [workshop] } = await app.sql.query('SELECT document_id, coordinators_email FROM workshops WHERE is_default ORDER BY id LIMIT 1');
    expect(workshop.coordinators_email).toBeNull();
    const bad = await app.http().put(`${WORKSHOPS}/${workshop.document_id}`).set(auth()).send({ coordinatorsEmail: 'coordination, pas une adresse' });
    expect(bad.status).toBe(400);
    expect((await app.sql.query('SELECT coordinators_email FROM workshops WHERE document_id = $1', [workshop.document_id])).rows[0].coordinators_email).toBeNull();

    await app.http().put(`${WORKSHOPS}/${workshop.document_id}`).set(auth()).send({ coordinatorsEmail: 'benevoles@atelier.test ,  presidence@atelier.test' }).expect(200);
    try {
      const part = await app.strapi.documents('api::part.part').create({
        data: { category: 'usb_mouse', description: 'Souris alerte réglée', quantityOnHand: 2, lowStockThreshold: 1 },
      });
      const m = await f.machine([]);
      await app.http().post(`/pipeline/machines/${m.documentId}/parts`).set(auth()).send({ part: part.documentId, quantity: 1 }).expect(200);
      const mail = await smtp.waitFor((x) => x.parsed.subject === 'Stock bas : Souris alerte réglée');
      expect(mail.to.sort()).toEqual(['benevoles@atelier.test', 'presidence@atelier.test']);
    } finally {
      await app.sql.query('UPDATE workshops SET coordinators_email = NULL WHERE document_id = $1', [workshop.document_id]);
    }
  });
});

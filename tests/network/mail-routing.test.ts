import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';
import { adminToken } from '../helpers/admin';
import { createWorkshop, defaultWorkshop, memberToken } from '../helpers/network';
import { startSmtpCapture, type CapturedMail, type SmtpCapture } from '../helpers/smtp';
import { createConvention, createDonor, relations } from '../relations/helpers';
import { coordinatorAddressesOf } from '../../src/shared/server/coordinators';

/**
 * Issue 19: each workshop's automatic e-mails go to that workshop's coordinators, listing that
 * workshop's records only — next-steps digest, convention reminders, stock alerts, a workflow
 * action « coordinateurs », the new-prescription notice, the campaigns' report. Four workshops:
 *  - Brest (default): « E-mails des coordinateurs » set;
 *  - Morlaix (MO): set;
 *  - Landerneau (LA): empty, one active Coordination member (its address stands in), plus a
 *    blocked Coordination member and an Atelier member (neither receives anything);
 *  - Quimper (QP): nobody at all → Brest's coordinators (an alert never reaches nobody).
 * Every record carries a marker of its workshop (Alpha, Bravo, Charlie, Delta) or its number; a
 * mailbox must never receive another workshop's marker.
 */

const TODAY = '2012-10-10';
const BREST = 'coordination-brest@atelier.test';
const MORLAIX = 'coordination-morlaix@atelier.test';
const LANDERNEAU_MEMBER = 'gaelle.landerneau@atelier.test';
const LANDERNEAU_BLOCKED = 'bloque.landerneau@atelier.test';
const LANDERNEAU_ATELIER = 'benevole.landerneau@atelier.test';
const ALICE = 'alice.deux-ateliers@atelier.test';

type Key = 'brest' | 'morlaix' | 'landerneau' | 'quimper';
const WORD: Record<Key, string> = { brest: 'Alpha', morlaix: 'Bravo', landerneau: 'Charlie', quimper: 'Delta' };

let app: TestApp;
let smtp: SmtpCapture;
let jwt: string;
const ws = {} as Record<Key, { id: number; documentId: string; code: string }>;
/** Each workshop's markers: the names and numbers its records show in an e-mail. */
const markers: Record<Key, string[]> = { brest: [], morlaix: [], landerneau: [], quimper: [] };
let alice: { id: number };

const auth = () => ({ Authorization: `Bearer ${jwt}` });
const docs = (uid: string) =>
  app.strapi.documents(uid as 'api::donor.donor') as unknown as { create(p: { data: Record<string, unknown> }): Promise<{ documentId: string; id: number }> };
const content = (m: CapturedMail) => `${m.parsed.subject ?? ''}\n${m.parsed.text ?? ''}\n${typeof m.parsed.html === 'string' ? m.parsed.html : ''}`;

/** Which workshops' markers a mailbox may receive. */
const ALLOWED: Record<string, Key[]> = {
  [BREST]: ['brest', 'quimper'],
  [MORLAIX]: ['morlaix'],
  [LANDERNEAU_MEMBER]: ['landerneau'],
};

/** Every marker of a workshop a mailbox may not read, found in a message to it. */
function leaksIn(messages: CapturedMail[]): string[] {
  const leaks: string[] = [];
  for (const m of messages) {
    for (const address of m.to) {
      const allowed = ALLOWED[address];
      if (!allowed) continue;
      const text = content(m);
      for (const key of Object.keys(markers) as Key[]) {
        if (allowed.includes(key)) continue;
        for (const marker of markers[key]) if (text.includes(marker)) leaks.push(`${address} ← ${marker} (« ${m.parsed.subject} »)`);
      }
    }
  }
  return leaks;
}

const to = (address: string) => smtp.messages.filter((m) => m.to.includes(address));

beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(smtp.port);
  delete process.env.COORDINATORS_EMAIL;
  app = await startApp('base');
  jwt = await adminToken(app);
  ws.brest = await defaultWorkshop(app);
  ws.morlaix = await createWorkshop(app, { name: 'Atelier du Pays de Morlaix', commune: 'Morlaix', code: 'MO' });
  ws.landerneau = await createWorkshop(app, { name: 'Atelier de Landerneau', commune: 'Landerneau', code: 'LA' });
  ws.quimper = await createWorkshop(app, { name: 'Atelier de Quimper', commune: 'Quimper', code: 'QP' });
  await app.sql.query('UPDATE workshops SET coordinators_email = $1 WHERE id = $2', [BREST, ws.brest.id]);
  await app.sql.query('UPDATE workshops SET coordinators_email = $1 WHERE id = $2', [`${MORLAIX}`, ws.morlaix.id]);
  await memberToken(app, 'seconde-vie-coordination', LANDERNEAU_MEMBER, [ws.landerneau.id]);
  const blocked = await memberToken(app, 'seconde-vie-coordination', LANDERNEAU_BLOCKED, [ws.landerneau.id]);
  await app.strapi.db.query('admin::user').update({ where: { id: blocked.id }, data: { blocked: true } });
  await memberToken(app, 'seconde-vie-atelier', LANDERNEAU_ATELIER, [ws.landerneau.id]);
  alice = (await app.strapi.service('admin::user').create({
    email: ALICE, firstname: 'Alice', lastname: 'Deux-Ateliers', password: 'Mot-de-passe-2012', isActive: true, registrationToken: null,
  })) as { id: number };
});

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

describe("whose coordinators a workshop's e-mails go to", () => {
  it('its « E-mails des coordinateurs »; else its active Coordination members; else (nobody) the default workshop’s', async () => {
    expect(await coordinatorAddressesOf(app.strapi, ws.brest.id)).toEqual([BREST]);
    expect(await coordinatorAddressesOf(app.strapi, ws.morlaix.id)).toEqual([MORLAIX]);
    expect(await coordinatorAddressesOf(app.strapi, ws.landerneau.id)).toEqual([LANDERNEAU_MEMBER]);
    expect(await coordinatorAddressesOf(app.strapi, ws.quimper.id)).toEqual([BREST]);
    expect(await coordinatorAddressesOf(app.strapi, null)).toEqual([BREST]);
  });

  it('the default workshop without addresses: COORDINATORS_EMAIL, else its Coordination accounts (listed, or in no workshop)', async () => {
    await app.sql.query('UPDATE workshops SET coordinators_email = NULL WHERE id = $1', [ws.brest.id]);
    try {
      process.env.COORDINATORS_EMAIL = 'variable@atelier.test';
      expect(await coordinatorAddressesOf(app.strapi, ws.brest.id)).toEqual(['variable@atelier.test']);
      delete process.env.COORDINATORS_EMAIL;
      await memberToken(app, 'seconde-vie-coordination', 'sans-atelier@atelier.test', []);
      expect(await coordinatorAddressesOf(app.strapi, ws.brest.id)).toEqual(['sans-atelier@atelier.test']);
      // Quimper, which has nobody, falls back to them too; Landerneau keeps its own.
      expect(await coordinatorAddressesOf(app.strapi, ws.quimper.id)).toEqual(['sans-atelier@atelier.test']);
      expect(await coordinatorAddressesOf(app.strapi, ws.landerneau.id)).toEqual([LANDERNEAU_MEMBER]);
    } finally {
      delete process.env.COORDINATORS_EMAIL;
      await app.sql.query("UPDATE admin_users SET blocked = true WHERE email = 'sans-atelier@atelier.test'");
      await app.sql.query('UPDATE workshops SET coordinators_email = $1 WHERE id = $2', [BREST, ws.brest.id]);
    }
  });
});

describe("each workshop's e-mails list its own records, to its own coordinators", () => {
  it('next-steps digest: one e-mail per workshop (unowned steps to its coordinators; an owner of both gets one per workshop)', async () => {
    for (const key of ['brest', 'morlaix', 'landerneau'] as Key[]) {
      const donor = await createDonor(app, `${WORD[key]} Donateur`);
      markers[key].push(`${WORD[key]} Donateur`, `${WORD[key]} étape sans responsable`);
      const base = { date: '2012-10-01T09:00:00.000Z', kind: 'call', donor: donor.documentId, nextStepDue: TODAY, workshop: ws[key].id };
      await docs('api::interaction.interaction').create({ data: { ...base, summary: 'Appel', nextStep: `${WORD[key]} étape sans responsable` } });
      if (key !== 'landerneau') {
        markers[key].push(`${WORD[key]} étape d’Alice`);
        await docs('api::interaction.interaction').create({ data: { ...base, summary: 'Appel', nextStep: `${WORD[key]} étape d’Alice`, owner: alice.id } });
      }
    }
    const result = await relations<{ sendDigest(today: string): Promise<{ sent: number; skipped: string[] }> }>(app, 'steps').sendDigest(TODAY);
    expect(result).toEqual({ sent: 5, skipped: [] });
    const digest = (address: string) => to(address).filter((m) => (m.parsed.subject ?? '').startsWith('Relations donateurs'));
    expect(digest(BREST)).toHaveLength(1);
    expect(digest(BREST)[0].parsed.text).toContain('Alpha étape sans responsable');
    expect(digest(MORLAIX)).toHaveLength(1);
    expect(digest(MORLAIX)[0].parsed.text).toContain('Bravo étape sans responsable');
    expect(digest(MORLAIX)[0].parsed.text).toContain('Atelier du Pays de Morlaix');
    expect(digest(LANDERNEAU_MEMBER)).toHaveLength(1);
    expect(digest(LANDERNEAU_MEMBER)[0].parsed.text).toContain('Charlie étape sans responsable');
    // Alice owns a step in Brest and one in Morlaix: two e-mails, neither mixing the workshops.
    const aliceMails = digest(ALICE);
    expect(aliceMails).toHaveLength(2);
    const mixed = aliceMails.filter((m) => content(m).includes('Alpha') && content(m).includes('Bravo'));
    expect(mixed).toEqual([]);
  });

  it('convention reminders: one e-mail per workshop; Quimper (nobody) reaches Brest’s', async () => {
    const numbers = {} as Record<Key, string>;
    for (const key of Object.keys(WORD) as Key[]) {
      const donor = await createDonor(app, `${WORD[key]} Convention`);
      const convention = await createConvention(app, donor.documentId, {
        state: 'signed', signedAt: '2010-11-20', startDate: '2010-11-20', endDate: '2012-11-20', workshop: ws[key].id,
      });
      numbers[key] = convention.number;
      markers[key].push(`${WORD[key]} Convention`, convention.number);
    }
    const result = await relations<{ checkExpiries(today: string): Promise<{ alerted: string[] }> }>(app, 'conventions').checkExpiries(TODAY);
    expect([...result.alerted].sort()).toEqual(Object.values(numbers).sort());
    const reminders = (address: string) => to(address).filter((m) => (m.parsed.subject ?? '').includes('à renouveler'));
    expect(reminders(MORLAIX).map(content).join()).toContain(numbers.morlaix);
    expect(reminders(LANDERNEAU_MEMBER).map(content).join()).toContain(numbers.landerneau);
    // Brest's own, and Quimper's in its own e-mail (a fallback, never mixed with Brest's list).
    expect(reminders(BREST)).toHaveLength(2);
    expect(reminders(BREST).filter((m) => content(m).includes(numbers.brest) && content(m).includes(numbers.quimper))).toEqual([]);
    // A second run (next day) alerts nobody again, in any workshop.
    const before = smtp.messages.length;
    expect((await relations<{ checkExpiries(today: string): Promise<{ alerted: string[] }> }>(app, 'conventions').checkExpiries('2012-10-11')).alerted).toEqual([]);
    expect(smtp.messages.length).toBe(before);
  });

  it('stock alert: the part’s workshop (its stock line is its own)', async () => {
    for (const key of ['brest', 'morlaix', 'landerneau'] as Key[]) {
      const description = `${WORD[key]} webcam`;
      markers[key].push(description);
      const part = await docs('api::part.part').create({ data: { category: 'webcam', description, quantityOnHand: 2, lowStockThreshold: 1, workshop: ws[key].id } });
      const machine = await docs('api::machine.machine').create({ data: { type: 'desktop', brand: 'Dell', workshop: ws[key].id } });
      await app.http().post(`/pipeline/machines/${machine.documentId}/parts`).set(auth()).send({ part: part.documentId, quantity: 1 }).expect(200);
    }
    expect((await smtp.waitFor((m) => m.parsed.subject === 'Stock bas : Bravo webcam')).to).toEqual([MORLAIX]);
    expect((await smtp.waitFor((m) => m.parsed.subject === 'Stock bas : Alpha webcam')).to).toEqual([BREST]);
    expect((await smtp.waitFor((m) => m.parsed.subject === 'Stock bas : Charlie webcam')).to).toEqual([LANDERNEAU_MEMBER]);
  });

  it('a workflow action « coordinateurs » on a unit: the unit’s workshop', async () => {
    const { body } = await app.http().get('/pipeline/workflows').set(auth()).expect(200);
    const w = (body.data as Array<{ key: string; name: string; stages: Array<Record<string, unknown>>; transitions: Array<{ from: string; to: string; actions: Array<{ type: string; options?: Record<string, unknown> }> }> }>).find((x) => x.key === 'machines')!;
    const action = { type: 'send-email', options: { to: 'coordinateurs', subject: 'Unité {{reference}} au tri', text: 'L’unité {{reference}} passe au tri.' } };
    await app.http().put('/pipeline/workflows/machines').set(auth()).send({
      name: w.name,
      stages: w.stages.map(({ key, label, color, terminal, checklist, enterRoles }) => ({ key, label, color, terminal, checklist, enterRoles })),
      transitions: w.transitions.map((t) => ({ from: t.from, to: t.to, actions: t.from === 'received' && t.to === 'sorting' ? [action] : t.actions.map((a) => ({ type: a.type, options: a.options ?? {} })) })),
      moveRecords: {},
    }).expect(200);
    const labels = {} as Record<Key, string>;
    for (const key of ['brest', 'morlaix', 'landerneau'] as Key[]) {
      const machine = await docs('api::machine.machine').create({ data: { type: 'desktop', brand: 'Dell', workshop: ws[key].id } });
      labels[key] = (await app.sql.query('SELECT label_code FROM machines WHERE document_id = $1', [machine.documentId])).rows[0].label_code;
      markers[key].push(labels[key]);
      await app.http().post(`/pipeline/records/machines/${machine.documentId}/transitions`).set(auth()).send({ to: 'sorting' }).expect(200);
    }
    expect((await smtp.waitFor((m) => m.parsed.subject === `Unité ${labels.morlaix} au tri`)).to).toEqual([MORLAIX]);
    expect((await smtp.waitFor((m) => m.parsed.subject === `Unité ${labels.brest} au tri`)).to).toEqual([BREST]);
    expect((await smtp.waitFor((m) => m.parsed.subject === `Unité ${labels.landerneau} au tri`)).to).toEqual([LANDERNEAU_MEMBER]);
  });

  it('a new prescription: its workshop’s coordinators', async () => {
    const token = await createFullAccessToken(app.strapi, 'portail-reseau');
    for (const key of ['brest', 'morlaix'] as Key[]) {
      const prescriber = await docs('api::prescriber.prescriber').create({ data: { name: `${WORD[key]} CCAS`, kind: 'ccas', commune: 'Finistère', workshop: ws[key].id } });
      const household = await docs('api::household.household').create({ data: { referenceName: `${WORD[key]} Foyer`, commune: 'Finistère', workshop: ws[key].id } });
      const res = await app.http().post('/api/prescriptions').set({ Authorization: `Bearer ${token}` }).send({
        data: { prescriber: prescriber.documentId, household: household.documentId, needs: { deviceType: 'laptop' }, workshop: ws[key].documentId },
      });
      expect(res.status).toBe(201);
      const { rows: [{ number, workshop_id }] } = await app.sql.query(
        'SELECT p.number, l.workshop_id FROM prescriptions p JOIN prescriptions_workshop_lnk l ON l.prescription_id = p.id WHERE p.document_id = $1',
        [res.body.data.documentId],
      );
      expect(workshop_id).toBe(ws[key].id);
      markers[key].push(number, `${WORD[key]} CCAS`);
      const mail = await smtp.waitFor((m) => (m.parsed.subject ?? '').startsWith(`Nouvelle prescription ${number}`));
      expect(mail.to).toEqual([key === 'brest' ? BREST : MORLAIX]);
    }
  });

  it('campaigns report: one e-mail per workshop, its campaigns only', async () => {
    for (const key of ['brest', 'morlaix'] as Key[]) {
      const name = `${WORD[key]} campagne`;
      markers[key].push(name);
      const campaign = (await app.strapi.db.query('plugin::outreach.campaign').create({
        data: { name, audience: { kind: 'prescribers' }, channel: 'email', subject: 'Bonjour', body: 'Bonjour', status: 'sent', sentAt: '2012-01-02T09:00:00.000Z', reminderDays: 21, workshop: ws[key].id },
      })) as { id: number };
      for (const n of [1, 2]) {
        await app.strapi.db.query('plugin::outreach.recipient').create({
          data: { name: `${WORD[key]} structure ${n}`, email: `s${n}@${key}.test`, delivery: 'sent', sentAt: '2012-01-02T09:00:00.000Z', outcome: 'no_answer', campaign: campaign.id },
        });
      }
    }
    const result = (await app.strapi.plugin('outreach').service('sender').notifyCoordinators()) as { due: number; notified: string[] };
    expect(result.due).toBe(4);
    expect([...result.notified].sort()).toEqual([BREST, MORLAIX].sort());
    const report = (address: string) => to(address).filter((m) => (m.parsed.subject ?? '').startsWith('Campagnes :'));
    expect(report(BREST).map((m) => m.parsed.subject)).toEqual(['Campagnes : 2 structure(s) à relancer']);
    expect(report(MORLAIX).map((m) => m.parsed.subject)).toEqual(['Campagnes : 2 structure(s) à relancer']);
    expect(report(MORLAIX)[0].parsed.text).toContain('Bravo campagne');
  });

  it('no mailbox received another workshop’s record; the blocked and the Atelier members received nothing', async () => {
    // Give any e-mail sent after a commit (stock, actions) time to arrive.
    await smtp.waitFor(() => false, 1500).catch(() => null);
    const leaks = leaksIn(smtp.messages);
    expect(leaks).toEqual([]);
    // The check itself finds a leak when there is one.
    const planted = { to: [BREST], from: '', parsed: { subject: 'x', text: `… ${markers.morlaix[0]} …` } } as unknown as CapturedMail;
    expect(leaksIn([planted])).toHaveLength(1);
    for (const key of Object.keys(markers) as Key[]) expect(markers[key].length).toBeGreaterThan(0);
    expect(to(LANDERNEAU_BLOCKED)).toEqual([]);
    expect(to(LANDERNEAU_ATELIER)).toEqual([]);
  });
});

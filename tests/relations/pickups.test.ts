import { startApp, type TestApp } from '../helpers/app';
import { adminToken, staffToken } from '../helpers/admin';
import { createConvention, createDonor, setToday } from './helpers';

let app: TestApp;
let jwt: string;
const auth = (token = jwt) => ({ Authorization: `Bearer ${token}` });
let signed: { documentId: string; number: string };
let donor: { documentId: string };

const donationsOf = async (documentId: string) =>
  (
    await app.sql.query(
      `SELECT d.reference, d.announced_count, d.collected_at::text AS collected_at, d.collection_site, c.number AS convention
       FROM donations d JOIN donations_donor_lnk dl ON dl.donation_id = d.id JOIN donors o ON o.id = dl.donor_id
       LEFT JOIN donations_convention_lnk cl ON cl.donation_id = d.id LEFT JOIN conventions c ON c.id = cl.convention_id
       WHERE o.document_id = $1 ORDER BY d.id`,
      [documentId],
    )
  ).rows;

const plan = (body: Record<string, unknown>, token = jwt) => app.http().post('/relations/pickups').set(auth(token)).send(body);

beforeAll(async () => {
  app = await startApp('base');
  jwt = await adminToken(app);
  setToday(app, '2012-10-01');
  donor = await createDonor(app, 'Thales Brest', { relationship: 'partner' });
  signed = await createConvention(app, donor.documentId, { state: 'signed', signedAt: '2012-06-01', startDate: '2012-06-01', endDate: '2015-05-31' });
});

afterAll(async () => {
  await app?.stop();
});

describe('planning a pickup', () => {
  it('plans one under a signed convention in force, with the convention’s donor', async () => {
    const res = await plan({
      convention: signed.documentId, plannedAt: '2012-10-16T07:30:00.000Z', site: 'Thales, route de Mézaven, Brest',
      contactName: 'M. Le Goff', contactPhone: '02 98 31 00 00', expectedCount: 45, volunteers: 'Mikaël, Annie', vehicle: 'Camion de la métropole',
    }).expect(201);
    expect(res.body.data).toMatchObject({ state: 'planned', expectedCount: 45, donor: { documentId: donor.documentId }, convention: { number: signed.number } });
    const list = await app.http().get('/relations/pickups?from=2012-10-01&to=2012-10-31').set(auth()).expect(200);
    expect(list.body.data.map((p: { documentId: string }) => p.documentId)).toEqual([res.body.data.documentId]);
    const outside = await app.http().get('/relations/pickups?from=2012-11-01&to=2012-11-30').set(auth()).expect(200);
    expect(outside.body.data).toEqual([]);
  });

  it('refuses a convention that is not signed, or not in force on the pickup date (400, French), and creates nothing', async () => {
    const draft = await createConvention(app, donor.documentId);
    const before = (await app.sql.query('SELECT count(*)::int AS n FROM pickups')).rows[0].n;
    const res = await plan({ convention: draft.documentId, plannedAt: '2012-10-20T08:00:00.000Z', site: 'Brest' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(`convention : ${draft.number} n’est pas signée et en cours de validité à la date de la collecte : impossible de la planifier.`);
    const late = await plan({ convention: signed.documentId, plannedAt: '2015-07-01T08:00:00.000Z', site: 'Brest' });
    expect(late.status).toBe(400);
    expect((await app.sql.query('SELECT count(*)::int AS n FROM pickups')).rows[0].n).toBe(before);
  });

  it('validates the body (400 naming the field)', async () => {
    const cases = [
      [{ plannedAt: '2012-10-20T08:00:00.000Z', site: 'Brest' }, /convention : choisissez/],
      [{ convention: signed.documentId, plannedAt: 'demain', site: 'Brest' }, /plannedAt : /],
      [{ convention: signed.documentId, plannedAt: '2012-10-20T08:00:00.000Z', site: 'Brest', expectedCount: -3 }, /expectedCount : 0 ou plus/],
      [{ convention: signed.documentId, plannedAt: '2012-10-20T08:00:00.000Z' }, /site : indiquez/],
      [{ convention: signed.documentId, plannedAt: '2012-10-20T08:00:00.000Z', site: 'Brest', truck: 'oui' }, /Champ inconnu : truck/],
    ] as const;
    for (const [body, message] of cases) {
      const res = await plan(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
  });

  it('is refused to the Atelier role, which may list the pickups', async () => {
    const volunteer = await staffToken(app, 'seconde-vie-atelier', 'benevole.collectes@atelier.test');
    await app.http().get('/relations/pickups').set(auth(volunteer)).expect(200);
    await plan({ convention: signed.documentId, plannedAt: '2012-10-20T08:00:00.000Z', site: 'Brest' }, volunteer).expect(403);
  });
});

describe('completing a pickup', () => {
  it('creates the donation (donor, convention, count, date, site, a reference) and links it', async () => {
    const created = await plan({ convention: signed.documentId, plannedAt: '2012-10-23T07:30:00.000Z', site: 'Thales, site de Brest', expectedCount: 30 }).expect(201);
    const before = await donationsOf(donor.documentId);
    const res = await app.http().post(`/relations/pickups/${created.body.data.documentId}/complete`).set(auth()).send({ count: 28, collectedAt: '2012-10-23' }).expect(200);
    expect(res.body.data.state).toBe('done');
    const after = await donationsOf(donor.documentId);
    expect(after).toHaveLength(before.length + 1);
    const donation = after[after.length - 1];
    expect(donation).toEqual({ reference: expect.stringMatching(/^LOT-2012-\d{3}$/), announced_count: 28, collected_at: '2012-10-23', collection_site: 'Thales, site de Brest', convention: signed.number });
    expect(res.body.data.donation.reference).toBe(donation.reference);
  });

  it('answers 409 the second time and creates nothing more', async () => {
    const created = await plan({ convention: signed.documentId, plannedAt: '2012-10-30T07:30:00.000Z', site: 'Thales', expectedCount: 12 }).expect(201);
    const url = `/relations/pickups/${created.body.data.documentId}/complete`;
    const [a, b] = await Promise.all([app.http().post(url).set(auth()).send({}), app.http().post(url).set(auth()).send({})]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const refused = a.status === 409 ? a : b;
    expect(refused.body.error.message).toBe('Cette collecte est déjà faite : son lot a été créé.');
    const count = (await app.sql.query("SELECT count(*)::int AS n FROM donations WHERE collection_site = 'Thales' AND announced_count = 12")).rows[0].n;
    expect(count).toBe(1);
  });

  it('refuses to complete a cancelled pickup', async () => {
    const created = await plan({ convention: signed.documentId, plannedAt: '2012-11-06T07:30:00.000Z', site: 'Thales annulée' }).expect(201);
    await app.http().post(`/relations/pickups/${created.body.data.documentId}/cancel`).set(auth()).send({}).expect(200);
    const res = await app.http().post(`/relations/pickups/${created.body.data.documentId}/complete`).set(auth()).send({});
    expect(res.status).toBe(409);
    expect((await app.sql.query("SELECT count(*)::int AS n FROM donations WHERE collection_site = 'Thales annulée'")).rows[0].n).toBe(0);
  });

  it('keeps its state and donation out of reach of the content manager, which cannot reopen a done pickup nor mark one done', async () => {
    const created = await plan({ convention: signed.documentId, plannedAt: '2012-11-13T07:30:00.000Z', site: 'Thales CM', expectedCount: 7 }).expect(201);
    const documentId = created.body.data.documentId as string;
    await app.http().post(`/relations/pickups/${documentId}/complete`).set(auth()).send({}).expect(200);
    const cm = `/content-manager/collection-types/api::pickup.pickup`;
    const reopen = await app.http().put(`${cm}/${documentId}`).set(auth()).send({ state: 'planned' });
    expect(reopen.status).toBe(400);
    expect(reopen.body.error.message).toMatch(/^state : l’état d’une collecte change par « Collecte faite »/);
    const unlink = await app.http().put(`${cm}/${documentId}`).set(auth()).send({ donation: null });
    expect(unlink.status).toBe(400);
    const row = (await app.sql.query(
      'SELECT p.state, count(l.*)::int AS links FROM pickups p LEFT JOIN pickups_donation_lnk l ON l.pickup_id = p.id WHERE p.document_id = $1 GROUP BY p.state',
      [documentId],
    )).rows[0];
    expect(row).toEqual({ state: 'done', links: 1 });
    // A note still saves, with the state the form sends back unchanged.
    await app.http().put(`${cm}/${documentId}`).set(auth()).send({ state: 'done', notes: 'Camion rendu à 17 h.' }).expect(200);
    const before = (await app.sql.query('SELECT count(*)::int AS n FROM pickups')).rows[0].n;
    const born = await app.http().post(cm).set(auth()).send({ convention: signed.documentId, plannedAt: '2012-11-20T07:30:00.000Z', site: 'Thales', state: 'done' });
    expect(born.status).toBe(400);
    expect((await app.sql.query('SELECT count(*)::int AS n FROM pickups')).rows[0].n).toBe(before);
  });

  it('refuses a day that does not exist in the list filter (400, not 500)', async () => {
    const res = await app.http().get('/relations/pickups?from=2026-02-31').set(auth());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/date inexistante/);
  });
});

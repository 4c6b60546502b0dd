import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';

let app: TestApp;
let token: string;
const auth = () => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  app = await startApp('base');
  token = await createFullAccessToken(app.strapi);
});

afterAll(async () => {
  await app?.stop();
});

/** Creates what a record of each type needs first; returns the documentIds by name. */
async function parents() {
  const post = async (path: string, data: Record<string, unknown>) => {
    const res = await app.http().post(path).set(auth()).send({ data });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.data.documentId as string;
  };
  const donor = await post('/api/donors', { name: `Donateur ${Math.random()}`, kind: 'company' });
  const prescriber = await post('/api/prescribers', { name: `CDAS ${Math.random()}`, kind: 'cdas', commune: 'Brest' });
  const household = await post('/api/households', { referenceName: 'Foyer X.', commune: 'Brest' });
  return { donor, prescriber, household };
}

type Case = {
  path: string;
  create: (p: Awaited<ReturnType<typeof parents>>) => Record<string, unknown>;
  update: Record<string, unknown>;
  invalid: Record<string, unknown>;
  invalidField: string;
};

const CASES: Case[] = [
  { path: 'workshops', create: () => ({ name: 'Atelier du Relecq', commune: 'Le Relecq-Kerhuon' }), update: { commune: 'Brest' }, invalid: { commune: 'Brest' }, invalidField: 'name' },
  { path: 'donors', create: () => ({ name: 'UBO', kind: 'public_administration', relationship: 'meeting', contacts: [{ name: 'G. Tanguy', email: 'g.tanguy@example.org' }] }), update: { relationship: 'partner' }, invalid: { name: 'X', kind: 'company', relationship: 'friend' }, invalidField: 'relationship' },
  { path: 'conventions', create: (p) => ({ kind: 'membership', prescriber: p.prescriber }), update: { endDate: '2013-08-31' }, invalid: { kind: 'loan' }, invalidField: 'kind' },
  { path: 'donations', create: (p) => ({ donor: p.donor, announcedCount: 120 }), update: { announcedCount: 121 }, invalid: { announcedCount: -1 }, invalidField: 'announcedCount' },
  { path: 'machines', create: () => ({ type: 'laptop' }), update: { ramGb: 4 }, invalid: { type: 'desktop', ramGb: -4 }, invalidField: 'ramGb' },
  { path: 'parts', create: () => ({ category: 'flat_screen', description: 'Écran plat 17"', quantityOnHand: 3, lowStockThreshold: 8 }), update: { quantityOnHand: 2 }, invalid: { category: 'webcam', description: 'Webcam', quantityOnHand: -1 }, invalidField: 'quantityOnHand' },
  { path: 'prescribers', create: () => ({ name: 'Collège de Kerhallet', kind: 'college', commune: 'Brest' }), update: { commune: 'Brest (29200)' }, invalid: { name: 'Y', kind: 'school', commune: 'Brest' }, invalidField: 'kind' },
  { path: 'prescriptions', create: (p) => ({ prescriber: p.prescriber, household: p.household, needs: { deviceType: 'desktop', screen: true }, receivedAt: '2012-08-06' }), update: { decidedAt: '2012-08-20' }, invalid: { needs: { deviceType: 'tablet' } }, invalidField: 'needs' },
  { path: 'households', create: () => ({ referenceName: 'Foyer K. V.', commune: 'Brest', childrenInCollege: 1 }), update: { childrenInCollege: 2 }, invalid: { referenceName: 'Foyer', commune: 'Brest', childrenInCollege: -2 }, invalidField: 'childrenInCollege' },
  { path: 'interactions', create: (p) => ({ date: '2012-09-11T11:00:00.000Z', kind: 'meeting', summary: 'Rencontre RSE', donor: p.donor }), update: { outcome: 'Proposition demandée' }, invalid: { date: '2012-09-11T11:00:00.000Z', kind: 'visit', summary: 'x' }, invalidField: 'kind' },
];

describe.each(CASES)('/api/$path', ({ path, create, update, invalid, invalidField }) => {
  it('creates, reads, lists, updates and deletes a record', async () => {
    const p = await parents();
    const created = await app.http().post(`/api/${path}`).set(auth()).send({ data: create(p) });
    expect(created.status).toBe(201);
    const id = created.body.data.documentId;
    const read = await app.http().get(`/api/${path}/${id}`).set(auth());
    expect(read.status).toBe(200);
    const list = await app.http().get(`/api/${path}`).set(auth());
    expect(list.body.data.map((r: { documentId: string }) => r.documentId)).toContain(id);
    const updated = await app.http().put(`/api/${path}/${id}`).set(auth()).send({ data: update });
    expect(updated.status).toBe(200);
    for (const [key, value] of Object.entries(update)) expect(updated.body.data[key]).toEqual(value);
    expect((await app.http().delete(`/api/${path}/${id}`).set(auth())).status).toBe(204);
    expect((await app.http().get(`/api/${path}/${id}`).set(auth())).status).toBe(404);
  });

  it(`refuses invalid data with a 400 naming "${invalidField}"`, async () => {
    const res = await app.http().post(`/api/${path}`).set(auth()).send({ data: invalid });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path[0])).toContain(invalidField);
  });
});

describe('relations staff need both ways', () => {
  it("shows a donor's conventions, donations, machines and interactions", async () => {
    const p = await parents();
    const post = (path: string, data: Record<string, unknown>) => app.http().post(`/api/${path}`).set(auth()).send({ data });
    await post('conventions', { kind: 'partnership', donor: p.donor });
    const donation = (await post('donations', { donor: p.donor, announcedCount: 2 })).body.data.documentId;
    await post('machines', { type: 'desktop', donation });
    await post('machines', { type: 'laptop', donation });
    await post('interactions', { date: '2012-01-19T14:00:00.000Z', kind: 'call', summary: 'Calendrier', donor: p.donor });
    const res = await app.http().get(`/api/donors/${p.donor}?populate=*`).set(auth());
    expect(res.status).toBe(200);
    expect(res.body.data.conventions).toHaveLength(1);
    expect(res.body.data.donations).toHaveLength(1);
    expect(res.body.data.machines).toHaveLength(2);
    expect(res.body.data.interactions).toHaveLength(1);
  });

  it('counts the units of a lot from its machines (never typed)', async () => {
    const p = await parents();
    const donation = (await app.http().post('/api/donations').set(auth()).send({ data: { donor: p.donor, announcedCount: 5 } })).body.data.documentId;
    for (let i = 0; i < 3; i += 1) await app.http().post('/api/machines').set(auth()).send({ data: { type: 'desktop', donation } });
    const res = await app.http().get(`/api/donations/${donation}?populate[machines][count]=true`).set(auth());
    expect(res.body.data.machines.count).toBe(3);
    expect(res.body.data.announcedCount).toBe(5);
  });

  it('puts a new record in the default workshop', async () => {
    const res = await app.http().post('/api/machines').set(auth()).send({ data: { type: 'desktop' } });
    const read = await app.http().get(`/api/machines/${res.body.data.documentId}?populate=workshop`).set(auth());
    expect(read.body.data.workshop.isDefault).toBe(true);
  });
});

import { startApp, type TestApp } from '../helpers/app';
import { adminToken } from '../helpers/admin';
import { fixtures } from './fixtures';

let app: TestApp;
let jwt: string;
let f: ReturnType<typeof fixtures>;
const auth = () => ({ Authorization: `Bearer ${jwt}` });
const TESTING_OK = { boots: true, memory: true, disk_smart: true };

async function readyUnit(type: string, serial: string) {
  const m = await f.machine([serial], undefined, type);
  await app.http().post(`/pipeline/machines/${m.documentId}/erasures`).set(auth()).send({ deviceSerial: serial, method: 'overwrite', passes: 1, result: 'success' }).expect(201);
  await app.http().post(`/pipeline/records/machines/${m.documentId}/checklists`).set(auth()).send({ stage: 'testing', items: TESTING_OK }).expect(201);
  await f.placeAt('machines', m.documentId, 'reinstalling');
  await app.http().post(`/pipeline/records/machines/${m.documentId}/transitions`).set(auth()).send({ to: 'ready' }).expect(200);
  const { rows: [{ label_code }] } = await app.sql.query('SELECT label_code FROM machines WHERE document_id = $1', [m.documentId]);
  return { documentId: m.documentId, labelCode: label_code as string };
}

beforeAll(async () => {
  app = await startApp('base');
  jwt = await adminToken(app);
  f = fixtures(app);
});

afterAll(async () => {
  await app?.stop();
});

describe('proposing ready units for an accepted prescription', () => {
  it('ranks the units that have everything first, says what each lacks, and reserves one through the line', async () => {
    const screen = await app.strapi.documents('api::part.part').create({ data: { category: 'flat_screen', description: 'Écran 19"', quantityOnHand: 3, lowStockThreshold: 0 } });
    await app.strapi.documents('api::part.part').create({ data: { category: 'webcam', description: 'Webcam', quantityOnHand: 1, lowStockThreshold: 0 } });
    const bare = await readyUnit('desktop', 'MATCH-BARE');
    const equipped = await readyUnit('desktop', 'MATCH-FULL');
    await app.http().post(`/pipeline/machines/${equipped.documentId}/parts`).set(auth()).send({ part: screen.documentId, quantity: 1 }).expect(200);
    const laptop = await readyUnit('laptop', 'MATCH-LAPTOP');

    const prescriber = await f.prescriber({ state: 'signed' });
    const household = await app.strapi.documents('api::household.household').create({ data: { referenceName: 'Foyer M.', commune: 'Brest' } });
    const p = await app.strapi.documents('api::prescription.prescription').create({
      data: { prescriber: prescriber.documentId, household: household.documentId, needs: { deviceType: 'desktop', screen: true, webcam: true } } as never,
    });
    const early = await app.http().get(`/pipeline/prescriptions/${p.documentId}/matches`).set(auth()).expect(200);
    expect(early.body.data.canReserve).toBe(false);
    await f.placeAt('prescriptions', p.documentId, 'accepted');

    const res = await app.http().get(`/pipeline/prescriptions/${p.documentId}/matches`).set(auth()).expect(200);
    const rows = res.body.data.matches as Array<{ machine: { labelCode: string }; needs: Record<string, string>; complete: boolean }>;
    const mine = rows.filter((r) => [bare.labelCode, equipped.labelCode, laptop.labelCode].includes(r.machine.labelCode));
    expect(mine.map((r) => [r.machine.labelCode, r.needs])).toEqual([
      [equipped.labelCode, { screen: 'fitted', webcam: 'in_stock' }],
      [bare.labelCode, { screen: 'in_stock', webcam: 'in_stock' }],
    ]);
    expect(res.body.data.canReserve).toBe(true);

    await app.http().post(`/pipeline/records/prescriptions/${p.documentId}/transitions`).set(auth()).send({ to: 'machine_reserved', machine: equipped.documentId }).expect(200);
    expect(await f.stageOf('machines', equipped.documentId)).toBe('reserved');
    const after = await app.http().get(`/pipeline/prescriptions/${p.documentId}/matches`).set(auth()).expect(200);
    expect(after.body.data.canReserve).toBe(false);
  });

  it('answers 404 for an unknown prescription and 400 for a malformed id', async () => {
    expect((await app.http().get('/pipeline/prescriptions/abcdefghijklmnopqrstuvwx/matches').set(auth())).status).toBe(404);
    expect((await app.http().get('/pipeline/prescriptions/x!/matches').set(auth())).status).toBe(400);
    expect((await app.http().get('/pipeline/prescriptions/abcdefghijklmnopqrstuvwx/matches')).status).toBe(401);
  });
});

import { startApp, type TestApp } from '../helpers/app';
import { adminToken, staffToken } from '../helpers/admin';
import { fixtures } from './fixtures';
import { trainForErasure } from '../helpers/qualifications';
import { parisDay, parisInstant } from '../helpers/clock';

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

describe("the prescription's own page: any ready unit found by a search, the moves each role may make", () => {
  const accepted = async (deviceType: string) => {
    const prescriber = await f.prescriber({ state: 'signed' });
    const household = await app.strapi.documents('api::household.household').create({ data: { referenceName: 'Foyer R.', commune: 'Brest' } });
    const p = await app.strapi.documents('api::prescription.prescription').create({
      data: { prescriber: prescriber.documentId, household: household.documentId, needs: { deviceType } } as never,
    });
    await f.placeAt('prescriptions', p.documentId, 'accepted');
    return p;
  };

  it('finds a ready unit of another type by its label code, brand or type word, and reserves it', async () => {
    const laptop = await readyUnit('laptop', 'SEARCH-LAPTOP');
    const p = await accepted('desktop');
    const byCode = await app.http().get(`/pipeline/prescriptions/${p.documentId}/matches`).query({ q: laptop.labelCode.toLowerCase() }).set(auth()).expect(200);
    expect(byCode.body.data.matches.map((m: { machine: { labelCode: string } }) => m.machine.labelCode)).not.toContain(laptop.labelCode);
    expect(byCode.body.data.search.machines.map((m: { labelCode: string }) => m.labelCode)).toEqual([laptop.labelCode]);
    const byWords = await app.http().get(`/pipeline/prescriptions/${p.documentId}/matches`).query({ q: 'portable dell' }).set(auth()).expect(200);
    expect(byWords.body.data.search.machines.map((m: { labelCode: string }) => m.labelCode)).toContain(laptop.labelCode);
    for (const m of byWords.body.data.search.machines as Array<{ type: string; brand: string }>) expect([m.type, m.brand]).toEqual(['laptop', 'Dell']);
    const none = await app.http().get(`/pipeline/prescriptions/${p.documentId}/matches`).query({ q: 'aucune-machine-ainsi' }).set(auth()).expect(200);
    expect(none.body.data.search).toEqual({ query: 'aucune-machine-ainsi', more: false, machines: [] });
    const plain = await app.http().get(`/pipeline/prescriptions/${p.documentId}/matches`).set(auth()).expect(200);
    expect(plain.body.data.search).toBeNull();

    await app.http().post(`/pipeline/records/prescriptions/${p.documentId}/transitions`).set(auth()).send({ from: 'accepted', to: 'machine_reserved', machine: laptop.documentId }).expect(200);
    expect(await f.stageOf('machines', laptop.documentId)).toBe('reserved');
    const after = await app.http().get(`/pipeline/prescriptions/${p.documentId}/matches`).query({ q: laptop.labelCode }).set(auth()).expect(200);
    expect(after.body.data.search.machines).toEqual([]);
  });

  it('refuses a malformed search with a French message', async () => {
    const p = await accepted('laptop');
    const long = await app.http().get(`/pipeline/prescriptions/${p.documentId}/matches`).query({ q: 'x'.repeat(81) }).set(auth());
    expect(long.status).toBe(400);
    expect(long.body.error.message).toBe('q : 80 caractères au plus.');
    const twice = await app.http().get(`/pipeline/prescriptions/${p.documentId}/matches?q=a&q=b`).set(auth());
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toMatch(/^q : texte attendu/);
  });

  it('offers each role only the moves its transition would accept (never one that answers 403)', async () => {
    const atelier = await staffToken(app, 'seconde-vie-atelier', 'atelier-moves@seconde-vie.test');
    const coordination = await staffToken(app, 'seconde-vie-coordination', 'coordination-moves@seconde-vie.test');
    // The Atelier role does not read prescriptions at all.
    const p = await accepted('desktop');
    expect((await app.http().get(`/pipeline/records/prescriptions/${p.documentId}`).set({ Authorization: `Bearer ${atelier}` })).status).toBe(403);

    // Coordination at every prescription stage: each offered move is made without a 403.
    const stages = ['received', 'reviewing', 'accepted', 'machine_reserved'];
    for (const stage of stages) {
      const rx = await accepted('desktop');
      await f.placeAt('prescriptions', rx.documentId, stage);
      const state = await app.http().get(`/pipeline/records/prescriptions/${rx.documentId}`).set({ Authorization: `Bearer ${coordination}` }).expect(200);
      const offers = state.body.data.moves as Array<{ stage: { key: string }; allowed: boolean; needsMachine: boolean }>;
      expect(offers.map((o) => o.stage.key)).toEqual(state.body.data.nextStages.map((s: { key: string }) => s.key));
      expect(offers.every((o) => o.allowed)).toBe(true);
      expect(offers.filter((o) => o.needsMachine).map((o) => o.stage.key)).toEqual(stage === 'accepted' ? ['machine_reserved'] : []);
      for (const offer of offers.filter((o) => !o.needsMachine)) {
        await f.placeAt('prescriptions', rx.documentId, stage);
        const res = await app.http().post(`/pipeline/records/prescriptions/${rx.documentId}/transitions`).set({ Authorization: `Bearer ${coordination}` }).send({ to: offer.stage.key });
        expect([offer.stage.key, res.status]).not.toEqual([offer.stage.key, 403]);
      }
    }

    // Atelier at every machine stage: an offered move never answers 403, a withheld one always does (or 409, the line's rule).
    const machineStages = ['received', 'sorting', 'testing', 'erasing', 'cleaning', 'reinstalling', 'ready', 'reserved'];
    let offered = 0;
    let withheld = 0;
    for (const stage of machineStages) {
      const unit = await readyUnit('desktop', `MOVES-${stage}`);
      const { rows: [{ label_code }] } = await app.sql.query('SELECT label_code FROM machines WHERE document_id = $1', [unit.documentId]);
      await f.placeAt('machines', unit.documentId, stage);
      const shown = await app.http().get(`/pipeline/machines/by-label/${label_code}`).set({ Authorization: `Bearer ${atelier}` }).expect(200);
      for (const offer of shown.body.data.moves as Array<{ stage: { key: string }; allowed: boolean; reason: string | null }>) {
        await f.placeAt('machines', unit.documentId, stage);
        const res = await app.http().post(`/pipeline/records/machines/${unit.documentId}/transitions`).set({ Authorization: `Bearer ${atelier}` }).send({ to: offer.stage.key });
        if (offer.allowed) {
          offered += 1;
          expect([stage, offer.stage.key, res.status]).not.toEqual([stage, offer.stage.key, 403]);
          expect(offer.reason).toBeNull();
        } else {
          withheld += 1;
          expect([stage, offer.stage.key, [403, 409].includes(res.status)]).toEqual([stage, offer.stage.key, true]);
          expect(offer.reason).toMatch(/^(Une machine se réserve|Votre rôle)/);
        }
      }
    }
    expect(offered).toBeGreaterThan(5);
    expect(withheld).toBeGreaterThan(0);
  });
});


describe("the home page: the day of whoever asks", () => {
  it("counts this staff member's own records of today (Europe/Paris), not others'", async () => {
    const atelier = await staffToken(app, 'seconde-vie-atelier', 'atelier-home@seconde-vie.test');
    // A volunteer trained in certified erasure (docs/volunteers.md), as the bench's erasures require.
    await trainForErasure(app, 'atelier-home@seconde-vie.test');
    const as = { Authorization: `Bearer ${atelier}` };
    // Half an hour after midnight in Brest, still yesterday in UTC: the day is the workshop's.
    const day = parisDay(new Date());
    const clock = app.strapi.plugin('pipeline').service('clock') as { set(at: Date | null): void };
    clock.set(parisInstant(day, '00:30'));
    try {
      const before = await app.http().get('/pipeline/home').set(as).expect(200);
      expect(before.body.data.myDay).toEqual({ events: {}, units: 0, recent: [] });
      const m = await f.machine(['HOME-1']);
      await app.http().post(`/pipeline/machines/${m.documentId}/erasures`).set(as).send({ deviceSerial: 'HOME-1', method: 'overwrite', passes: 1, result: 'success' }).expect(201);
      await app.http().post(`/pipeline/records/machines/${m.documentId}/transitions`).set(as).send({ to: 'sorting' }).expect(200);
      // Someone else's move the same day is not this person's.
      await app.http().post(`/pipeline/records/machines/${m.documentId}/transitions`).set(auth()).send({ to: 'testing' }).expect(200);

      const after = await app.http().get('/pipeline/home').set(as).expect(200);
      const { rows } = await app.sql.query(
        `SELECT e.kind, count(*)::int AS n FROM sv_pipeline_events e JOIN admin_users u ON u.id::text = e.actor_id
          WHERE u.email = 'atelier-home@seconde-vie.test' AND ((e.at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris')::date = $1::date GROUP BY 1`,
        [after.body.data.today]
      );
      expect(after.body.data.myDay.events).toEqual(Object.fromEntries(rows.map((r) => [r.kind, r.n])));
      expect(after.body.data.myDay.events.transition).toBe(1);
      expect(after.body.data.myDay.units).toBe(1);
      expect(after.body.data.myDay.recent.map((u: { documentId: string }) => u.documentId)).toEqual([m.documentId]);
      expect(after.body.data.today).toBe(day);
    } finally {
      clock.set(null);
    }
    expect((await app.http().get('/pipeline/home')).status).toBe(401);
  });
});

import { startApp, type TestApp } from '../helpers/app';
import { adminToken, staffToken } from '../helpers/admin';
import { fixtures } from './fixtures';

let app: TestApp;
let jwt: string;
let f: ReturnType<typeof fixtures>;

const TESTING_OK = { boots: true, memory: true, disk_smart: true };

const move = (workflow: string, documentId: string, body: Record<string, unknown>, token = jwt) =>
  app.http().post(`/pipeline/records/${workflow}/${documentId}/transitions`).set('Authorization', `Bearer ${token}`).send(body);
const erase = (documentId: string, deviceSerial: string, result = 'success') =>
  app.http().post(`/pipeline/machines/${documentId}/erasures`).set('Authorization', `Bearer ${jwt}`)
    .send({ deviceSerial, method: 'overwrite', passes: 1, tool: 'nwipe', toolVersion: '0.34', result });
const checklist = (workflow: string, documentId: string, stage: string, items: Record<string, boolean>) =>
  app.http().post(`/pipeline/records/${workflow}/${documentId}/checklists`).set('Authorization', `Bearer ${jwt}`).send({ stage, items });

/** A machine at « Réinstallation » whose disk is erased and whose test passed. */
async function releasableMachine(serials = ['D-1']) {
  const m = await f.machine(serials);
  for (const s of serials) expect((await erase(m.documentId, s)).status).toBe(201);
  expect((await checklist('machines', m.documentId, 'testing', TESTING_OK)).status).toBe(201);
  await f.placeAt('machines', m.documentId, 'reinstalling');
  return m;
}

beforeAll(async () => {
  app = await startApp('base');
  jwt = await adminToken(app);
  f = fixtures(app);
});

afterAll(async () => {
  await app?.stop();
});

describe('a machine on the refurbishment line', () => {
  it('starts at Réception with a first event', async () => {
    const m = await f.machine();
    expect(await f.stageOf('machines', m.documentId)).toBe('received');
    const state = await app.http().get(`/pipeline/records/machines/${m.documentId}`).set('Authorization', `Bearer ${jwt}`);
    expect(state.body.data.stage.label).toBe('Réception');
    expect(state.body.data.events.map((e: { kind: string }) => e.kind)).toEqual(['created']);
    expect(state.body.data.nextStages.map((s: { key: string }) => s.key)).toEqual(['sorting', 'dismantled', 'recycled']);
  });

  it('goes from Réception to Prête, stage by stage, once erased and tested', async () => {
    const m = await f.machine(['D-1']);
    for (const to of ['sorting', 'testing', 'erasing', 'cleaning', 'reinstalling']) {
      const res = await move('machines', m.documentId, { to });
      expect(res.status).toBe(200);
      expect(res.body.data.to).toBe(to);
    }
    await erase(m.documentId, 'D-1');
    await checklist('machines', m.documentId, 'testing', TESTING_OK);
    expect((await move('machines', m.documentId, { to: 'ready' })).status).toBe(200);
    expect(await f.stageOf('machines', m.documentId)).toBe('ready');
  });

  it.each(['received', 'sorting', 'testing', 'erasing', 'cleaning', 'reinstalling', 'ready'])(
    'leaves %s for parts or WEEE recycling',
    async (from) => {
      for (const to of ['dismantled', 'recycled']) {
        const m = await f.machine();
        await f.placeAt('machines', m.documentId, from);
        expect((await move('machines', m.documentId, { to })).status).toBe(200);
      }
    }
  );

  it('refuses Prête without erasure, with 409 naming the rule, and changes nothing', async () => {
    const m = await f.machine(['D-1', 'D-2']);
    await erase(m.documentId, 'D-1');
    await checklist('machines', m.documentId, 'testing', TESTING_OK);
    await f.placeAt('machines', m.documentId, 'reinstalling');
    const events = await f.eventCount(m.documentId);
    const res = await move('machines', m.documentId, { to: 'ready' });
    expect(res.status).toBe(409);
    expect(res.body.error.details.rule).toBe('ERASURE_REQUIRED');
    expect(res.body.error.message).toMatch(/Effacement certifié manquant.*D-2/);
    expect(await f.stageOf('machines', m.documentId)).toBe('reinstalling');
    expect(await f.eventCount(m.documentId)).toBe(events);
  });

  it('refuses Prête after a failed erasure', async () => {
    const m = await f.machine(['D-1']);
    await erase(m.documentId, 'D-1', 'failure');
    await checklist('machines', m.documentId, 'testing', TESTING_OK);
    await f.placeAt('machines', m.documentId, 'reinstalling');
    expect((await move('machines', m.documentId, { to: 'ready' })).body.error.details.rule).toBe('ERASURE_REQUIRED');
  });

  it('accepts a recorded removal of the disk instead of an erasure', async () => {
    const m = await f.machine(['D-1']);
    const removal = await app.http().post(`/pipeline/machines/${m.documentId}/devices/${m.devices[0].documentId}/removal`).set('Authorization', `Bearer ${jwt}`)
      .send({ reason: 'Disque détruit par le donateur', destination: 'destroyed' });
    expect(removal.status).toBe(200);
    await checklist('machines', m.documentId, 'testing', TESTING_OK);
    await f.placeAt('machines', m.documentId, 'reinstalling');
    expect((await move('machines', m.documentId, { to: 'ready' })).status).toBe(200);
  });

  it('refuses Prête when the test checklist has a required item unticked', async () => {
    const m = await f.machine(['D-1']);
    await erase(m.documentId, 'D-1');
    await checklist('machines', m.documentId, 'testing', { boots: true, memory: false, disk_smart: true });
    await f.placeAt('machines', m.documentId, 'reinstalling');
    const res = await move('machines', m.documentId, { to: 'ready' });
    expect(res.status).toBe(409);
    expect(res.body.error.details.rule).toBe('TEST_REQUIRED');
  });

  it('refuses to reserve or hand over a machine directly: that goes through a prescription', async () => {
    const m = await releasableMachine();
    await move('machines', m.documentId, { to: 'ready' });
    const res = await move('machines', m.documentId, { to: 'reserved' });
    expect(res.status).toBe(409);
    expect(res.body.error.details.rule).toBe('RESERVE_THROUGH_PRESCRIPTION');
  });

  it('refuses a move the workflow does not provide, and one from a stage the caller did not see', async () => {
    const m = await f.machine();
    const skip = await move('machines', m.documentId, { to: 'cleaning' });
    expect(skip.status).toBe(409);
    expect(skip.body.error.details).toMatchObject({ rule: 'TRANSITION_NOT_ALLOWED', currentStage: 'received' });
    const stale = await move('machines', m.documentId, { to: 'testing', from: 'sorting' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toMatchObject({ rule: 'STALE_STAGE', currentStage: 'received' });
  });

  it('refuses an erasure for a disk the machine does not have, naming the field', async () => {
    const m = await f.machine(['D-1']);
    const res = await erase(m.documentId, 'D-9');
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['deviceSerial']);
  });

  it('validates the body of a move', async () => {
    const m = await f.machine();
    expect((await move('machines', m.documentId, {})).status).toBe(400);
    expect((await move('machines', m.documentId, { to: 'sorting', unexpected: 1 })).status).toBe(400);
    expect((await move('machines', m.documentId, { to: 'nowhere' })).status).toBe(400);
    expect((await move('machines', 'not-an-id!', { to: 'sorting' })).status).toBe(400);
    expect((await move('machines', 'abcdefghijklmnopqrstuvwx', { to: 'sorting' })).status).toBe(404);
  });
});

describe('a prescription and its machine move together', () => {
  it('goes Reçue → En étude → Acceptée → Machine réservée → Remise → Suivi clos, the machine alongside', async () => {
    const prescriber = await f.prescriber({ state: 'signed' });
    const p = await f.prescription(prescriber.documentId);
    const m = await releasableMachine();
    await move('machines', m.documentId, { to: 'ready' });
    expect(await f.stageOf('prescriptions', p.documentId)).toBe('received');
    expect((await move('prescriptions', p.documentId, { to: 'reviewing' })).status).toBe(200);
    expect((await move('prescriptions', p.documentId, { to: 'accepted' })).status).toBe(200);
    const reserve = await move('prescriptions', p.documentId, { to: 'machine_reserved', machine: m.documentId });
    expect(reserve.status).toBe(200);
    expect(await f.stageOf('machines', m.documentId)).toBe('reserved');
    const handover = await move('prescriptions', p.documentId, { to: 'handed_over' });
    expect(handover.status).toBe(200);
    expect(await f.stageOf('machines', m.documentId)).toBe('handed_over');
    const row = (await app.sql.query('SELECT handed_over_at, decided_at FROM prescriptions WHERE document_id = $1', [p.documentId])).rows[0];
    expect(row.handed_over_at).not.toBeNull();
    expect(row.decided_at).not.toBeNull();
    expect((await move('prescriptions', p.documentId, { to: 'closed' })).status).toBe(200);
  });

  it('refuses to accept a prescription whose prescriber has no valid membership convention', async () => {
    for (const convention of [null, { state: 'sent' }, { state: 'signed', endDate: '2012-08-31' }]) {
      const prescriber = await f.prescriber(convention);
      const p = await f.prescription(prescriber.documentId);
      await f.placeAt('prescriptions', p.documentId, 'reviewing');
      const res = await move('prescriptions', p.documentId, { to: 'accepted' });
      expect(res.status).toBe(409);
      expect(res.body.error.details.rule).toBe('MEMBERSHIP_CONVENTION_REQUIRED');
      expect(await f.stageOf('prescriptions', p.documentId)).toBe('reviewing');
    }
  });

  it('reserves a machine for one open prescription only, and one machine per prescription', async () => {
    const prescriber = await f.prescriber({ state: 'signed' });
    const first = await f.prescription(prescriber.documentId);
    const second = await f.prescription(prescriber.documentId);
    const m = await releasableMachine();
    const m2 = await releasableMachine(['D-2']);
    await move('machines', m.documentId, { to: 'ready' });
    await move('machines', m2.documentId, { to: 'ready' });
    for (const p of [first, second]) await f.placeAt('prescriptions', p.documentId, 'accepted');
    expect((await move('prescriptions', first.documentId, { to: 'machine_reserved', machine: m.documentId })).status).toBe(200);
    const taken = await move('prescriptions', second.documentId, { to: 'machine_reserved', machine: m.documentId });
    expect(taken.status).toBe(409);
    expect(['MACHINE_NOT_READY', 'MACHINE_ALREADY_RESERVED']).toContain(taken.body.error.details.rule);
    expect(await f.stageOf('prescriptions', second.documentId)).toBe('accepted');
  });

  it('gives the machine back to « Prête » when a reservation is cancelled or withdrawn', async () => {
    const prescriber = await f.prescriber({ state: 'signed' });
    for (const to of ['accepted', 'withdrawn']) {
      const p = await f.prescription(prescriber.documentId);
      const m = await releasableMachine();
      await move('machines', m.documentId, { to: 'ready' });
      await f.placeAt('prescriptions', p.documentId, 'accepted');
      await move('prescriptions', p.documentId, { to: 'machine_reserved', machine: m.documentId });
      expect((await move('prescriptions', p.documentId, { to })).status).toBe(200);
      expect(await f.stageOf('machines', m.documentId)).toBe('ready');
    }
  });

  it('asks which machine to reserve', async () => {
    const prescriber = await f.prescriber({ state: 'signed' });
    const p = await f.prescription(prescriber.documentId);
    await f.placeAt('prescriptions', p.documentId, 'accepted');
    const res = await move('prescriptions', p.documentId, { to: 'machine_reserved' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['machine']);
  });

  it.each([['received', 'refused'], ['reviewing', 'refused'], ['received', 'withdrawn'], ['reviewing', 'withdrawn'], ['accepted', 'withdrawn']])(
    'lets a prescription go from %s to %s',
    async (from, to) => {
      const prescriber = await f.prescriber({ state: 'signed' });
      const p = await f.prescription(prescriber.documentId);
      await f.placeAt('prescriptions', p.documentId, from);
      expect((await move('prescriptions', p.documentId, { to })).status).toBe(200);
    }
  );
});

describe('who may move what', () => {
  it('lets the Atelier role move machines up to Prête, not accept or reserve', async () => {
    const atelier = await staffToken(app, 'seconde-vie-atelier', 'atelier-moves@seconde-vie.test');
    const m = await f.machine();
    expect((await move('machines', m.documentId, { to: 'sorting' }, atelier)).status).toBe(200);
    const prescriber = await f.prescriber({ state: 'signed' });
    const p = await f.prescription(prescriber.documentId);
    await f.placeAt('prescriptions', p.documentId, 'reviewing');
    const res = await move('prescriptions', p.documentId, { to: 'accepted' }, atelier);
    expect(res.status).toBe(403);
    expect(await f.stageOf('prescriptions', p.documentId)).toBe('reviewing');
  });

  it('refuses every move without a login', async () => {
    const m = await f.machine();
    expect((await app.http().post(`/pipeline/records/machines/${m.documentId}/transitions`).send({ to: 'sorting' })).status).toBe(401);
  });
});

describe('bulk moves from the machines list', () => {
  it('moves every selected unit it can and reports each one refused, with the reason', async () => {
    const units = await Promise.all([f.machine(), f.machine(), f.machine(), f.machine()]);
    for (const u of units.slice(0, 3)) await f.placeAt('machines', u.documentId, 'sorting');
    const res = await app.http().post('/pipeline/bulk-transitions').set('Authorization', `Bearer ${jwt}`)
      .send({ workflow: 'machines', documentIds: units.map((u) => u.documentId), to: 'testing' });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ moved: 3, refused: 1 });
    const refused = res.body.data.results.find((r: { ok: boolean }) => !r.ok);
    expect(refused).toMatchObject({ documentId: units[3].documentId, status: 409, currentStage: 'received' });
    for (const u of units.slice(0, 3)) expect(await f.stageOf('machines', u.documentId)).toBe('testing');
    expect(await f.stageOf('machines', units[3].documentId)).toBe('received');
  });

  it('validates a bulk move', async () => {
    const bad = await app.http().post('/pipeline/bulk-transitions').set('Authorization', `Bearer ${jwt}`).send({ workflow: 'machines', documentIds: [], to: 'testing' });
    expect(bad.status).toBe(400);
  });
});

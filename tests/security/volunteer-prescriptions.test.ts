import { asLifecycle } from '../../src/shared/server/lifecycle';
import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';
import { bearer, buildSecurityWorld, staffTokens, type SecurityWorld } from './fixtures';

// Finding 3: the prescription workflow's stages « Reçue », « En étude », « Suivi clos » and
// « Retirée » name no role, and a stage without roles let every holder of
// `plugin::pipeline.transition` in: volunteers could move, bulk-move and withdraw prescriptions
// (releasing their machine), record checklists on them, and read their history and matches.
let app: TestApp;
let world: SecurityWorld;
let tokens: { coordination: string; atelier: string };
let apiToken: string;

const stageOf = async (documentId: string) => (await app.sql.query('SELECT pipeline_stage FROM prescriptions WHERE document_id = $1', [documentId])).rows[0].pipeline_stage as string;
const eventCount = async (documentId: string) => Number((await app.sql.query('SELECT count(*) FROM sv_pipeline_events WHERE subject_id = $1', [documentId])).rows[0].count);
const checklistCount = async (documentId: string) => Number((await app.sql.query('SELECT count(*) FROM sv_pipeline_checklist_results WHERE subject_id = $1', [documentId])).rows[0].count);

beforeAll(async () => {
  app = await startApp('base');
  world = await buildSecurityWorld(app);
  tokens = await staffTokens(app, 'volunteer-prescriptions');
  apiToken = await createFullAccessToken(app.strapi, 'bench');
});

afterAll(async () => {
  await app?.stop();
});

/** Runs a refused call and checks that the prescription's stage and history did not move. */
async function refusedAndUnchanged(call: () => Promise<{ status: number }>, documentId = world.prescription.documentId) {
  const stage = await stageOf(documentId);
  const events = await eventCount(documentId);
  const checklists = await checklistCount(documentId);
  const res = await call();
  expect(res.status).toBe(403);
  expect(await stageOf(documentId)).toBe(stage);
  expect(await eventCount(documentId)).toBe(events);
  expect(await checklistCount(documentId)).toBe(checklists);
}

describe('a volunteer does not touch prescriptions', () => {
  it.each(['reviewing', 'withdrawn'])('cannot move a prescription to « %s »', async (to) => {
    await refusedAndUnchanged(() => app.http().post(`/pipeline/records/prescriptions/${world.prescription.documentId}/transitions`).set(bearer(tokens.atelier)).send({ to }));
  });

  it('cannot move prescriptions in bulk', async () => {
    await refusedAndUnchanged(() =>
      app.http().post('/pipeline/bulk-transitions').set(bearer(tokens.atelier)).send({ workflow: 'prescriptions', documentIds: [world.prescription.documentId], to: 'reviewing' })
    );
  });

  it('cannot record a checklist on a prescription', async () => {
    await refusedAndUnchanged(() => app.http().post(`/pipeline/records/prescriptions/${world.prescription.documentId}/checklists`).set(bearer(tokens.atelier)).send({ stage: 'received', items: {} }));
  });

  it('cannot read a prescription’s history, its chain check, its matches or the prescriptions board', async () => {
    const id = world.prescription.documentId;
    for (const url of [`/pipeline/records/prescriptions/${id}`, `/pipeline/records/prescriptions/${id}/verify`, `/pipeline/prescriptions/${id}/matches`, '/pipeline/board/prescriptions']) {
      const res = await app.http().get(url).set(bearer(tokens.atelier));
      expect({ url, status: res.status }).toEqual({ url, status: 403 });
    }
  });

  it('cannot take back the unit reserved for a prescription (« Réservée » → « Prête »)', async () => {
    // A unit attested without disk whose test passed: « Prête » would accept it back, were the move
    // allowed. Its reservation link is the prescription lifecycle's: set as it would.
    const unit = (await asLifecycle('tests : unité réservée', () =>
      app.strapi.documents('api::machine.machine').create({
        data: { type: 'desktop', brand: 'HP', serialNumber: 'SN-RESERVED-1', prescription: world.prescription.documentId },
      })
    )) as { documentId: string };
    const attested = await app.http().post(`/pipeline/machines/${unit.documentId}/no-storage-attestation`).set(bearer(tokens.coordination)).send({});
    expect(attested.status).toBe(201);
    const tested = await app.http().post(`/pipeline/records/machines/${unit.documentId}/checklists`).set(bearer(tokens.coordination)).send({ stage: 'testing', items: { boots: true, memory: true, disk_smart: true } });
    expect(tested.status).toBe(201);
    await app.sql.query("UPDATE machines SET pipeline_stage = 'reserved' WHERE document_id = $1", [unit.documentId]);
    const stage = async () => (await app.sql.query('SELECT pipeline_stage FROM machines WHERE document_id = $1', [unit.documentId])).rows[0].pipeline_stage;
    const single = await app.http().post(`/pipeline/records/machines/${unit.documentId}/transitions`).set(bearer(tokens.atelier)).send({ to: 'ready' });
    expect(single.status).toBe(403);
    const bulk = await app.http().post('/pipeline/bulk-transitions').set(bearer(tokens.atelier)).send({ workflow: 'machines', documentIds: [unit.documentId], to: 'ready' });
    expect(bulk.body.data).toMatchObject({ moved: 0, refused: 1 });
    expect(await stage()).toBe('reserved');
  });

  it('still moves a machine along the line', async () => {
    const res = await app.http().post(`/pipeline/records/machines/${world.machine.documentId}/transitions`).set(bearer(tokens.atelier)).send({ to: 'sorting' });
    expect(res.status).toBe(200);
    expect((await app.http().get('/pipeline/board/machines').set(bearer(tokens.atelier))).status).toBe(200);
  });
});

describe('a workshop tool’s API token moves machines only', () => {
  it('cannot move a prescription, even to a stage without roles', async () => {
    await refusedAndUnchanged(() => app.http().post(`/api/pipeline/records/prescriptions/${world.prescription.documentId}/transitions`).set(bearer(apiToken)).send({ to: 'reviewing' }));
  });
});

describe('coordinators keep the prescriptions', () => {
  it('moves a prescription to « En étude » and reads its history', async () => {
    const id = (await buildSecurityWorld(app)).prescription.documentId;
    const res = await app.http().post(`/pipeline/records/prescriptions/${id}/transitions`).set(bearer(tokens.coordination)).send({ to: 'reviewing' });
    expect(res.status).toBe(200);
    expect(await stageOf(id)).toBe('reviewing');
    const history = await app.http().get(`/pipeline/records/prescriptions/${id}`).set(bearer(tokens.coordination));
    expect(history.status).toBe(200);
    expect(history.body.data.stage.key).toBe('reviewing');
  });
});

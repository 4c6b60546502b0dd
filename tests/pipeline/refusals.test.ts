import crypto from 'node:crypto';
import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';
import { adminToken, staffToken } from '../helpers/admin';
import { fixtures } from './fixtures';

// A refused move answers in French with the rule, whoever asks: staff roles, full-access and
// custom API tokens, one record or many.
let app: TestApp;
let admin: string;
let atelier: string;
let fullAccess: string;
let custom: string;
let f: ReturnType<typeof fixtures>;

const TESTING_OK = { boots: true, memory: true, disk_smart: true };
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A unit at « Prête », erased and tested, moved there by the API. */
async function readyUnit() {
  const m = await f.machine(['R-1']);
  for (const to of ['sorting', 'testing', 'erasing', 'cleaning', 'reinstalling']) {
    expect((await app.http().post(`/pipeline/records/machines/${m.documentId}/transitions`).set(as(admin)).send({ to })).status).toBe(200);
  }
  await app.http().post(`/pipeline/machines/${m.documentId}/erasures`).set(as(admin)).send({ deviceSerial: 'R-1', method: 'overwrite', result: 'success' }).expect(201);
  await app.http().post(`/pipeline/records/machines/${m.documentId}/checklists`).set(as(admin)).send({ stage: 'testing', items: TESTING_OK }).expect(201);
  await app.http().post(`/pipeline/records/machines/${m.documentId}/transitions`).set(as(admin)).send({ to: 'ready' }).expect(200);
  return m;
}

/** A prescription at « En étude » whose prescriber holds a signed membership convention. */
async function prescriptionUnderReview() {
  const prescriber = await f.prescriber({ state: 'signed' });
  const p = await f.prescription(prescriber.documentId);
  await app.http().post(`/pipeline/records/prescriptions/${p.documentId}/transitions`).set(as(admin)).send({ to: 'reviewing' }).expect(200);
  return p;
}

beforeAll(async () => {
  app = await startApp('base');
  admin = await adminToken(app);
  atelier = await staffToken(app, 'seconde-vie-atelier', 'atelier-refusals@seconde-vie.test');
  fullAccess = await createFullAccessToken(app.strapi, 'poste-test');
  const token = (await app.strapi.service('admin::api-token').create({
    name: `script-atelier-${crypto.randomBytes(4).toString('hex')}`,
    type: 'custom',
    lifespan: null,
    permissions: ['plugin::pipeline.records.move', 'plugin::pipeline.records.verify'],
  })) as { accessKey: string };
  custom = token.accessKey;
  f = fixtures(app);
});

afterAll(async () => {
  await app?.stop();
});

describe('an API token refused a stage', () => {
  it.each([['full-access', () => fullAccess], ['custom', () => custom]])(
    'gets 409 in French naming the rule when its %s token reserves a unit directly, and nothing moves',
    async (_kind, token) => {
      const m = await readyUnit();
      const events = await f.eventCount(m.documentId);
      const res = await app.http().post(`/api/pipeline/records/machines/${m.documentId}/transitions`).set(as(token())).send({ to: 'reserved' });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe('Une machine se réserve et se remet depuis sa prescription : la prescription et la machine changent d’étape ensemble.');
      expect(res.body.error.details).toEqual({ rule: 'RESERVE_THROUGH_PRESCRIPTION', currentStage: 'ready' });
      expect(await f.stageOf('machines', m.documentId)).toBe('ready');
      expect(await f.eventCount(m.documentId)).toBe(events);
    }
  );

  it.each([['full-access', () => fullAccess], ['custom', () => custom]])(
    'gets 403 in French naming the rule when its %s token accepts a prescription (prescriptions stay with coordinators), and nothing moves',
    async (_kind, token) => {
      const p = await prescriptionUnderReview();
      const events = await f.eventCount(p.documentId);
      const res = await app.http().post(`/api/pipeline/records/prescriptions/${p.documentId}/transitions`).set(as(token())).send({ to: 'accepted' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe("Les outils de l'atelier (jetons d'API) ne traitent que les machines : les prescriptions restent aux coordinateurs.");
      expect(res.body.error.details).toEqual({ rule: 'PRESCRIPTIONS_ACCESS' });
      expect(await f.stageOf('prescriptions', p.documentId)).toBe('reviewing');
      expect(await f.eventCount(p.documentId)).toBe(events);
    }
  );

  it('hands a machine over only through its prescription: 409 in French for a token', async () => {
    const m = await readyUnit();
    const res = await app.http().post(`/api/pipeline/records/machines/${m.documentId}/transitions`).set(as(fullAccess)).send({ to: 'handed_over' });
    expect(res.status).toBe(409);
    expect(res.body.error.details.rule).toBe('TRANSITION_NOT_ALLOWED');
    expect(res.body.error.message).toBe('Le workflow ne prévoit pas de passer de « Prête » à « Remise ».');
  });
});

describe('a staff role refused a stage', () => {
  it('tells the Atelier role why, in French, with the rule, when it accepts a prescription', async () => {
    const p = await prescriptionUnderReview();
    const res = await app.http().post(`/pipeline/records/prescriptions/${p.documentId}/transitions`).set(as(atelier)).send({ to: 'accepted' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('Votre rôle ne permet pas de faire avancer les prescriptions.');
    expect(res.body.error.details).toEqual({ rule: 'PRESCRIPTIONS_ACCESS' });
    expect(await f.stageOf('prescriptions', p.documentId)).toBe('reviewing');
  });

  it('refuses a bulk move of prescriptions by the Atelier role as a whole, in French with the rule, and nothing moves', async () => {
    const [first, second] = [await prescriptionUnderReview(), await prescriptionUnderReview()];
    const res = await app.http().post('/pipeline/bulk-transitions').set(as(atelier)).send({ workflow: 'prescriptions', documentIds: [first.documentId, second.documentId], to: 'accepted' });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ message: 'Votre rôle ne permet pas de faire avancer les prescriptions.', details: { rule: 'PRESCRIPTIONS_ACCESS' } });
    expect(await f.stageOf('prescriptions', first.documentId)).toBe('reviewing');
    expect(await f.stageOf('prescriptions', second.documentId)).toBe('reviewing');
  });
});

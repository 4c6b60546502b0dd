import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';
import { fixtures } from './fixtures';
import { setExemptions } from '../helpers/qualifications';

let app: TestApp;
let token: string;
let f: ReturnType<typeof fixtures>;

const auth = () => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  app = await startApp('base');
  token = await createFullAccessToken(app.strapi, 'poste-effacement');
  // A workshop whose wipe station reports with a token exempts tokens from the erasure skill in the
  // workflow settings (docs/volunteers.md); tests/pipeline/qualifications.test.ts covers the default refusal.
  await setExemptions(app, ['strapi-super-admin', 'api-token']);
  f = fixtures(app);
});

afterAll(async () => {
  await app?.stop();
});

describe('the API for workshop tools (wipe station, test script)', () => {
  it('looks a unit up by its label code', async () => {
    const m = await f.machine(['WD-API-1']);
    const { rows: [row] } = await app.sql.query('SELECT label_code FROM machines WHERE document_id = $1', [m.documentId]);
    const res = await app.http().get(`/api/pipeline/machines/by-label/${row.label_code.toLowerCase()}`).set(auth());
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ documentId: m.documentId, labelCode: row.label_code, stage: { key: 'received' } });
    expect(res.body.data.erasure.devices.map((d: { serial: string; outcome: string }) => [d.serial, d.outcome])).toEqual([['WD-API-1', 'pending']]);
    expect(res.body.data.erasure.released).toBe(false);
  });

  it('answers 404 in French for an unknown label and 400 for a malformed one', async () => {
    const missing = await app.http().get('/api/pipeline/machines/by-label/SV-999999').set(auth());
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/Aucune machine/);
    expect((await app.http().get('/api/pipeline/machines/by-label/abc').set(auth())).status).toBe(400);
  });

  it('posts an erasure report and a test report, then moves the unit on, signed by the token', async () => {
    const m = await f.machine(['WD-API-2']);
    await f.placeAt('machines', m.documentId, 'testing');
    const tested = await app.http().post(`/api/pipeline/records/machines/${m.documentId}/checklists`).set(auth())
      .send({ stage: 'testing', items: { boots: true, memory: true, disk_smart: true } });
    expect(tested.status).toBe(201);
    expect(tested.body.data.passed).toBe(true);
    expect((await app.http().post(`/api/pipeline/records/machines/${m.documentId}/transitions`).set(auth()).send({ to: 'erasing' })).status).toBe(200);
    const erased = await app.http().post(`/api/pipeline/machines/${m.documentId}/erasures`).set(auth()).send({
      deviceSerial: 'WD-API-2', method: 'nist_clear', passes: 1, tool: 'nwipe', toolVersion: '0.34',
      startedAt: '2012-03-01T09:00:00Z', endedAt: '2012-03-01T11:10:00Z', result: 'success',
    });
    expect(erased.status).toBe(201);
    const { rows } = await app.sql.query('SELECT source, tool FROM sv_pipeline_erasures WHERE machine_document_id = $1', [m.documentId]);
    expect(rows).toEqual([{ source: 'api', tool: 'nwipe' }]);
    const events = await app.sql.query('SELECT actor_type, actor_name FROM sv_pipeline_events WHERE subject_id = $1 AND kind = $2', [m.documentId, 'erasure']);
    expect(events.rows[0]).toEqual({ actor_type: 'api-token', actor_name: expect.stringContaining('poste-effacement') });
  });

  it('refuses an erasure report with a bad body, naming the field, and writes nothing', async () => {
    const m = await f.machine(['WD-API-3']);
    const res = await app.http().post(`/api/pipeline/machines/${m.documentId}/erasures`).set(auth()).send({ deviceSerial: 'WD-API-3', method: 'magnet', result: 'success' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['method']);
    const { rows } = await app.sql.query('SELECT count(*)::int AS n FROM sv_pipeline_erasures WHERE machine_document_id = $1', [m.documentId]);
    expect(rows[0].n).toBe(0);
  });

  it('cannot accept a prescription: that decision stays with the coordinators', async () => {
    const prescriber = await f.prescriber({ state: 'signed' });
    const p = await f.prescription(prescriber.documentId);
    await f.placeAt('prescriptions', p.documentId, 'reviewing');
    const res = await app.http().post(`/api/pipeline/records/prescriptions/${p.documentId}/transitions`).set(auth()).send({ to: 'accepted' });
    expect(res.status).toBe(403);
  });

  it('refuses every call without a token', async () => {
    const m = await f.machine();
    expect([401, 403]).toContain((await app.http().post(`/api/pipeline/records/machines/${m.documentId}/transitions`).send({ to: 'sorting' })).status);
    expect([401, 403]).toContain((await app.http().get('/api/pipeline/machines/by-label/SV-000001')).status);
  });
});

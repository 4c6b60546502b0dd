import fs from 'node:fs';
import path from 'node:path';
import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';
import { fixtures } from './fixtures';
import { setExemptions } from '../helpers/qualifications';

const LOG = fs.readFileSync(path.join(__dirname, 'fixtures', 'nwipe.log'), 'utf8');

let app: TestApp;
let token: string;
let f: ReturnType<typeof fixtures>;

const auth = () => ({ Authorization: `Bearer ${token}` });
const erasures = async (documentId: string) =>
  (await app.sql.query('SELECT device_serial, method, passes, tool, tool_version, result, source, started_at, ended_at FROM sv_pipeline_erasures WHERE machine_document_id = $1 ORDER BY device_serial', [documentId])).rows;

beforeAll(async () => {
  app = await startApp('base');
  token = await createFullAccessToken(app.strapi, 'poste-nwipe');
  // A workshop whose wipe station reports with a token exempts tokens from the erasure skill in the
  // workflow settings (docs/volunteers.md); tests/pipeline/qualifications.test.ts covers the default refusal.
  await setExemptions(app, ['strapi-super-admin', 'api-token']);
  f = fixtures(app);
});

afterAll(async () => {
  await app?.stop();
});

describe('importing an nwipe log (the wipe station posts its log)', () => {
  it('fills the matching disks’ erasure records by serial: erased → success, FAILED → failure; other machines untouched', async () => {
    const other = await f.machine(['OTHER-DISK-1']);
    const m = await f.machine(['WD-WCC2ET1234567', 'Z3T0ABCD']);
    const res = await app.http().post('/api/pipeline/erasures/nwipe').set(auth()).send({ log: LOG });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ method: 'DoD Short', toolVersion: '0.35', unmatched: [], alreadyRecorded: [] });
    expect(res.body.data.recorded.map((r: { deviceSerial: string; result: string }) => [r.deviceSerial, r.result])).toEqual([
      ['WD-WCC2ET1234567', 'success'],
      ['Z3T0ABCD', 'failure'],
    ]);
    const rows = await erasures(m.documentId);
    expect(rows).toEqual([
      expect.objectContaining({ device_serial: 'WD-WCC2ET1234567', method: 'overwrite', passes: 4, tool: 'nwipe', tool_version: '0.35', result: 'success', source: 'nwipe_log' }),
      expect.objectContaining({ device_serial: 'Z3T0ABCD', result: 'failure', source: 'nwipe_log' }),
    ]);
    // 01:24:57 before the summary's time.
    expect(new Date(rows[0].ended_at).getTime() - new Date(rows[0].started_at).getTime()).toBe(5097 * 1000);
    expect(await erasures(other.documentId)).toEqual([]);
    const events = await app.sql.query("SELECT count(*)::int AS n FROM sv_pipeline_events WHERE subject_id = $1 AND kind = 'erasure'", [m.documentId]);
    expect(events.rows[0].n).toBe(2);
  });

  it('records nothing twice when the same log is sent again', async () => {
    const m = await f.machine(['WD-TWICE-1']);
    const log = LOG.replace(/WD-WCC2ET1234567/g, 'WD-TWICE-1').replace(/Z3T0ABCD/g, 'NOT-HERE-9');
    expect((await app.http().post('/api/pipeline/erasures/nwipe').set(auth()).send({ log })).status).toBe(201);
    const again = await app.http().post('/api/pipeline/erasures/nwipe').set(auth()).send({ log });
    expect(again.status).toBe(200);
    expect(again.body.data.recorded).toEqual([]);
    expect(again.body.data.alreadyRecorded).toHaveLength(1);
    expect(again.body.data.unmatched).toEqual([{ device: 'sdb', modelSerial: 'ST500DM002-1BD14/NOT-HERE-9' }]);
    expect(await erasures(m.documentId)).toHaveLength(1);
  });

  it('lets a unit become Prête once its disk is erased from the log, and not before', async () => {
    const m = await f.machine(['WD-FLOW-1']);
    await app.http().post(`/api/pipeline/records/machines/${m.documentId}/checklists`).set(auth())
      .send({ stage: 'testing', items: { boots: true, memory: true, disk_smart: true } }).expect(201);
    await f.placeAt('machines', m.documentId, 'reinstalling');
    const move = () => app.http().post(`/api/pipeline/records/machines/${m.documentId}/transitions`).set(auth()).send({ to: 'ready' });
    const refused = await move();
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.rule).toBe('ERASURE_REQUIRED');
    const log = LOG.replace(/WD-WCC2ET1234567/g, 'WD-FLOW-1');
    await app.http().post('/api/pipeline/erasures/nwipe').set(auth()).send({ log, machine: m.documentId }).expect(201);
    expect((await move()).status).toBe(200);
    expect(await f.stageOf('machines', m.documentId)).toBe('ready');
  });

  it('refuses, in French and writing nothing: no summary table, a verify-only run, no matching disk, an ambiguous serial, a bad body', async () => {
    const a = await f.machine(['DUP-SERIAL-1']);
    const b = await f.machine(['DUP-SERIAL-1']);
    const before = (await app.sql.query('SELECT count(*)::int AS n FROM sv_pipeline_erasures')).rows[0].n;
    const post = (body: unknown) => app.http().post('/api/pipeline/erasures/nwipe').set(auth()).send(body as object);

    const noTable = await post({ log: LOG.slice(0, LOG.indexOf('*****')) });
    expect(noTable.status).toBe(400);
    expect(noTable.body.error.message).toMatch(/Drive Status/);
    const verify = await post({ log: LOG.replace('DoD Short, 1R', 'Verify Zeros, 1R') });
    expect(verify.status).toBe(400);
    expect(verify.body.error.message).toMatch(/sans les effacer/);
    const nothing = await post({ log: LOG.replace(/WD-WCC2ET1234567/g, 'NOPE-1').replace(/Z3T0ABCD/g, 'NOPE-2') });
    expect(nothing.status).toBe(400);
    expect(nothing.body.error.message).toMatch(/Aucun disque du journal/);
    const ambiguous = await post({ log: LOG.replace(/WD-WCC2ET1234567/g, 'DUP-SERIAL-1') });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.error.message).toMatch(/plusieurs supports/);
    expect((await post({ log: 42 })).status).toBe(400);
    expect((await post({ log: LOG, extra: true })).status).toBe(400);
    expect((await post({ log: LOG, machine: 'nope' })).status).toBe(400);

    expect((await app.sql.query('SELECT count(*)::int AS n FROM sv_pipeline_erasures')).rows[0].n).toBe(before);
    // From one machine's record the ambiguity is lifted.
    const scoped = await post({ log: LOG.replace(/WD-WCC2ET1234567/g, 'DUP-SERIAL-1'), machine: a.documentId });
    expect(scoped.status).toBe(201);
    expect(await erasures(a.documentId)).toHaveLength(1);
    expect(await erasures(b.documentId)).toHaveLength(0);
  });

  it('refuses a call without a token', async () => {
    expect([401, 403]).toContain((await app.http().post('/api/pipeline/erasures/nwipe').send({ log: LOG })).status);
  });
});

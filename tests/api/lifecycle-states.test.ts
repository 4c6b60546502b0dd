import crypto from 'node:crypto';
import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';
import { adminToken, staffToken } from '../helpers/admin';
import { fixtures } from '../pipeline/fixtures';
import { setToday } from '../relations/helpers';

// States a plugin owns are set by its lifecycle only. Tried here as the people and tools that
// could write them otherwise: Coordination and Atelier in the content manager, full-access and
// custom API tokens on the REST API; create, update and « Dupliquer » (clone).
let app: TestApp;
let admin: string;
let coordination: string;
let atelier: string;
let fullAccess: string;
let custom: string;
let f: ReturnType<typeof fixtures>;

const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const cm = (uid: string) => `/content-manager/collection-types/${uid}`;
const CONVENTION = 'api::convention.convention';
const MACHINE = 'api::machine.machine';
const PRESCRIPTION = 'api::prescription.prescription';
const PICKUP = 'api::pickup.pickup';
const count = async (table: string) => Number((await app.sql.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
const conventionRow = async (documentId: string) =>
  (await app.sql.query('SELECT state, signed_at::text AS signed_at, end_date::text AS end_date, number FROM conventions WHERE document_id = $1', [documentId])).rows[0] as {
    state: string; signed_at: string | null; end_date: string | null; number: string;
  };

/** A membership convention written by the Document Service as a draft, then put in `state` with SQL (test setup). */
async function membership(state: string) {
  const prescriber = await f.prescriber(null);
  const c = (await app.strapi.documents(CONVENTION).create({
    data: { kind: 'membership', prescriber: prescriber.documentId, startDate: '2011-09-01' } as never,
  })) as unknown as { documentId: string; number: string };
  if (state !== 'draft') await app.sql.query('UPDATE conventions SET state = $1, signed_at = $2 WHERE document_id = $3', [state, state === 'draft' || state === 'sent' ? null : '2011-09-01', c.documentId]);
  return { prescriber, convention: c };
}

beforeAll(async () => {
  app = await startApp('base');
  admin = await adminToken(app);
  coordination = await staffToken(app, 'seconde-vie-coordination', 'coordination-states@seconde-vie.test');
  atelier = await staffToken(app, 'seconde-vie-atelier', 'atelier-states@seconde-vie.test');
  fullAccess = await createFullAccessToken(app.strapi, 'script');
  custom = ((await app.strapi.service('admin::api-token').create({
    name: `import-${crypto.randomBytes(4).toString('hex')}`,
    type: 'custom',
    lifespan: null,
    permissions: [`${CONVENTION}.create`, `${CONVENTION}.update`, `${MACHINE}.update`, `${PRESCRIPTION}.update`],
  })) as { accessKey: string }).accessKey;
  f = fixtures(app);
});

afterAll(async () => {
  await app?.stop();
});

describe('a convention’s state', () => {
  it('starts « Brouillon » when created in the content manager; one created « Signée » is refused in French and nothing is written', async () => {
    const prescriber = await f.prescriber(null);
    const draft = await app.http().post(cm(CONVENTION)).set(as(coordination)).send({ kind: 'membership', prescriber: prescriber.documentId, startDate: '2012-09-01' });
    expect(draft.status).toBe(201);
    expect(draft.body.data.state).toBe('draft');
    const before = await count('conventions');
    const signed = await app.http().post(cm(CONVENTION)).set(as(coordination)).send({ kind: 'membership', prescriber: prescriber.documentId, state: 'signed', signedAt: '2012-09-01' });
    expect(signed.status).toBe(400);
    expect(signed.body.error.message).toMatch(/^state : l’état d’une convention change par son cycle de vie/);
    expect(signed.body.error.details.errors[0].path).toEqual(['state']);
    const viaApi = await app.http().post('/api/conventions').set(as(fullAccess)).send({ data: { kind: 'membership', prescriber: prescriber.documentId, state: 'renewed' } });
    expect(viaApi.status).toBe(400);
    expect(await count('conventions')).toBe(before);
  });

  it('cannot be set « Signée » by the content manager or the REST API, so the prescriber’s prescriptions still cannot be accepted', async () => {
    const { prescriber, convention } = await membership('draft');
    const attempts = [
      app.http().put(`${cm(CONVENTION)}/${convention.documentId}`).set(as(coordination)).send({ state: 'signed', signedAt: '2012-09-01' }),
      app.http().put(`/api/conventions/${convention.documentId}`).set(as(fullAccess)).send({ data: { state: 'signed', signedAt: '2012-09-01' } }),
      app.http().put(`/api/conventions/${convention.documentId}`).set(as(custom)).send({ data: { state: 'signed', signedAt: '2012-09-01' } }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/Relations › « Cycle de vie »/);
    }
    expect(await conventionRow(convention.documentId)).toMatchObject({ state: 'draft', signed_at: null });
    const p = await f.prescription(prescriber.documentId);
    await app.http().post(`/pipeline/records/prescriptions/${p.documentId}/transitions`).set(as(admin)).send({ to: 'reviewing' }).expect(200);
    const accept = await app.http().post(`/pipeline/records/prescriptions/${p.documentId}/transitions`).set(as(admin)).send({ to: 'accepted' });
    expect(accept.status).toBe(409);
    expect(accept.body.error.details.rule).toBe('MEMBERSHIP_CONVENTION_REQUIRED');
  });

  it('cannot be taken back from « Signée » to « Brouillon » nor made « Renouvelée » by hand', async () => {
    const { convention } = await membership('signed');
    const back = await app.http().put(`${cm(CONVENTION)}/${convention.documentId}`).set(as(coordination)).send({ state: 'draft' });
    expect(back.status).toBe(400);
    const renewed = await app.http().put(`/api/conventions/${convention.documentId}`).set(as(fullAccess)).send({ data: { state: 'renewed' } });
    expect(renewed.status).toBe(400);
    expect(await conventionRow(convention.documentId)).toMatchObject({ state: 'signed', signed_at: '2011-09-01' });
  });

  it('keeps its state when the content manager saves another field and sends the state back unchanged', async () => {
    const { convention } = await membership('signed');
    const res = await app.http().put(`${cm(CONVENTION)}/${convention.documentId}`).set(as(coordination)).send({ state: 'signed', endDate: '2013-08-31' });
    expect(res.status).toBe(200);
    expect(await conventionRow(convention.documentId)).toMatchObject({ state: 'signed', end_date: '2013-08-31' });
  });

  it('« Dupliquer » makes a « Brouillon » with its own number; a copy asking for « Signée » is refused', async () => {
    const { convention } = await membership('signed');
    const source = await conventionRow(convention.documentId);
    const copy = await app.http().post(`${cm(CONVENTION)}/clone/${convention.documentId}`).set(as(coordination)).send({});
    expect(copy.status).toBe(200);
    const row = await conventionRow(copy.body.data.documentId);
    expect(row.state).toBe('draft');
    expect(row.number).toMatch(/^CA-2011-\d{3}$/);
    expect(row.number).not.toBe(source.number);
    const before = await count('conventions');
    const signedCopy = await app.http().post(`${cm(CONVENTION)}/clone/${convention.documentId}`).set(as(coordination)).send({ state: 'signed' });
    expect(signedCopy.status).toBe(400);
    expect(await count('conventions')).toBe(before);
  });

  it('is still set by the lifecycle routes: « Marquer signée » from « Envoyée »', async () => {
    const { convention } = await membership('sent');
    const res = await app.http().post(`/relations/conventions/${convention.documentId}/state`).set(as(coordination)).send({ to: 'signed', signedAt: '2012-09-03' });
    expect(res.status).toBe(200);
    expect(await conventionRow(convention.documentId)).toMatchObject({ state: 'signed', signed_at: '2012-09-03' });
  });
});

describe('a unit’s stage', () => {
  it('cannot be written by the content manager (Atelier, Coordination) or the REST API (full-access and custom tokens): French 400, stage and history unchanged', async () => {
    const m = await f.machine(['S-1']);
    const attempts = [
      app.http().put(`${cm(MACHINE)}/${m.documentId}`).set(as(atelier)).send({ pipelineStage: 'ready' }),
      app.http().put(`${cm(MACHINE)}/${m.documentId}`).set(as(coordination)).send({ pipelineStage: 'handed_over', notes: 'remise' }),
      app.http().put(`/api/machines/${m.documentId}`).set(as(fullAccess)).send({ data: { pipelineStage: 'ready' } }),
      app.http().put(`/api/machines/${m.documentId}`).set(as(custom)).send({ data: { pipelineStage: 'ready' } }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^pipelineStage : l'étape d'une machine change par la chaîne/);
    }
    expect(await f.stageOf('machines', m.documentId)).toBe('received');
    expect(await f.eventCount(m.documentId)).toBe(1);
    expect((await app.sql.query('SELECT notes FROM machines WHERE document_id = $1', [m.documentId])).rows[0].notes).toBeNull();
  });

  it('lets the content manager save a unit with its stage sent back unchanged', async () => {
    const m = await f.machine(['S-2']);
    const res = await app.http().put(`${cm(MACHINE)}/${m.documentId}`).set(as(atelier)).send({ pipelineStage: 'received', notes: 'Rayure sur le capot' });
    expect(res.status).toBe(200);
    expect(await f.stageOf('machines', m.documentId)).toBe('received');
  });

  it('refuses a unit created at another stage than « Réception », and writes nothing', async () => {
    const before = await count('machines');
    const inCm = await app.http().post(cm(MACHINE)).set(as(atelier)).send({ type: 'desktop', brand: 'Dell', pipelineStage: 'ready' });
    expect(inCm.status).toBe(400);
    expect(inCm.body.error.message).toMatch(/^pipelineStage : une machine commence à l'étape « Réception »/);
    const viaApi = await app.http().post('/api/machines').set(as(fullAccess)).send({ data: { type: 'laptop', pipelineStage: 'handed_over' } });
    expect(viaApi.status).toBe(400);
    expect(await count('machines')).toBe(before);
  });

  it('« Dupliquer » makes a new unit at « Réception », with its own label and its first event', async () => {
    const m = await f.machine(['S-3']);
    await app.http().post(`/pipeline/records/machines/${m.documentId}/transitions`).set(as(admin)).send({ to: 'sorting' }).expect(200);
    for (const body of [{}, { labelCode: 'SV-990001' }]) {
      const copy = await app.http().post(`${cm(MACHINE)}/clone/${m.documentId}`).set(as(coordination)).send(body);
      expect(copy.status).toBe(200);
      const id = copy.body.data.documentId as string;
      expect(await f.stageOf('machines', id)).toBe('received');
      const events = (await app.sql.query('SELECT kind, to_stage FROM sv_pipeline_events WHERE subject_id = $1 ORDER BY seq', [id])).rows;
      expect(events).toEqual([{ kind: 'created', to_stage: 'received' }]);
      const verify = await app.http().get(`/pipeline/records/machines/${id}/verify`).set(as(admin));
      expect(verify.body.data.valid).toBe(true);
    }
    expect(await f.stageOf('machines', m.documentId)).toBe('sorting');
    const before = await count('machines');
    const staged = await app.http().post(`${cm(MACHINE)}/clone/${m.documentId}`).set(as(coordination)).send({ labelCode: 'SV-990002', pipelineStage: 'sorting' });
    expect(staged.status).toBe(400);
    expect(await count('machines')).toBe(before);
  });

  it('is not linked to a prescription by hand: the reservation makes that link', async () => {
    const m = await f.machine(['S-4']);
    const prescriber = await f.prescriber(null);
    const p = await f.prescription(prescriber.documentId);
    const attempts = [
      app.http().put(`${cm(MACHINE)}/${m.documentId}`).set(as(coordination)).send({ prescription: { connect: [{ documentId: p.documentId }] } }),
      app.http().put(`${cm(PRESCRIPTION)}/${p.documentId}`).set(as(coordination)).send({ machines: { connect: [{ documentId: m.documentId }] } }),
      app.http().put(`/api/machines/${m.documentId}`).set(as(fullAccess)).send({ data: { prescription: p.documentId } }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/se fait par la prescription/);
    }
    expect((await app.sql.query('SELECT count(*)::int AS n FROM machines_prescription_lnk l JOIN machines m ON m.id = l.machine_id WHERE m.document_id = $1', [m.documentId])).rows[0].n).toBe(0);
  });
});

describe('a prescription’s stage', () => {
  it('cannot be written by the content manager or a custom API token: French 400, stage unchanged', async () => {
    const prescriber = await f.prescriber({ state: 'signed' });
    const p = await f.prescription(prescriber.documentId);
    const attempts = [
      app.http().put(`${cm(PRESCRIPTION)}/${p.documentId}`).set(as(coordination)).send({ pipelineStage: 'accepted' }),
      app.http().put(`/api/prescriptions/${p.documentId}`).set(as(custom)).send({ data: { pipelineStage: 'handed_over' } }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^pipelineStage : l'étape d'une prescription change par la chaîne/);
    }
    expect(await f.stageOf('prescriptions', p.documentId)).toBe('received');
    expect(await f.eventCount(p.documentId)).toBe(1);
  });
});

describe('a pickup’s state', () => {
  it('« Dupliquer » of a done pickup makes a planned pickup, without the donation', async () => {
    setToday(app, '2012-10-01');
    const donor = (await app.strapi.documents('api::donor.donor').create({ data: { name: `Thales ${Date.now()}`, kind: 'company' } as never })) as unknown as { documentId: string };
    const c = (await app.strapi.documents(CONVENTION).create({ data: { kind: 'partnership', donor: donor.documentId, startDate: '2012-06-01', endDate: '2015-05-31' } as never })) as unknown as { documentId: string };
    await app.sql.query("UPDATE conventions SET state = 'signed', signed_at = '2012-06-01' WHERE document_id = $1", [c.documentId]);
    const planned = await app.http().post('/relations/pickups').set(as(coordination)).send({ convention: c.documentId, plannedAt: '2012-10-16T07:30:00.000Z', site: 'Thales Brest' }).expect(201);
    const id = planned.body.data.documentId as string;
    await app.http().post(`/relations/pickups/${id}/complete`).set(as(coordination)).send({}).expect(200);
    const copy = await app.http().post(`${cm(PICKUP)}/clone/${id}`).set(as(coordination)).send({ plannedAt: '2012-11-20T07:30:00.000Z' });
    expect(copy.status).toBe(200);
    const row = (await app.sql.query(
      'SELECT p.state, count(l.*)::int AS links FROM pickups p LEFT JOIN pickups_donation_lnk l ON l.pickup_id = p.id WHERE p.document_id = $1 GROUP BY p.state',
      [copy.body.data.documentId],
    )).rows[0];
    expect(row).toEqual({ state: 'planned', links: 0 });
    setToday(app, null);
  });
});

describe('a campaign’s status and its recipients’ answers', () => {
  it('are out of the content manager’s and the REST API’s reach (the outreach routes set them)', async () => {
    const campaign = cm('plugin::outreach.campaign');
    const created = await app.http().post(campaign).set(as(admin)).send({ name: 'x', audience: { target: 'donor' }, channel: 'email', subject: 's', body: 'b', status: 'sent' });
    expect(created.status).toBe(403);
    expect(await count('sv_outreach_campaigns')).toBe(0);
    expect([404, 405]).toContain((await app.http().post('/api/campaigns').set(as(fullAccess)).send({ data: { status: 'sent' } })).status);
  });
});

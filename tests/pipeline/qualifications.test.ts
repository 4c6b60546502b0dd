import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';
import { adminToken, staffToken } from '../helpers/admin';
import { grantSkill, volunteerFor } from '../helpers/qualifications';
import { fixtures } from './fixtures';

/**
 * Qualified actions (docs/volunteers.md): recording a certified erasure needs the erasure skill,
 * checked in the transaction that writes it, on every path; a refusal writes nothing.
 */
let app: TestApp;
let f: ReturnType<typeof fixtures>;
let admin: string;
let atelier: string;
let coordination: string;
let token: string;
const ATELIER = 'atelier-qualif@seconde-vie.test';
const COORDINATION = 'coordination-qualif@seconde-vie.test';

const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
const clock = () => app.strapi.plugin('pipeline').service('clock') as { set(at: Date | null): void };
const erase = (machine: string, device: string, t: string, api = false) =>
  app.http().post(`${api ? '/api' : ''}/pipeline/machines/${machine}/erasures`).set(bearer(t)).send({ deviceDocumentId: device, method: 'nist_clear', passes: 1, tool: 'nwipe', result: 'success' });

/** What the database holds for one unit: its erasure records and its events. */
async function rows(machine: string) {
  const erasures = (await app.sql.query('SELECT id FROM sv_pipeline_erasures WHERE machine_document_id = $1 ORDER BY id', [machine])).rows;
  const events = (await app.sql.query('SELECT id, kind, hash FROM sv_pipeline_events WHERE subject_id = $1 ORDER BY seq', [machine])).rows;
  return { erasures, events };
}

async function lastEvent(machine: string) {
  const row = (await app.sql.query('SELECT kind, actor_type, actor_name, details FROM sv_pipeline_events WHERE subject_id = $1 ORDER BY seq DESC LIMIT 1', [machine])).rows[0];
  return { ...row, details: typeof row.details === 'string' ? JSON.parse(row.details) : row.details };
}

async function expectRefused(res: { status: number; body: { error: { message: string; details: Record<string, unknown> } } }, why: RegExp) {
  expect(res.status).toBe(409);
  expect(res.body.error.details).toMatchObject({ rule: 'QUALIFICATION_REQUIRED', skill: 'erasure', skillName: 'Effacement certifié' });
  expect(res.body.error.message).toMatch(/^Cette action demande la compétence « Effacement certifié » : /);
  expect(res.body.error.message).toMatch(why);
}

beforeAll(async () => {
  app = await startApp('base');
  f = fixtures(app);
  admin = await adminToken(app);
  atelier = await staffToken(app, 'seconde-vie-atelier', ATELIER);
  coordination = await staffToken(app, 'seconde-vie-coordination', COORDINATION);
  token = await createFullAccessToken(app.strapi, 'poste-qualif');
  clock().set(new Date('2012-03-01T10:00:00Z'));
});

afterAll(async () => {
  clock().set(null);
  await app?.stop();
});

describe('the skill catalogue', () => {
  it('is installed with its defaults; the erasure skill lasts 12 months', async () => {
    const { rows: skills } = await app.sql.query('SELECT key, name, validity_months FROM skills ORDER BY id');
    expect(skills.map((s) => [s.key, s.name, s.validity_months])).toEqual([
      ['sorting', 'Tri', null],
      ['hardware_testing', 'Test matériel', null],
      ['erasure', 'Effacement certifié', 12],
      ['cleaning', 'Nettoyage', null],
      ['reinstalling', 'Réinstallation', null],
      ['pickup', 'Collecte', null],
    ]);
  });
});

describe('recording a certified erasure needs the erasure skill', () => {
  let volunteer: string;

  it('refuses an account linked to no volunteer: 409, nothing written', async () => {
    const m = await f.machine(['Q-NOLINK-1']);
    const before = await rows(m.documentId);
    await expectRefused(await erase(m.documentId, m.devices[0].documentId, atelier), /n'est lié à aucune fiche de bénévole/);
    expect(await rows(m.documentId)).toEqual(before);
  });

  it('refuses a volunteer without the skill: 409, nothing written', async () => {
    volunteer = (await volunteerFor(app, ATELIER, { name: 'Yannick Le Gall' })).documentId;
    await grantSkill(app, volunteer, 'sorting');
    const m = await f.machine(['Q-NOSKILL-1']);
    const before = await rows(m.documentId);
    await expectRefused(await erase(m.documentId, m.devices[0].documentId, atelier), /Yannick Le Gall ne l'a pas encore/);
    expect(await rows(m.documentId)).toEqual(before);
    expect(before.erasures).toHaveLength(0);
  });

  it('refuses an expired grant: 409, nothing written', async () => {
    // Trained in January 2011: valid until 9 January 2012 included; the clock says 1 March 2012.
    const grant = await grantSkill(app, volunteer, 'erasure', { grantedOn: '2011-01-10' });
    expect((await app.sql.query('SELECT granted_on::text, expires_on::text FROM skill_grants WHERE document_id = $1', [grant.documentId])).rows[0]).toEqual({ granted_on: '2011-01-10', expires_on: '2012-01-09' });
    const m = await f.machine(['Q-EXPIRED-1']);
    const before = await rows(m.documentId);
    await expectRefused(await erase(m.documentId, m.devices[0].documentId, atelier), /n'est plus valable depuis le 09\/01\/2012/);
    expect(await rows(m.documentId)).toEqual(before);
  });

  it('lets a volunteer trained in a session record it; the event names them and the grant', async () => {
    const skill = (await app.sql.query("SELECT document_id FROM skills WHERE key = 'erasure'")).rows[0].document_id;
    const training = await app.strapi.documents('api::training.training').create({
      data: { date: '2012-02-15', trainer: 'Coordination', content: 'Effacement certifié : nwipe, méthodes, traçabilité.', attendees: [volunteer], skills: [skill] } as never,
    });
    const grant = (await app.sql.query(
      `SELECT g.document_id, g.granted_on::text, g.expires_on::text, g.granted_by FROM skill_grants g
         JOIN skill_grants_training_lnk t ON t.skill_grant_id = g.id JOIN trainings tr ON tr.id = t.training_id
        WHERE tr.document_id = $1`,
      [training.documentId],
    )).rows;
    expect(grant).toEqual([{ document_id: expect.any(String), granted_on: '2012-02-15', expires_on: '2013-02-14', granted_by: 'Formation du 15/02/2012 (Coordination)' }]);

    const m = await f.machine(['Q-TRAINED-1']);
    const before = await rows(m.documentId);
    const res = await erase(m.documentId, m.devices[0].documentId, atelier);
    expect(res.status).toBe(201);
    const after = await rows(m.documentId);
    expect(after.erasures).toHaveLength(before.erasures.length + 1);
    expect(after.events).toHaveLength(before.events.length + 1);
    const event = await lastEvent(m.documentId);
    expect(event).toMatchObject({ kind: 'erasure', actor_type: 'admin', actor_name: 'Test seconde-vie-atelier' });
    expect(event.details.qualification).toEqual({ skill: 'erasure', volunteer, grant: grant[0].document_id, validUntil: '2013-02-14' });
    expect((await app.http().get(`/pipeline/records/machines/${m.documentId}/verify`).set(bearer(admin))).body.data.valid).toBe(true);
  });

  it('refuses the same volunteer the day after the grant’s last day', async () => {
    const m = await f.machine(['Q-LASTDAY-1']);
    clock().set(new Date('2013-02-14T22:30:00Z')); // 23:30 in Paris: still the 14th
    expect((await erase(m.documentId, m.devices[0].documentId, atelier)).status).toBe(201);
    clock().set(new Date('2013-02-14T23:30:00Z')); // 00:30 in Paris: the 15th
    const before = await rows(m.documentId);
    await expectRefused(await erase(m.documentId, m.devices[0].documentId, atelier), /n'est plus valable depuis le 14\/02\/2013/);
    expect(await rows(m.documentId)).toEqual(before);
    clock().set(new Date('2012-03-01T10:00:00Z'));
  });

  it('refuses a volunteer who has left the team', async () => {
    const leaver = await staffToken(app, 'seconde-vie-atelier', 'leaver-qualif@seconde-vie.test');
    const v = await volunteerFor(app, 'leaver-qualif@seconde-vie.test', { endDate: '2012-02-01' });
    await grantSkill(app, v.documentId, 'erasure', { grantedOn: '2012-01-05' });
    const m = await f.machine(['Q-LEFT-1']);
    const before = await rows(m.documentId);
    await expectRefused(await erase(m.documentId, m.devices[0].documentId, leaver), /départ le 01\/02\/2012/);
    expect(await rows(m.documentId)).toEqual(before);
  });

  it('refuses a candidate not yet welcomed into the team, even holding the skill', async () => {
    const candidate = await staffToken(app, 'seconde-vie-atelier', 'candidate-qualif@seconde-vie.test');
    const v = await volunteerFor(app, 'candidate-qualif@seconde-vie.test', { membership: 'candidate', startDate: null });
    await grantSkill(app, v.documentId, 'erasure');
    const m = await f.machine(['Q-CAND-1']);
    const before = await rows(m.documentId);
    await expectRefused(await erase(m.documentId, m.devices[0].documentId, candidate), /pas encore accueilli/);
    expect(await rows(m.documentId)).toEqual(before);
  });

  it('links an account to one volunteer at most', async () => {
    const user = (await app.sql.query('SELECT id FROM admin_users WHERE email = $1', [ATELIER])).rows[0].id;
    await expect(
      app.strapi.documents('api::volunteer.volunteer').create({ data: { name: 'Homonyme', startDate: '2012-01-01', adminUser: user } as never }),
    ).rejects.toThrow(/ce compte est déjà celui de « Yannick Le Gall »/);
    expect((await app.sql.query("SELECT count(*)::int AS n FROM volunteers WHERE name = 'Homonyme'")).rows[0].n).toBe(0);
  });

  it('refuses a grant stretched past the skill’s validity', async () => {
    const skill = (await app.sql.query("SELECT document_id FROM skills WHERE key = 'erasure'")).rows[0].document_id;
    await expect(
      app.strapi.documents('api::skill-grant.skill-grant').create({ data: { volunteer, skill, grantedOn: '2012-01-01', expiresOn: '2099-12-31' } as never }),
    ).rejects.toThrow(/vaut 12 mois, soit jusqu’au 31\/12\/2012 au plus/);
  });
});

describe('every path that records an erasure', () => {
  it('the nwipe import by an untrained account: 409, no disk of the log recorded', async () => {
    const m = await f.machine(['Q-NWIPE-1']);
    const before = await rows(m.documentId);
    const res = await app.http().post('/pipeline/erasures/nwipe').set(bearer(coordination)).send({ log: await nwipeLog('Q-NWIPE-1'), machine: m.documentId });
    await expectRefused(res, /n'est lié à aucune fiche de bénévole/);
    expect(await rows(m.documentId)).toEqual(before);
  });

  it('the nwipe import by a trained account records the disks', async () => {
    const m = await f.machine(['Q-NWIPE-2']);
    const res = await app.http().post('/pipeline/erasures/nwipe').set(bearer(atelier)).send({ log: await nwipeLog('Q-NWIPE-2'), machine: m.documentId });
    expect(res.status).toBe(201);
    expect(res.body.data.recorded).toHaveLength(1);
    expect((await lastEvent(m.documentId)).details.qualification).toMatchObject({ skill: 'erasure', validUntil: '2013-02-14' });
  });

  it('coordinators are not exempt unless the settings say so; super-admins are, and the event says it', async () => {
    const m = await f.machine(['Q-ROLES-1']);
    const before = await rows(m.documentId);
    await expectRefused(await erase(m.documentId, m.devices[0].documentId, coordination), /n'est lié à aucune fiche de bénévole/);
    expect(await rows(m.documentId)).toEqual(before);
    expect((await erase(m.documentId, m.devices[0].documentId, admin)).status).toBe(201);
    expect((await lastEvent(m.documentId)).details.qualification).toEqual({ skill: 'erasure', exempt: 'strapi-super-admin' });
  });

  it('an API token is refused by default; exempted in the workflow settings, its events say so', async () => {
    const m = await f.machine(['Q-TOKEN-1']);
    const before = await rows(m.documentId);
    await expectRefused(await erase(m.documentId, m.devices[0].documentId, token, true), /un jeton API n'est pas une personne formée/);
    const viaLog = await app.http().post('/api/pipeline/erasures/nwipe').set(bearer(token)).send({ log: await nwipeLog('Q-TOKEN-1'), machine: m.documentId });
    await expectRefused(viaLog, /jeton API/);
    expect(await rows(m.documentId)).toEqual(before);

    const { body } = await app.http().get('/pipeline/workflows').set(bearer(coordination)).expect(200);
    const machines = body.data.find((w: { key: string }) => w.key === 'machines');
    expect(machines.qualifications).toEqual({ erasure: 'erasure', exempt: ['strapi-super-admin'] });
    const save = (qualifications: unknown) =>
      app.http().put('/pipeline/workflows/machines').set(bearer(coordination)).send({
        name: machines.name,
        stages: machines.stages.map(({ key, label, color, terminal, checklist, enterRoles }: Record<string, unknown>) => ({ key, label, color, terminal, checklist, enterRoles })),
        transitions: machines.transitions,
        qualifications,
      });
    expect((await save({ erasure: 'erasure', exempt: ['strapi-super-admin', 'api-token'] })).status).toBe(200);
    expect((await erase(m.documentId, m.devices[0].documentId, token, true)).status).toBe(201);
    expect((await lastEvent(m.documentId)).details.qualification).toEqual({ skill: 'erasure', exempt: 'api-token' });
    // Back to the default for the next tests; a skill the catalogue does not have is refused.
    expect((await save({ erasure: 'effacement_inconnu', exempt: [] })).status).toBe(400);
    expect((await save({ erasure: 'erasure', exempt: ['strapi-super-admin'] })).status).toBe(200);
  });
});

describe('a stage can require a skill (workflow settings)', () => {
  it('its checklist and the moves out of it need the skill; nothing is written when refused', async () => {
    const { body } = await app.http().get('/pipeline/workflows').set(bearer(coordination)).expect(200);
    const machines = body.data.find((w: { key: string }) => w.key === 'machines');
    const stages = machines.stages.map(({ key, label, color, terminal, checklist, enterRoles }: Record<string, unknown>) => ({
      key, label, color, terminal, checklist, enterRoles, ...(key === 'testing' ? { requiredSkill: 'hardware_testing' } : {}),
    }));
    expect((await app.http().put('/pipeline/workflows/machines').set(bearer(coordination)).send({ name: machines.name, stages, transitions: machines.transitions })).status).toBe(200);
    // Saved without the field (as a page that does not show it): the stage keeps its skill; the erasure rule is unchanged.
    const again = stages.map(({ requiredSkill: _skill, ...s }: Record<string, unknown>) => s);
    expect((await app.http().put('/pipeline/workflows/machines').set(bearer(coordination)).send({ name: machines.name, stages: again, transitions: machines.transitions })).status).toBe(200);
    const saved = (await app.http().get('/pipeline/workflows').set(bearer(coordination))).body.data.find((w: { key: string }) => w.key === 'machines');
    expect(saved.stages.find((s: { key: string }) => s.key === 'testing').requiredSkill).toBe('hardware_testing');
    expect(saved.qualifications).toEqual({ erasure: 'erasure', exempt: ['strapi-super-admin'] });

    const m = await f.machine(['Q-STAGE-1']);
    await f.placeAt('machines', m.documentId, 'testing');
    const before = await rows(m.documentId);
    const checklist = await app.http().post(`/pipeline/records/machines/${m.documentId}/checklists`).set(bearer(atelier)).send({ stage: 'testing', items: { boots: true, memory: true, disk_smart: true } });
    expect(checklist.status).toBe(409);
    expect(checklist.body.error.details).toMatchObject({ rule: 'QUALIFICATION_REQUIRED', skill: 'hardware_testing', currentStage: 'testing' });
    expect(checklist.body.error.message).toMatch(/^Cette action demande la compétence « Test matériel » : /);
    const move = await app.http().post(`/pipeline/records/machines/${m.documentId}/transitions`).set(bearer(atelier)).send({ to: 'erasing' });
    expect(move.status).toBe(409);
    expect(move.body.error.details.rule).toBe('QUALIFICATION_REQUIRED');
    const bulk = await app.http().post('/pipeline/bulk-transitions').set(bearer(atelier)).send({ workflow: 'machines', documentIds: [m.documentId], to: 'erasing' });
    expect(bulk.body.data.results[0]).toMatchObject({ ok: false, status: 409, rule: 'QUALIFICATION_REQUIRED' });
    expect(await rows(m.documentId)).toEqual(before);
    expect((await app.sql.query('SELECT count(*)::int AS n FROM sv_pipeline_checklist_results WHERE subject_id = $1', [m.documentId])).rows[0].n).toBe(0);
    expect(await f.stageOf('machines', m.documentId)).toBe('testing');

    const volunteer = (await app.sql.query("SELECT v.document_id FROM volunteers v WHERE v.name = 'Yannick Le Gall'")).rows[0].document_id;
    await grantSkill(app, volunteer, 'hardware_testing', { grantedOn: '2012-02-20' });
    expect((await app.http().post(`/pipeline/records/machines/${m.documentId}/checklists`).set(bearer(atelier)).send({ stage: 'testing', items: { boots: true, memory: true, disk_smart: true } })).status).toBe(201);
    expect((await app.http().post(`/pipeline/records/machines/${m.documentId}/transitions`).set(bearer(atelier)).send({ to: 'erasing' })).status).toBe(200);
    expect((await lastEvent(m.documentId)).details.qualification).toMatchObject({ skill: 'hardware_testing', volunteer });
  });
});

/** The test nwipe log of tests/pipeline/fixtures, with its first disk's serial replaced. */
async function nwipeLog(serial: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(`${__dirname}/fixtures/nwipe.log`, 'utf8');
  return text.replace(/WD-WCC2ET1234567/g, serial);
}

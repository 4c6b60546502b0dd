import { startApp, type TestApp } from '../helpers/app';
import { staffToken } from '../helpers/admin';
import { grantSkill } from '../helpers/qualifications';

/**
 * A grant is written from its own side only, and a volunteer with a history is not deleted
 * (docs/volunteers.md « Grants », « Deleting a volunteer »): the other doors the audit's tests
 * (tests/volunteers/audit.test.ts) do not try — bulk delete, the Document Service, what an unchanged
 * content-manager form sends, attendance written from the volunteer's side.
 */
let app: TestApp;
let coordinationJwt: string;

const VOLUNTEER = 'api::volunteer.volunteer';
const CM_VOLUNTEER = `/content-manager/collection-types/${VOLUNTEER}`;
const CM_TRAINING = '/content-manager/collection-types/api::training.training';
const CM_GRANT = '/content-manager/collection-types/api::skill-grant.skill-grant';
const as = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });

let n = 0;
async function volunteer(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  n += 1;
  const v = await app.strapi.documents(VOLUNTEER).create({ data: { name: `${name} ${n}`, startDate: '2011-10-01', ...extra } as never });
  return v.documentId;
}
const exists = async (documentId: string) => (await app.sql.query('SELECT count(*)::int AS n FROM volunteers WHERE document_id = $1', [documentId])).rows[0].n === 1;
const grantsOf = async (documentId: string) =>
  (
    await app.sql.query(
      `SELECT g.document_id FROM skill_grants g JOIN skill_grants_volunteer_lnk l ON l.skill_grant_id = g.id JOIN volunteers v ON v.id = l.volunteer_id WHERE v.document_id = $1 ORDER BY g.id`,
      [documentId]
    )
  ).rows.map((r) => r.document_id as string);
const skill = async (key: string) => (await app.sql.query('SELECT document_id FROM skills WHERE key = $1', [key])).rows[0].document_id as string;

beforeAll(async () => {
  app = await startApp('base');
  coordinationJwt = await staffToken(app, 'seconde-vie-coordination', 'grants-coordination@seconde-vie.test');
});

afterAll(async () => {
  await app?.stop();
});

describe('a volunteer with presences, grants or trainings is not deleted, on every path', () => {
  it('bulk delete: French 400 naming why and « Départ », nothing deleted (not even the candidate without history in the same batch)', async () => {
    const held = await volunteer('Tenue');
    await grantSkill(app, held, 'sorting');
    const free = await volunteer('Libre', { membership: 'candidate', startDate: null, consentDate: '2012-02-01' });
    const res = await app.http().post(`${CM_VOLUNTEER}/actions/bulkDelete`).set(as(coordinationJwt)).send({ documentIds: [free, held] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/ne peut pas être supprimé·e/);
    expect(res.body.error.message).toMatch(/« Départ »/);
    expect(res.body.error.details).toMatchObject({ rule: 'VOLUNTEER_HAS_HISTORY', grants: 1 });
    expect({ held: await exists(held), free: await exists(free) }).toEqual({ held: true, free: true });
  });

  it('Document Service delete (app code): refused, the record and its grants stay', async () => {
    const v = await volunteer('Formé');
    const g = (await grantSkill(app, v, 'cleaning')).documentId;
    await expect(app.strapi.documents(VOLUNTEER).delete({ documentId: v })).rejects.toThrow(/ne peut pas être supprimé·e/);
    expect(await exists(v)).toBe(true);
    expect(await grantsOf(v)).toEqual([g]);
  });

  it('a volunteer who attended a training is refused too; one with nothing attached is deleted (single and bulk)', async () => {
    const attended = await volunteer('Participante');
    await app.strapi.documents('api::training.training').create({ data: { date: '2012-01-10', trainer: 'T', attendees: [attended] } as never });
    const single = await app.http().delete(`${CM_VOLUNTEER}/${attended}`).set(as(coordinationJwt));
    expect(single.status).toBe(400);
    expect(single.body.error.details).toMatchObject({ rule: 'VOLUNTEER_HAS_HISTORY', trainings: 1 });
    expect(await exists(attended)).toBe(true);
    const a = await volunteer('Sans Rien');
    const b = await volunteer('Sans Rien Non Plus');
    await app.http().delete(`${CM_VOLUNTEER}/${a}`).set(as(coordinationJwt)).expect(200);
    await app.http().post(`${CM_VOLUNTEER}/actions/bulkDelete`).set(as(coordinationJwt)).send({ documentIds: [b] }).expect(200);
    expect({ a: await exists(a), b: await exists(b) }).toEqual({ a: false, b: false });
  });
});

describe('grants are written from their own side', () => {
  it('an unchanged content-manager form (empty connect/disconnect) saves a volunteer and a training; emptying an empty list too', async () => {
    const v = await volunteer('Formulaire');
    const g = (await grantSkill(app, v, 'sorting')).documentId;
    await app
      .http()
      .put(`${CM_VOLUNTEER}/${v}`)
      .set(as(coordinationJwt))
      .send({ availability: 'mardi', skillGrants: { connect: [], disconnect: [] }, trainings: { connect: [], disconnect: [] } })
      .expect(200);
    expect(await grantsOf(v)).toEqual([g]);
    const t = await app.http().post(CM_TRAINING).set(as(coordinationJwt)).send({ date: '2012-01-20', trainer: 'T', grants: { connect: [], disconnect: [] }, attendees: { connect: [], disconnect: [] } }).expect(201);
    await app.http().put(`${CM_TRAINING}/${t.body.data.documentId}`).set(as(coordinationJwt)).send({ trainer: 'T2', grants: { set: [] } }).expect(200);
  });

  it('emptying a volunteer’s grants (set: [], an empty array, null) or setting them is refused in French; the grants stay', async () => {
    const v = await volunteer('Vidée');
    const g = (await grantSkill(app, v, 'sorting')).documentId;
    for (const skillGrants of [{ set: [] }, [], null, { set: [{ documentId: g }] }, [g]]) {
      const res = await app.http().put(`${CM_VOLUNTEER}/${v}`).set(as(coordinationJwt)).send({ skillGrants });
      expect([JSON.stringify(skillGrants), res.status, res.body.error?.details?.errors?.[0]?.path]).toEqual([JSON.stringify(skillGrants), 400, ['skillGrants']]);
    }
    expect(await grantsOf(v)).toEqual([g]);
  });

  it('a training’s grant keeps its attendee and its training when edited from its own form; a copy of it is refused', async () => {
    const alice = await volunteer('Alice');
    const bob = await volunteer('Bob');
    const t = await app
      .http()
      .post(CM_TRAINING)
      .set(as(coordinationJwt))
      .send({ date: '2012-02-15', trainer: 'T', attendees: { connect: [{ documentId: alice }] }, skills: { connect: [{ documentId: await skill('cleaning') }] } })
      .expect(201);
    const [g] = await grantsOf(alice);
    const moved = await app.http().put(`${CM_GRANT}/${g}`).set(as(coordinationJwt)).send({ volunteer: { connect: [{ documentId: bob }], disconnect: [{ documentId: alice }] } });
    expect(moved.status).toBe(400);
    const untied = await app.http().put(`${CM_GRANT}/${g}`).set(as(coordinationJwt)).send({ training: { disconnect: [{ documentId: t.body.data.documentId }] } });
    expect(untied.status).toBe(400);
    // An ordinary edit of the form (notes, typed « Accordée par ») keeps the training's name.
    await app.http().put(`${CM_GRANT}/${g}`).set(as(coordinationJwt)).send({ notes: 'ok', grantedBy: 'Quelqu’un', volunteer: { connect: [], disconnect: [] }, training: { connect: [], disconnect: [] } }).expect(200);
    const row = (await app.sql.query('SELECT granted_by FROM skill_grants WHERE document_id = $1', [g])).rows[0];
    expect(row.granted_by).toMatch(/^Formation du 15\/02\/2012/);
    expect(await grantsOf(alice)).toEqual([g]);
    expect(await grantsOf(bob)).toEqual([]);
    const hand = await app
      .http()
      .post(CM_GRANT)
      .set(as(coordinationJwt))
      .send({ volunteer: { connect: [{ documentId: bob }] }, skill: { connect: [{ documentId: await skill('cleaning') }] }, training: { connect: [{ documentId: t.body.data.documentId }] } });
    expect(hand.status).toBe(400);
    expect(await grantsOf(bob)).toEqual([]);
  });

  it('attendance written from the volunteer’s side (« Formations suivies ») grants the training’s skills', async () => {
    const v = await volunteer('Côté Bénévole');
    const t = await app.strapi.documents('api::training.training').create({ data: { date: '2012-03-01', trainer: 'T', skills: [await skill('pickup')] } as never });
    await app.http().put(`${CM_VOLUNTEER}/${v}`).set(as(coordinationJwt)).send({ trainings: { connect: [{ documentId: t.documentId }] } }).expect(200);
    const rows = (
      await app.sql.query(
        `SELECT g.granted_on::text, g.granted_by, t.document_id AS training FROM skill_grants g
           JOIN skill_grants_volunteer_lnk vl ON vl.skill_grant_id = g.id JOIN volunteers v ON v.id = vl.volunteer_id
           JOIN skill_grants_training_lnk tl ON tl.skill_grant_id = g.id JOIN trainings t ON t.id = tl.training_id
          WHERE v.document_id = $1`,
        [v]
      )
    ).rows;
    expect(rows).toEqual([{ granted_on: '2012-03-01', granted_by: 'Formation du 01/03/2012 (T)', training: t.documentId }]);
  });
});

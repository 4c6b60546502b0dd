import path from 'node:path';
import { startApp, type TestApp } from '../helpers/app';
import { staffToken } from '../helpers/admin';
import { grantSkill, parisDay } from '../helpers/qualifications';

// The « Bénévoles » page's routes (docs/volunteers.md): the board for Coordination only, the two
// moves (« Accueillir », « Départ ») validated, refused moves writing nothing; and the status
// rules the Document Service enforces on every write of a volunteer.
let app: TestApp;
let coordination: string;
let atelier: string;

const today = () => parisDay();
const shifted = parisDay;

const create = (data: Record<string, unknown>) => app.strapi.documents('api::volunteer.volunteer').create({ data: data as never }) as Promise<{ documentId: string }>;
const row = async (documentId: string) =>
  (await app.sql.query('SELECT membership, start_date::text AS start, end_date::text AS "end", updated_at FROM volunteers WHERE document_id = $1', [documentId])).rows[0];

beforeAll(async () => {
  app = await startApp('base');
  coordination = await staffToken(app, 'seconde-vie-coordination', 'coordination-equipe@seconde-vie.test');
  atelier = await staffToken(app, 'seconde-vie-atelier', 'atelier-equipe@seconde-vie.test');
});

afterAll(async () => {
  await app?.stop();
});

describe('the volunteer status rules (Document Service)', () => {
  it('lets a candidate have no start date, and refuses in French a member without one, or a departure without its date', async () => {
    const candidate = await create({ name: 'Candidate sans date', membership: 'candidate' });
    expect((await row(candidate.documentId)).start).toBeNull();
    const before = (await app.sql.query('SELECT COUNT(*)::int AS n FROM volunteers')).rows[0].n;
    await expect(create({ name: 'Active sans date', membership: 'active' })).rejects.toThrow('Arrivée le : obligatoire pour une personne de l’équipe');
    await expect(create({ name: 'Partie sans départ', membership: 'left', startDate: '2012-01-10' })).rejects.toThrow('Départ le : obligatoire pour une personne partie');
    await expect(create({ name: 'Dates à l’envers', startDate: '2012-03-01', endDate: '2012-02-01' })).rejects.toThrow('la date de départ précède la date d’arrivée');
    expect((await app.sql.query('SELECT COUNT(*)::int AS n FROM volunteers')).rows[0].n).toBe(before);
    // Made active without a start date: refused, the record unchanged.
    const stored = await row(candidate.documentId);
    await expect(app.strapi.documents('api::volunteer.volunteer').update({ documentId: candidate.documentId, data: { membership: 'active' } as never })).rejects.toThrow('Arrivée le');
    expect(await row(candidate.documentId)).toEqual(stored);
  });

  it('answers the content manager with a French 400', async () => {
    const res = await app
      .http()
      .post('/content-manager/collection-types/api::volunteer.volunteer')
      .set('Authorization', `Bearer ${coordination}`)
      .send({ name: 'Par le gestionnaire', membership: 'active' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('Arrivée le : obligatoire');
  });

  it('gives volunteers recorded before the status one from their departure date (migration)', async () => {
    const stays = await create({ name: 'Ancienne équipe', startDate: '2011-09-01' });
    const gone = await create({ name: 'Ancien départ', startDate: '2011-09-01', endDate: '2012-06-30' });
    await app.sql.query('UPDATE volunteers SET membership = NULL WHERE document_id = ANY($1)', [[stays.documentId, gone.documentId]]);
    const migration = (await import(path.resolve(__dirname, '../../database/migrations/2026.12.03T03.00.00.volunteer-membership.js'))) as { up: (knex: unknown) => Promise<void> };
    await migration.up(app.strapi.db.connection);
    expect((await row(stays.documentId)).membership).toBe('active');
    expect((await row(gone.documentId)).membership).toBe('left');
  });
});

describe('the « Bénévoles » routes', () => {
  let candidate: string;
  let member: string;

  beforeAll(async () => {
    candidate = (await create({ name: 'Anaïg Candidate', membership: 'candidate', consentDate: today(), email: 'anaig@exemple.test' })).documentId;
    member = (await create({ name: 'Bleuenn Active', startDate: '2011-09-01' })).documentId;
    await create({ name: 'Corentin Parti', membership: 'left', startDate: '2011-09-01', endDate: '2012-06-30' });
    await grantSkill(app, member, 'erasure', { grantedOn: shifted(-370), expiresOn: shifted(-10) });
    await grantSkill(app, member, 'cleaning', { grantedOn: shifted(-100), expiresOn: shifted(20) });
    await grantSkill(app, member, 'sorting', { grantedOn: shifted(-100) });
  });

  it('shows Coordination the team in three columns, skills toned by their validity today', async () => {
    const res = await app.http().get('/pipeline/team').set('Authorization', `Bearer ${coordination}`);
    expect(res.status).toBe(200);
    const board = res.body.data;
    expect(board.today).toBe(today());
    expect(board.candidates.map((m: { name: string }) => m.name)).toContain('Anaïg Candidate');
    expect(board.left.map((m: { name: string }) => m.name)).toContain('Corentin Parti');
    const bleuenn = board.active.find((m: { name: string }) => m.name === 'Bleuenn Active');
    expect(Object.fromEntries(bleuenn.skills.map((s: { key: string; tone: string }) => [s.key, s.tone]))).toEqual({ erasure: 'expired', cleaning: 'expiring', sorting: 'valid' });
    // No contact detail travels on the board.
    expect(JSON.stringify(board)).not.toContain('anaig@exemple.test');
  });

  it('refuses the board and the moves to the Atelier role, and to no one logged in', async () => {
    expect((await app.http().get('/pipeline/team').set('Authorization', `Bearer ${atelier}`)).status).toBe(403);
    expect((await app.http().get('/pipeline/team')).status).toBe(401);
    const stored = await row(candidate);
    expect((await app.http().post(`/pipeline/team/${candidate}/welcome`).set('Authorization', `Bearer ${atelier}`)).status).toBe(403);
    expect(await row(candidate)).toEqual(stored);
  });

  it('validates the id: 400 for a malformed one, 404 in French for an unknown one', async () => {
    const bad = await app.http().post('/pipeline/team/..%2Fetc/welcome').set('Authorization', `Bearer ${coordination}`);
    expect(bad.status).toBe(400);
    const unknown = await app.http().post('/pipeline/team/abcdefghijklmnopqrstuvwx/welcome').set('Authorization', `Bearer ${coordination}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('Cette fiche de bénévole n’existe pas (ou plus).');
  });

  it('« Accueillir » makes a candidate active from today; a second time is a French 409 that changes nothing', async () => {
    const res = await app.http().post(`/pipeline/team/${candidate}/welcome`).set('Authorization', `Bearer ${coordination}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ membership: 'active', startDate: today() });
    expect(await row(candidate)).toMatchObject({ membership: 'active', start: today(), end: null });
    const stored = await row(candidate);
    const again = await app.http().post(`/pipeline/team/${candidate}/welcome`).set('Authorization', `Bearer ${coordination}`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('Anaïg Candidate est déjà dans l’équipe');
    expect(await row(candidate)).toEqual(stored);
  });

  it('« Départ » records the departure today; refused for someone already gone, nothing written', async () => {
    const res = await app.http().post(`/pipeline/team/${member}/departure`).set('Authorization', `Bearer ${coordination}`);
    expect(res.status).toBe(200);
    expect(await row(member)).toMatchObject({ membership: 'left', start: '2011-09-01', end: today() });
    const stored = await row(member);
    const again = await app.http().post(`/pipeline/team/${member}/departure`).set('Authorization', `Bearer ${coordination}`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('Le départ de Bleuenn Active est déjà enregistré');
    expect(await row(member)).toEqual(stored);
  });
});

import { startApp, type TestApp } from '../helpers/app';
import { adminToken, staffToken } from '../helpers/admin';

/**
 * Volunteers' presences and hours (docs/volunteers.md « Présences et heures », « Dans le bilan »):
 * signing in and out at the station, the invariants on every write path (station routes, content
 * manager, Document Service), the hours' rules (midnight, missing sign-outs, Brest calendar bounds),
 * and the bilan's figures against an independent SQL sum. Real PostgreSQL, over HTTP.
 */
let app: TestApp;
let superJwt: string;
let atelierJwt: string;
let coordinationJwt: string;

const PRESENCE = 'api::volunteer-presence.volunteer-presence';
const CM = `/content-manager/collection-types/${PRESENCE}`;
const as = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
const clock = () => app.strapi.plugin('pipeline').service('clock') as { set(at: Date | null): void };

let n = 0;
async function volunteer(name: string, endDate: string | null = null): Promise<string> {
  n += 1;
  const v = await app.strapi.documents('api::volunteer.volunteer').create({ data: { name: `${name} ${n}`, startDate: '2011-10-01', endDate } as never });
  return v.documentId;
}

/** Every presence row, as SQL sees it: what a refusal must leave unchanged. */
async function presenceRows() {
  return (
    await app.sql.query(
      `SELECT p.id, p.signed_in_at, p.signed_out_at, p.source, p.entered_by, p.corrected_by, l.volunteer_id
         FROM volunteer_presences p LEFT JOIN volunteer_presences_volunteer_lnk l ON l.volunteer_presence_id = p.id ORDER BY p.id`
    )
  ).rows;
}

const cmCreate = (jwt: string, volunteerId: string, signedInAt: string, signedOutAt: string | null, extra: Record<string, unknown> = {}) =>
  app
    .http()
    .post(CM)
    .set(as(jwt))
    .send({ volunteer: { connect: [{ documentId: volunteerId }] }, signedInAt, signedOutAt, ...extra });

const hours = (jwt: string, from: string, to: string) => app.http().get(`/reporting/hours?from=${from}&to=${to}`).set(as(jwt));

beforeAll(async () => {
  app = await startApp('base');
  superJwt = await adminToken(app);
  atelierJwt = await staffToken(app, 'seconde-vie-atelier', 'atelier.heures@seconde-vie.test');
  coordinationJwt = await staffToken(app, 'seconde-vie-coordination', 'coordination.heures@seconde-vie.test');
});

afterEach(() => clock().set(null));

afterAll(async () => {
  clock().set(null);
  await app?.stop();
});

describe('signing in and out at the station', () => {
  it('signs a volunteer in and out as Atelier, says who is here, refuses a second sign-in and a sign-out of nobody', async () => {
    const marie = await volunteer('Marie K.');
    clock().set(new Date('2012-03-06T13:30:00Z')); // 14:30 in Brest
    const signIn = await app.http().post('/pipeline/presences/sign-in').set(as(atelierJwt)).send({ volunteer: marie }).expect(201);
    expect(signIn.body.data).toMatchObject({ volunteer: marie, signedInAt: '2012-03-06T13:30:00.000Z' });
    const row = (await app.sql.query('SELECT source, entered_by FROM volunteer_presences WHERE document_id = $1', [signIn.body.data.presence])).rows[0];
    expect(row).toEqual({ source: 'station', entered_by: 'Test seconde-vie-atelier' });

    const current = await app.http().get('/pipeline/presences/current').set(as(atelierJwt)).expect(200);
    expect(current.body.data.present.map((p: { volunteer: string }) => p.volunteer)).toContain(marie);

    const before = await presenceRows();
    const again = await app.http().post('/pipeline/presences/sign-in').set(as(atelierJwt)).send({ volunteer: marie }).expect(409);
    expect(again.body.error.message).toMatch(/déjà pointé\(e\) depuis 14:30/);
    expect(await presenceRows()).toEqual(before);

    clock().set(new Date('2012-03-06T17:05:00Z'));
    const out = await app.http().post('/pipeline/presences/sign-out').set(as(atelierJwt)).send({ volunteer: marie }).expect(200);
    expect(out.body.data.signedOutAt).toBe('2012-03-06T17:05:00.000Z');
    // The content manager shows it by its title, in Brest time.
    const { rows: [titled] } = await app.sql.query('SELECT title FROM volunteer_presences WHERE document_id = $1', [signIn.body.data.presence]);
    expect(titled.title).toMatch(/^Marie K\. \d+, 06\/03\/2012 14:30 → 18:05$/);
    const nobody = await app.http().post('/pipeline/presences/sign-out').set(as(atelierJwt)).send({ volunteer: marie }).expect(409);
    expect(nobody.body.error.message).toMatch(/n’est pas pointé\(e\)/);
  });

  it('answers a French 400 for a missing, malformed or unknown volunteer and an unknown field, and 409 for a departed one; nothing written', async () => {
    const before = await presenceRows();
    const post = (body: unknown) => app.http().post('/pipeline/presences/sign-in').set(as(atelierJwt)).send(body as object);
    expect((await post({}).expect(400)).body.error.message).toMatch(/bénévole qui arrive ou qui part est obligatoire/);
    expect((await post({ volunteer: 'X; DROP TABLE' }).expect(400)).body.error.message).toMatch(/identifiant de bénévole invalide/);
    expect((await post({ volunteer: 'abcdefghijklmnopqrstuvwx' }).expect(400)).body.error.message).toMatch(/Bénévole : inconnu/);
    expect((await post({ volunteer: await volunteer('Yannick L.'), at: '2012-01-01' }).expect(400)).body.error.message).toMatch(/champ inconnu/);
    const gone = await volunteer('Parti', '2011-12-31');
    clock().set(new Date('2012-03-06T13:30:00Z'));
    expect((await post({ volunteer: gone }).expect(409)).body.error.message).toMatch(/a quitté l’équipe le 31\/12\/2011/);
    expect(await presenceRows()).toEqual(before);
  });

  it('refuses a candidate not yet welcomed, at the station (409) and in the content manager (400), nothing written; the station lists the team only', async () => {
    const candidate = (await app.strapi.documents('api::volunteer.volunteer').create({ data: { name: 'Candidate Léa', membership: 'candidate' } as never })).documentId;
    const welcomed = await volunteer('Accueilli');
    const gone = await volunteer('Partie', '2011-12-31');
    clock().set(new Date('2012-03-06T13:30:00Z'));
    const before = await presenceRows();
    const station = await app.http().post('/pipeline/presences/sign-in').set(as(atelierJwt)).send({ volunteer: candidate }).expect(409);
    expect(station.body.error).toMatchObject({ details: { rule: 'VOLUNTEER_CANDIDATE' } });
    expect(station.body.error.message).toMatch(/Candidate Léa est candidat·e, pas encore dans l’équipe/);
    const cm = await cmCreate(coordinationJwt, candidate, '2012-03-05T13:00:00.000Z', '2012-03-05T16:00:00.000Z').expect(400);
    expect(cm.body.error.message).toMatch(/Candidate Léa est candidat·e.*« Accueillir »/);
    expect(await presenceRows()).toEqual(before);

    const team = (await app.http().get('/pipeline/presences/current').set(as(atelierJwt)).expect(200)).body.data.team as Array<{ documentId: string; name: string }>;
    const ids = team.map((v) => v.documentId);
    expect(ids).toContain(welcomed);
    expect(ids).not.toContain(candidate);
    expect(ids).not.toContain(gone);
    // Names only: no contact detail reaches the bench.
    expect(Object.keys(team[0]).sort()).toEqual(['documentId', 'name']);

    // Once welcomed (the « Bénévoles » page's route), the same sign-in goes through.
    await app.http().post(`/pipeline/team/${candidate}/welcome`).set(as(coordinationJwt)).expect(200);
    await app.http().post('/pipeline/presences/sign-in').set(as(atelierJwt)).send({ volunteer: candidate }).expect(201);
  });

  it('signs out at the station someone whose « Départ » was recorded the same day, and refuses them a new arrival', async () => {
    const yann = await volunteer('Yann Q.');
    clock().set(new Date('2012-03-07T13:30:00Z'));
    await app.http().post('/pipeline/presences/sign-in').set(as(atelierJwt)).send({ volunteer: yann }).expect(201);
    await app.http().post(`/pipeline/team/${yann}/departure`).set(as(coordinationJwt)).expect(200);
    clock().set(new Date('2012-03-07T16:00:00Z'));
    const out = await app.http().post('/pipeline/presences/sign-out').set(as(atelierJwt)).send({ volunteer: yann }).expect(200);
    expect(out.body.data.signedOutAt).toBe('2012-03-07T16:00:00.000Z');
    const before = await presenceRows();
    const again = await app.http().post('/pipeline/presences/sign-in').set(as(atelierJwt)).send({ volunteer: yann }).expect(409);
    expect(again.body.error.details.rule).toBe('VOLUNTEER_LEFT');
    expect(await presenceRows()).toEqual(before);
  });

  it('lets only one of two simultaneous sign-ins of one volunteer through', async () => {
    const solene = await volunteer('Solène P.');
    clock().set(new Date('2012-03-08T13:00:00Z'));
    const results = await Promise.all([1, 2, 3].map(() => app.http().post('/pipeline/presences/sign-in').set(as(atelierJwt)).send({ volunteer: solene })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const open = await app.sql.query(
      `SELECT count(*)::int AS n FROM volunteer_presences p JOIN volunteer_presences_volunteer_lnk l ON l.volunteer_presence_id = p.id
        JOIN volunteers v ON v.id = l.volunteer_id WHERE v.document_id = $1`,
      [solene]
    );
    expect(open.rows[0].n).toBe(1);
  });

  it('keeps the history and hours to the coordination: Atelier reads no presence, no hours, enters nothing by hand', async () => {
    const v = await volunteer('Gaël T.');
    clock().set(new Date('2012-03-20T12:00:00Z'));
    await app.http().get(CM).set(as(atelierJwt)).expect(403);
    await cmCreate(atelierJwt, v, '2012-03-06T13:00:00.000Z', '2012-03-06T17:00:00.000Z').expect(403);
    await hours(atelierJwt, '2012-03-01', '2012-03-31').expect(403);
    await app.http().put('/reporting/settings').set(as(atelierJwt)).send({ volunteerHourlyRate: 20 }).expect(403);
    await hours(coordinationJwt, '2012-03-01', '2012-03-31').expect(200);
  });
});

describe('the invariants, on every write path', () => {
  let v: string;
  beforeAll(async () => {
    v = await volunteer('Invariants');
  });
  beforeEach(() => clock().set(new Date('2012-03-20T12:00:00Z')));

  it('content manager: records a presence entered by a coordinator as such, whatever the body says', async () => {
    const res = await cmCreate(coordinationJwt, v, '2012-03-06T13:00:00.000Z', '2012-03-06T17:00:00.000Z', { source: 'station', enteredBy: 'Quelqu’un' }).expect(201);
    const row = (await app.sql.query('SELECT source, entered_by, corrected_by FROM volunteer_presences WHERE document_id = $1', [res.body.data.documentId])).rows[0];
    expect(row).toEqual({ source: 'coordinator', entered_by: 'Test seconde-vie-coordination', corrected_by: null });
  });

  it.each([
    ['a departure before the arrival', '2012-03-07T17:00:00.000Z', '2012-03-07T13:00:00.000Z', /Départ : il doit suivre l’arrivée/],
    ['a departure equal to the arrival', '2012-03-07T13:00:00.000Z', '2012-03-07T13:00:00.000Z', /Départ : il doit suivre l’arrivée/],
    ['a stay longer than 14 h', '2012-03-07T06:00:00.000Z', '2012-03-07T20:01:00.000Z', /une présence dure 14 h au plus/],
    ['a stay overlapping another', '2012-03-06T16:00:00.000Z', '2012-03-06T19:00:00.000Z', /était déjà présent\(e\) du 06\/03\/2012 14:00 au 06\/03\/2012 18:00/],
    ['a stay containing another', '2012-03-06T12:00:00.000Z', '2012-03-06T19:00:00.000Z', /était déjà présent\(e\)/],
    ['a presence in the future', '2012-03-21T13:00:00.000Z', null, /ne peut pas être dans le futur/],
    ['an open presence before a closed one', '2012-03-06T10:00:00.000Z', null, /était déjà présent\(e\)/],
  ])('content manager: refuses %s with a French 400 and writes nothing', async (_what, signedInAt, signedOutAt, message) => {
    const before = await presenceRows();
    const res = await cmCreate(coordinationJwt, v, signedInAt, signedOutAt).expect(400);
    expect(res.body.error.message).toMatch(message);
    expect(await presenceRows()).toEqual(before);
  });

  it('content manager: refuses a presence without a volunteer', async () => {
    const before = await presenceRows();
    const res = await app.http().post(CM).set(as(coordinationJwt)).send({ signedInAt: '2012-03-09T13:00:00.000Z', signedOutAt: '2012-03-09T15:00:00.000Z' }).expect(400);
    expect(res.body.error.message).toMatch(/Bénévole : obligatoire/);
    expect(await presenceRows()).toEqual(before);
  });

  it('content manager: a correction names who made it; one that breaks a rule leaves the row as it was', async () => {
    const created = await cmCreate(coordinationJwt, v, '2012-03-13T13:00:00.000Z', '2012-03-13T15:00:00.000Z').expect(201);
    const id = created.body.data.documentId;
    await app.http().put(`${CM}/${id}`).set(as(superJwt)).send({ signedOutAt: '2012-03-13T16:00:00.000Z', source: 'station' }).expect(200);
    const row = (await app.sql.query('SELECT source, entered_by, corrected_by, signed_out_at FROM volunteer_presences WHERE document_id = $1', [id])).rows[0];
    expect(row).toMatchObject({ source: 'coordinator', entered_by: 'Test seconde-vie-coordination' });
    expect(row.corrected_by).toBeTruthy();
    const before = await presenceRows();
    const res = await app.http().put(`${CM}/${id}`).set(as(coordinationJwt)).send({ signedInAt: '2012-03-06T14:00:00.000Z' }).expect(400);
    expect(res.body.error.message).toMatch(/une présence dure 14 h au plus|était déjà présent/);
    expect(await presenceRows()).toEqual(before);
  });

  it('Document Service (app code): refuses an overlap and a second open presence, writes nothing', async () => {
    const documents = app.strapi.documents(PRESENCE as 'api::volunteer-presence.volunteer-presence');
    await documents.create({ data: { volunteer: v, signedInAt: '2012-03-15T13:00:00.000Z', source: 'coordinator' } as never });
    const before = await presenceRows();
    await expect(documents.create({ data: { volunteer: v, signedInAt: '2012-03-16T13:00:00.000Z', source: 'station' } as never })).rejects.toThrow(
      /présence ouverte depuis le 15\/03\/2012 14:00/
    );
    await expect(
      documents.create({ data: { volunteer: v, signedInAt: '2012-03-13T14:00:00.000Z', signedOutAt: '2012-03-13T14:30:00.000Z' } as never })
    ).rejects.toThrow(/était déjà présent/);
    expect(await presenceRows()).toEqual(before);
  });
});

describe('hours', () => {
  /** The hours of one volunteer in a period, from the API. */
  const hoursOf = async (volunteerId: string, from: string, to: string) => {
    const res = await hours(coordinationJwt, from, to).expect(200);
    return res.body.data.volunteers.find((r: { volunteer: string }) => r.volunteer === volunteerId) ?? null;
  };

  it('counts a stay across midnight in full on the Brest day it started', async () => {
    const v = await volunteer('Nuit');
    clock().set(new Date('2012-04-20T12:00:00Z'));
    // 8 March 21:00 → 9 March 01:00 in Brest (UTC+1): 4 h, on the 8th.
    await cmCreate(coordinationJwt, v, '2012-03-08T20:00:00.000Z', '2012-03-09T00:00:00.000Z').expect(201);
    expect(await hoursOf(v, '2012-03-08', '2012-03-08')).toMatchObject({ presences: 1, minutes: 240, hours: 4 });
    const { rows: [night] } = await app.sql.query(
      'SELECT p.title FROM volunteer_presences p JOIN volunteer_presences_volunteer_lnk l ON l.volunteer_presence_id = p.id JOIN volunteers v ON v.id = l.volunteer_id WHERE v.document_id = $1',
      [v]
    );
    expect(night.title).toMatch(/, 08\/03\/2012 21:00 → 09\/03\/2012 01:00$/);
    expect(await hoursOf(v, '2012-03-09', '2012-03-09')).toBeNull();
  });

  it('reads the period’s bounds as Brest calendar days', async () => {
    const v = await volunteer('Bornes');
    clock().set(new Date('2012-04-20T12:00:00Z'));
    // 31 March 22:30 UTC is 1 April 00:30 in Brest (summer time, UTC+2): April's.
    await cmCreate(coordinationJwt, v, '2012-03-31T22:30:00.000Z', '2012-04-01T00:00:00.000Z').expect(201);
    // 29 February 23:30 UTC is 1 March 00:30 in Brest (UTC+1): March's, not February's.
    await cmCreate(coordinationJwt, v, '2012-02-29T23:30:00.000Z', '2012-03-01T01:00:00.000Z').expect(201);
    expect(await hoursOf(v, '2012-03-01', '2012-03-31')).toMatchObject({ presences: 1, minutes: 90 });
    expect(await hoursOf(v, '2012-04-01', '2012-04-30')).toMatchObject({ presences: 1, minutes: 90 });
    expect(await hoursOf(v, '2012-02-01', '2012-02-29')).toBeNull();
  });

  it('counts nothing for a missing sign-out and lists it « à régulariser » until a coordinator closes it', async () => {
    const v = await volunteer('Oubli');
    clock().set(new Date('2012-05-03T13:00:00Z'));
    await app.http().post('/pipeline/presences/sign-in').set(as(atelierJwt)).send({ volunteer: v }).expect(201);
    // Still there today: in progress, counted nothing, not to regularise.
    expect(await hoursOf(v, '2012-05-01', '2012-05-31')).toMatchObject({ presences: 0, minutes: 0, toRegularise: 0 });
    // A week later the sign-out was never made: the bench cannot sign them in, nor out.
    clock().set(new Date('2012-05-10T12:00:00Z'));
    const refused = await app.http().post('/pipeline/presences/sign-in').set(as(atelierJwt)).send({ volunteer: v }).expect(409);
    expect(refused.body.error.message).toMatch(/n’a pas pointé son départ du 03\/05\/2012 15:00/);
    expect(refused.body.error.details.rule).toBe('TO_REGULARISE');
    await app.http().post('/pipeline/presences/sign-out').set(as(atelierJwt)).send({ volunteer: v }).expect(400);
    const month = await hours(coordinationJwt, '2012-05-01', '2012-05-31').expect(200);
    const open = month.body.data.toRegularise.find((r: { volunteer: string }) => r.volunteer === v);
    expect(open).toMatchObject({ day: '2012-05-03', since: '03/05/2012 15:00' });
    expect(month.body.data.volunteers.find((r: { volunteer: string }) => r.volunteer === v)).toMatchObject({ minutes: 0, toRegularise: 1 });
    const current = await app.http().get('/pipeline/presences/current').set(as(atelierJwt)).expect(200);
    expect(current.body.data.toRegularise.map((r: { volunteer: string }) => r.volunteer)).toContain(v);
    // The coordinator enters the real time of departure: it counts.
    await app.http().put(`${CM}/${open.presence}`).set(as(coordinationJwt)).send({ signedOutAt: '2012-05-03T16:30:00.000Z' }).expect(200);
    expect(await hoursOf(v, '2012-05-01', '2012-05-31')).toMatchObject({ presences: 1, minutes: 210, hours: 3.5, toRegularise: 0 });
  });

  it('refuses a malformed period with a French 400', async () => {
    expect((await hours(coordinationJwt, '2012-03-31', '2012-03-01').expect(400)).body.error.message).toMatch(/le début \(from\) doit précéder la fin/);
    expect((await hours(coordinationJwt, '2012-02-30', '2012-03-01').expect(400)).body.error.message).toMatch(/date invalide/);
  });

  it('gives totals equal to an independent SQL sum, and the bilan the same hours and their value', async () => {
    clock().set(new Date('2012-06-01T12:00:00Z'));
    const res = await hours(coordinationJwt, '2012-01-01', '2012-05-31').expect(200);
    const [sql] = (
      await app.sql.query(
        `SELECT coalesce(sum(round(extract(epoch FROM signed_out_at - signed_in_at) / 60)), 0)::int AS minutes,
                count(signed_out_at)::int AS presences
           FROM volunteer_presences
          WHERE ((signed_in_at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris')::date BETWEEN '2012-01-01' AND '2012-05-31'`
      )
    ).rows;
    expect(sql.minutes).toBeGreaterThan(0);
    expect(res.body.data.total).toMatchObject({ minutes: sql.minutes, presences: sql.presences });
    expect(res.body.data.volunteers.reduce((s: number, r: { minutes: number }) => s + r.minutes, 0)).toBe(sql.minutes);

    const bilan = (await app.http().get('/reporting/bilan?from=2012-01-01&to=2012-05-31').set(as(coordinationJwt)).expect(200)).body.data.volunteers;
    expect(bilan).toMatchObject({ minutes: sql.minutes, presences: sql.presences, hourlyRate: 12.02, valuationUnit: 'month' });
    expect(bilan.valuation.reduce((s: number, r: { minutes: number }) => s + r.minutes, 0)).toBe(sql.minutes);
    for (const r of bilan.valuation) expect(r.value).toBeCloseTo(Math.round(r.minutes * 12.02 / 60 * 100) / 100, 2);
    expect(bilan.value).toBeCloseTo(bilan.valuation.reduce((s: number, r: { value: number }) => s + r.value, 0), 2);
    const [active] = (
      await app.sql.query(
        `SELECT count(DISTINCT l.volunteer_id)::int AS n FROM volunteer_presences p JOIN volunteer_presences_volunteer_lnk l ON l.volunteer_presence_id = p.id
          WHERE ((p.signed_in_at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris')::date BETWEEN '2012-01-01' AND '2012-05-31'`
      )
    ).rows;
    expect(bilan.activeVolunteers).toBe(active.n);

    // The rate is a setting: staff change it, the value follows; a wrong one is refused in French.
    expect((await app.http().get('/reporting/settings').set(as(coordinationJwt)).expect(200)).body.data).toEqual({ volunteerHourlyRate: 12.02 });
    const bad = await app.http().put('/reporting/settings').set(as(coordinationJwt)).send({ volunteerHourlyRate: -3 }).expect(400);
    expect(bad.body.error.message).toMatch(/Valeur d’une heure de bénévolat/);
    await app.http().put('/reporting/settings').set(as(coordinationJwt)).send({ volunteerHourlyRate: '12,5' }).expect(400);
    await app.http().put('/reporting/settings').set(as(coordinationJwt)).send({ volunteerHourlyRate: 15 }).expect(200);
    const again = (await app.http().get('/reporting/bilan?from=2012-01-01&to=2012-05-31').set(as(coordinationJwt)).expect(200)).body.data.volunteers;
    expect(again.hourlyRate).toBe(15);
    expect(again.value).toBeCloseTo(again.valuation.reduce((s: number, r: { minutes: number }) => s + Math.round(r.minutes * 15 / 60 * 100) / 100, 0), 2);

    const csv = await app.http().get('/reporting/bilan?from=2012-01-01&to=2012-05-31&format=csv').set(as(coordinationJwt)).expect(200);
    expect(csv.text).toContain('Valorisation du bénévolat');
    expect(csv.text).toContain('Heures de bénévolat');
    await app.http().put('/reporting/settings').set(as(coordinationJwt)).send({ volunteerHourlyRate: 12.02 }).expect(200);
  });
});

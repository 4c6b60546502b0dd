import type { TestApp } from '../helpers/app';
import { adminToken, staffToken } from '../helpers/admin';
import { grantSkill, volunteerFor } from '../helpers/qualifications';
import { accountWithoutStructure } from '../helpers/portal';
import { startAppWithMail, type SmtpCapture } from '../helpers/smtp';
import { fixtures } from '../pipeline/fixtures';

/**
 * An outsider's audit of issue 18 (docs/volunteers.md, docs/privacy.md, docs/roles.md,
 * docs/reporting.md): each stated behaviour tried through the doors an outsider would use — the
 * content manager (create, update, delete, clone, relations from the other side), the station's
 * routes, the settings, the public form, other roles. Every test asserts on the data after the
 * request, not only on the status. Eighteen of these failed when the audit was written (a grant's
 * populated volunteer, parallel PINs, deletions, relation side doors…); each now holds and stays
 * as a regression test.
 */
let app: TestApp;
let f: ReturnType<typeof fixtures>;
let smtp: SmtpCapture;
let mailed: Awaited<ReturnType<typeof startAppWithMail>> | undefined;
let base: string;
let superJwt: string;
let atelierJwt: string;
let otherAtelierJwt: string;
let coordinationJwt: string;

const ATELIER = 'audit-atelier@seconde-vie.test';
const OTHER_ATELIER = 'audit-atelier-2@seconde-vie.test';
const COORDINATION = 'audit-coordination@seconde-vie.test';
const COORDINATORS = 'coordination-audit@atelier.test';

const VOLUNTEER = 'api::volunteer.volunteer';
const PRESENCE = 'api::volunteer-presence.volunteer-presence';
const CM_PRESENCE = `/content-manager/collection-types/${PRESENCE}`;
const CM_VOLUNTEER = `/content-manager/collection-types/${VOLUNTEER}`;
const CM_GRANT = '/content-manager/collection-types/api::skill-grant.skill-grant';
const CM_SKILL = '/content-manager/collection-types/api::skill.skill';
const CM_TRAINING = '/content-manager/collection-types/api::training.training';

const as = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });
const clock = () => app.strapi.plugin('pipeline').service('clock') as { set(at: Date | null): void };

let n = 0;
async function volunteer(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  n += 1;
  const v = await app.strapi.documents(VOLUNTEER).create({ data: { name: `${name} ${n}`, startDate: '2011-10-01', ...extra } as never });
  return v.documentId;
}

async function candidate(name: string): Promise<string> {
  n += 1;
  const v = await app.strapi.documents(VOLUNTEER).create({ data: { name: `${name} ${n}`, membership: 'candidate', consentDate: '2012-02-01', email: `candidat${n}@exemple.test` } as never });
  return v.documentId;
}

/** Every presence row with its volunteer link, as SQL sees it. */
async function presenceRows() {
  return (
    await app.sql.query(
      `SELECT p.id, p.document_id, p.signed_in_at, p.signed_out_at, p.source, p.entered_by, p.corrected_by, p.notes, l.volunteer_id
         FROM volunteer_presences p LEFT JOIN volunteer_presences_volunteer_lnk l ON l.volunteer_presence_id = p.id ORDER BY p.id`
    )
  ).rows;
}

async function presencesOf(volunteerDocumentId: string) {
  return (
    await app.sql.query(
      `SELECT p.document_id, p.signed_in_at, p.signed_out_at FROM volunteer_presences p
         JOIN volunteer_presences_volunteer_lnk l ON l.volunteer_presence_id = p.id JOIN volunteers v ON v.id = l.volunteer_id
        WHERE v.document_id = $1 ORDER BY p.signed_in_at`,
      [volunteerDocumentId]
    )
  ).rows;
}

const cmCreate = (jwt: string, volunteerId: string, signedInAt: string, signedOutAt: string | null, extra: Record<string, unknown> = {}) =>
  app.http().post(CM_PRESENCE).set(as(jwt)).send({ volunteer: { connect: [{ documentId: volunteerId }] }, signedInAt, signedOutAt, ...extra });

const signIn = (jwt: string, body: unknown) => app.http().post('/pipeline/presences/sign-in').set(as(jwt)).send(body as object);
const hours = (jwt: string, query: string) => app.http().get(`/reporting/hours?${query}`).set(as(jwt));

/** A French message, not Strapi's or yup's English one. */
const FRENCH = /[éèêàùçôî’«]|obligatoire|invalide|inconnu|champ|Bénévole|Présence|Départ|Format|Période/;

async function grantRow(documentId: string) {
  return (
    await app.sql.query(
      `SELECT g.document_id, g.granted_on::text, g.expires_on::text, g.granted_by, v.document_id AS volunteer, t.document_id AS training
         FROM skill_grants g
         LEFT JOIN skill_grants_volunteer_lnk vl ON vl.skill_grant_id = g.id LEFT JOIN volunteers v ON v.id = vl.volunteer_id
         LEFT JOIN skill_grants_training_lnk tl ON tl.skill_grant_id = g.id LEFT JOIN trainings t ON t.id = tl.training_id
        WHERE g.document_id = $1`,
      [documentId]
    )
  ).rows[0];
}

beforeAll(async () => {
  mailed = await startAppWithMail(COORDINATORS);
  ({ app, smtp, base } = mailed);
  f = fixtures(app);
  superJwt = await adminToken(app);
  atelierJwt = await staffToken(app, 'seconde-vie-atelier', ATELIER);
  otherAtelierJwt = await staffToken(app, 'seconde-vie-atelier', OTHER_ATELIER);
  coordinationJwt = await staffToken(app, 'seconde-vie-coordination', COORDINATION);
});

afterEach(() => clock().set(null));

afterAll(async () => {
  clock().set(null);
  await mailed?.stop();
});

// ---------------------------------------------------------------------------------------------
describe('presences: every write path keeps the invariants', () => {
  it('the station refuses to sign in a candidate (« Devenir bénévole », not in the team) and never shows their name to the bench; nothing written', async () => {
    const c = await candidate('Candidate Pointée');
    clock().set(new Date('2012-03-06T13:30:00Z'));
    const before = await presenceRows();
    const res = await signIn(atelierJwt, { volunteer: c });
    const written = (await presenceRows()).length - before.length;
    const current = await app.http().get('/pipeline/presences/current').set(as(atelierJwt)).expect(200);
    const shown = current.body.data.present.some((p: { volunteer: string }) => p.volunteer === c);
    // Clean up for the next tests (the open presence would run to infinity).
    if (res.status === 201) await app.http().post('/pipeline/presences/sign-out').set(as(atelierJwt)).send({ volunteer: c });
    expect({ status: res.status, written, shownToAtelier: shown }).toEqual({ status: 409, written: 0, shownToAtelier: false });
  });

  it('a volunteer recorded « Parti·e » (membership left) is refused at the station even when the departure date typed is still to come', async () => {
    clock().set(new Date('2012-03-06T13:30:00Z'));
    const v = await volunteer('Parti Demain');
    // The coordination records the departure in the content manager: status « Parti·e », departure date at the end of the month.
    const saved = await app.http().put(`${CM_VOLUNTEER}/${v}`).set(as(coordinationJwt)).send({ membership: 'left', endDate: '2012-03-31' });
    const before = await presenceRows();
    const res = await signIn(atelierJwt, { volunteer: v });
    // Either the record is refused (a « left » person with a departure in the future) or the station refuses them.
    if (saved.status === 200) {
      expect(res.status).toBe(409);
      expect(res.body.error?.details?.rule).toBe('VOLUNTEER_LEFT');
      expect(await presenceRows()).toEqual(before);
    } else {
      expect(saved.status).toBe(400);
    }
  });

  it('deleting a volunteer in the content manager leaves no presence without a volunteer and does not change past hours', async () => {
    clock().set(new Date('2012-04-20T12:00:00Z'));
    const v = await volunteer('Supprimé Ensuite');
    await cmCreate(coordinationJwt, v, '2012-04-03T12:00:00.000Z', '2012-04-03T16:00:00.000Z').expect(201);
    const hoursBefore = (await hours(coordinationJwt, 'from=2012-04-01&to=2012-04-30').expect(200)).body.data.total;
    expect(hoursBefore.minutes).toBeGreaterThanOrEqual(240);
    const del = await app.http().delete(`${CM_VOLUNTEER}/${v}`).set(as(coordinationJwt));
    const orphans = (await presenceRows()).filter((r) => r.volunteer_id == null);
    const hoursAfter = (await hours(coordinationJwt, 'from=2012-04-01&to=2012-04-30').expect(200)).body.data.total;
    // docs/volunteers.md: « a presence has a volunteer … whatever the path »; docs/privacy.md: presences are
    // « kept with the volunteer's name: the hours back past bilans ».
    expect({ status: del.status, orphans: orphans.length, minutes: hoursAfter.minutes }).toEqual({ status: expect.any(Number), orphans: 0, minutes: hoursBefore.minutes });
  });

  it('content manager clone of a presence is an overlap: French 400, nothing written', async () => {
    clock().set(new Date('2012-04-20T12:00:00Z'));
    const v = await volunteer('Clone');
    const created = await cmCreate(coordinationJwt, v, '2012-04-05T12:00:00.000Z', '2012-04-05T16:00:00.000Z').expect(201);
    const before = await presenceRows();
    const res = await app
      .http()
      .post(`/content-manager/collection-types/${PRESENCE}/clone/${created.body.data.documentId}`)
      .set(as(coordinationJwt))
      .send({ volunteer: { connect: [{ documentId: v }] }, signedInAt: '2012-04-05T12:00:00.000Z', signedOutAt: '2012-04-05T16:00:00.000Z' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await presenceRows()).toEqual(before);
  });

  it('content manager: moving a presence to another volunteer who was there then is refused (overlap); removing its volunteer too', async () => {
    clock().set(new Date('2012-04-20T12:00:00Z'));
    const a = await volunteer('Déplacé A');
    const b = await volunteer('Déplacé B');
    const pa = await cmCreate(coordinationJwt, a, '2012-04-10T12:00:00.000Z', '2012-04-10T16:00:00.000Z').expect(201);
    await cmCreate(coordinationJwt, b, '2012-04-10T13:00:00.000Z', '2012-04-10T15:00:00.000Z').expect(201);
    const before = await presenceRows();
    const moved = await app.http().put(`${CM_PRESENCE}/${pa.body.data.documentId}`).set(as(coordinationJwt)).send({ volunteer: { connect: [{ documentId: b }] } });
    expect(moved.status).toBe(400);
    expect(moved.body.error.message).toMatch(/était déjà présent/);
    const removed = await app.http().put(`${CM_PRESENCE}/${pa.body.data.documentId}`).set(as(coordinationJwt)).send({ volunteer: { disconnect: [{ documentId: a }] } });
    expect(removed.status).toBe(400);
    expect(removed.body.error.message).toMatch(/Bénévole : obligatoire/);
    expect(await presenceRows()).toEqual(before);
  });

  it('two overlapping entries sent at the same moment in the content manager: one is refused, one row written', async () => {
    clock().set(new Date('2012-04-20T12:00:00Z'));
    const v = await volunteer('Simultané');
    const results = await Promise.all([
      cmCreate(coordinationJwt, v, '2012-04-12T12:00:00.000Z', '2012-04-12T16:00:00.000Z'),
      cmCreate(coordinationJwt, v, '2012-04-12T13:00:00.000Z', '2012-04-12T17:00:00.000Z'),
      cmCreate(superJwt, v, '2012-04-12T11:00:00.000Z', null),
    ]);
    // docs: the volunteer's row is locked before the check, « one is refused » with a French 400 — not a deadlock (500).
    expect({ statuses: results.map((r) => r.status).sort(), rows: (await presencesOf(v)).length }).toEqual({ statuses: [201, 400, 400], rows: 1 });
  });

  it('a sign-in at the station and an open entry in the content manager at once: never two open presences', async () => {
    clock().set(new Date('2012-04-13T12:00:00Z'));
    const v = await volunteer('Course');
    const results = await Promise.all([signIn(atelierJwt, { volunteer: v }), cmCreate(coordinationJwt, v, '2012-04-13T11:00:00.000Z', null), signIn(otherAtelierJwt, { volunteer: v })]);
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    const open = (await presencesOf(v)).filter((p) => p.signed_out_at == null);
    expect(open).toHaveLength(1);
  });

  it('wrong types, bad ids and huge strings get a 4xx (never a 500) and write nothing', async () => {
    clock().set(new Date('2012-04-20T12:00:00Z'));
    const v = await volunteer('Types');
    const before = await presenceRows();
    const statuses: Record<string, number> = {};
    const cases: Array<[string, () => Promise<{ status: number; body: { error?: { message?: string } } }>]> = [
      ['cm: date is text', () => cmCreate(coordinationJwt, v, 'pas une date', null)],
      ['cm: date is an object', () => app.http().post(CM_PRESENCE).set(as(coordinationJwt)).send({ volunteer: { connect: [{ documentId: v }] }, signedInAt: { $gt: 1 } })],
      ['cm: year 275760', () => cmCreate(coordinationJwt, v, '+275760-09-13T00:00:00.000Z', null)],
      ['cm: notes of 100 000 characters', () => cmCreate(coordinationJwt, v, '2012-04-14T12:00:00.000Z', '2012-04-14T13:00:00.000Z', { notes: 'x'.repeat(100_000) })],
      ['cm: unknown volunteer', () => cmCreate(coordinationJwt, 'abcdefghijklmnopqrstuvwx', '2012-04-14T12:00:00.000Z', '2012-04-14T13:00:00.000Z')],
      ['station: volunteer is an array', () => signIn(atelierJwt, { volunteer: [v] })],
      ['station: volunteer is an object', () => signIn(atelierJwt, { volunteer: { $ne: null } })],
      ['station: volunteer is null', () => signIn(atelierJwt, { volunteer: null })],
      ['station: volunteer of 100 000 characters', () => signIn(atelierJwt, { volunteer: 'a'.repeat(100_000) })],
      ['station: body is an array', () => signIn(atelierJwt, [v])],
      ['station: sign-out, volunteer a number', () => app.http().post('/pipeline/presences/sign-out').set(as(atelierJwt)).send({ volunteer: 42 })],
    ];
    for (const [what, run] of cases) statuses[what] = (await run()).status;
    expect(Object.entries(statuses).map(([what, status]) => [what, status >= 400 && status < 500])).toEqual(Object.keys(statuses).map((what) => [what, true]));
    expect(await presenceRows()).toEqual(before);
  });

  it('station answers for the invariants are French', async () => {
    clock().set(new Date('2012-04-20T12:00:00Z'));
    for (const body of [{}, { volunteer: 'X; DROP TABLE' }, { volunteer: 'abcdefghijklmnopqrstuvwx' }, { volunteer: ['x'] }]) {
      const res = await signIn(atelierJwt, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(FRENCH);
    }
  });

  it('a presence in the future is refused on update too (the departure moved a day ahead); the row stays as it was', async () => {
    clock().set(new Date('2012-04-20T12:00:00Z'));
    const v = await volunteer('Futur');
    const p = await cmCreate(coordinationJwt, v, '2012-04-20T08:00:00.000Z', '2012-04-20T11:00:00.000Z').expect(201);
    const before = await presenceRows();
    const res = await app.http().put(`${CM_PRESENCE}/${p.body.data.documentId}`).set(as(coordinationJwt)).send({ signedOutAt: '2012-04-20T12:06:00.000Z' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/futur/);
    expect(await presenceRows()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
describe('hours', () => {
  it('refuses every malformed period with a French 400 (never a 500)', async () => {
    const queries = [
      '',
      'from=2012-03-01',
      'to=2012-03-01',
      'from=abc&to=2012-03-01',
      'from=2012-03-01&to=2012-13-01',
      'from=2012-03-01&from=2012-03-02&to=2012-03-31',
      'from[$gt]=2012-03-01&to=2012-03-31',
      'from=2012-3-1&to=2012-03-31',
      'from=2012-03-31&to=2012-03-01',
      'from=1900-01-01&to=2100-01-01',
      'from=2012-03-01&to=2012-03-31&format=pdf',
      'from=2012-03-01&to=2012-03-31&volunteer=x',
      `from=${'9'.repeat(5000)}&to=2012-03-31`,
      'from=2012-03-01T00:00:00Z&to=2012-03-31',
      'from=0000-01-01&to=0001-01-01',
    ];
    const answers: Array<[string, number, string]> = [];
    for (const q of queries) {
      const res = await hours(coordinationJwt, q);
      answers.push([q.slice(0, 60), res.status, res.body?.error?.message ?? '']);
    }
    expect(answers.map(([q, status, message]) => [q, status, FRENCH.test(message)])).toEqual(answers.map(([q]) => [q, 400, true]));
  });

  it('counts the real elapsed minutes on the night clocks go forward, on the Brest day it started; seconds round to the minute', async () => {
    clock().set(new Date('2012-04-20T12:00:00Z'));
    const v = await volunteer('Heure d’été');
    // 25 March 2012, 00:30 Brest (23:30 UTC the 24th) → 04:00 Brest (02:00 UTC): 2 h 30 really spent.
    await cmCreate(coordinationJwt, v, '2012-03-24T23:30:00.000Z', '2012-03-25T02:00:00.000Z').expect(201);
    // 27 March: 60 minutes and 29 seconds → 60 minutes.
    await cmCreate(coordinationJwt, v, '2012-03-27T12:00:00.000Z', '2012-03-27T13:00:29.000Z').expect(201);
    const res = await hours(coordinationJwt, 'from=2012-03-25&to=2012-03-27').expect(200);
    const row = res.body.data.volunteers.find((r: { volunteer: string }) => r.volunteer === v);
    expect(row).toMatchObject({ presences: 2, minutes: 210, hours: 3.5 });
    // The 24th (UTC day of the arrival) holds nothing of it.
    const the24th = await hours(coordinationJwt, 'from=2012-03-24&to=2012-03-24').expect(200);
    expect(the24th.body.data.volunteers.find((r: { volunteer: string }) => r.volunteer === v)).toBeUndefined();
  });

  it('the hours CSV neutralises a name that a spreadsheet would run as a formula', async () => {
    clock().set(new Date('2012-04-20T12:00:00Z'));
    const v = await app.strapi.documents(VOLUNTEER).create({ data: { name: '=HYPERLINK("http://x.test";"clic")', startDate: '2011-10-01' } as never });
    await cmCreate(coordinationJwt, v.documentId, '2012-04-17T12:00:00.000Z', '2012-04-17T13:00:00.000Z').expect(201);
    const csv = await hours(coordinationJwt, 'from=2012-04-17&to=2012-04-17&format=csv').expect(200);
    expect(csv.text).toContain('HYPERLINK');
    expect(csv.text).not.toMatch(/(^|;|\r\n)"?=HYPERLINK/);
  });
});

// ---------------------------------------------------------------------------------------------
describe('the hourly rate (PUT /reporting/settings)', () => {
  const rate = async () => (await app.http().get('/reporting/settings').set(as(coordinationJwt)).expect(200)).body.data.volunteerHourlyRate;

  it('refuses negative, zero, huge, non-numeric, comma, sub-cent, array, null and extra fields with a French 400; the rate stays', async () => {
    const before = await rate();
    for (const body of [
      { volunteerHourlyRate: -1 },
      { volunteerHourlyRate: 0 },
      { volunteerHourlyRate: 1000.01 },
      { volunteerHourlyRate: 1e308 },
      { volunteerHourlyRate: '12,02' },
      { volunteerHourlyRate: '12.02' },
      { volunteerHourlyRate: 12.025 },
      { volunteerHourlyRate: [12] },
      { volunteerHourlyRate: null },
      { volunteerHourlyRate: true },
      { volunteerHourlyRate: { $gt: 0 } },
      { volunteerHourlyRate: 12, other: 1 },
      {},
    ]) {
      const res = await app.http().put('/reporting/settings').set(as(coordinationJwt)).send(body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
      expect(res.body.error.message).toMatch(FRENCH);
    }
    const text = await app.http().put('/reporting/settings').set(as(coordinationJwt)).set('Content-Type', 'text/plain').send('volunteerHourlyRate=99');
    expect(text.status).toBe(400);
    expect(await rate()).toBe(before);
  });

  it('accepts every positive amount to the cent up to 1000 € (10,05 €, 1,10 €, 0,07 €)', async () => {
    const answers: Array<[number, number, number]> = [];
    for (const value of [10.05, 1.1, 0.07, 12.02]) {
      const res = await app.http().put('/reporting/settings').set(as(coordinationJwt)).send({ volunteerHourlyRate: value });
      answers.push([value, res.status, await rate()]);
    }
    expect(answers).toEqual([
      [10.05, 200, 10.05],
      [1.1, 200, 1.1],
      [0.07, 200, 0.07],
      [12.02, 200, 12.02],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
describe('who is at the bench: badge and PIN', () => {
  const identify = (jwt: string, body: Record<string, unknown>) => app.http().post('/pipeline/station/operator').set(as(jwt)).send(body);
  const handOver = (jwt: string) => app.http().delete('/pipeline/station/operator').set(as(jwt));
  const badgeOf = async (documentId: string) => (await app.sql.query('SELECT badge_code FROM volunteers WHERE document_id = $1', [documentId])).rows[0].badge_code as string;
  const failuresStored = async () => (await app.sql.query(`SELECT key, value FROM strapi_core_store_settings WHERE key LIKE 'plugin_pipeline_station-failures:%'`)).rows;
  const clearFailures = () => app.sql.query(`DELETE FROM strapi_core_store_settings WHERE key LIKE 'plugin_pipeline_station-failures:%'`);

  beforeEach(async () => {
    clock().set(new Date('2012-03-01T10:00:00Z'));
    await clearFailures();
  });

  it('a badge read in lowercase, with spaces around or a scanner’s CR/LF/Tab suffix, identifies', async () => {
    const v = await volunteer('Badge Scanné');
    const code = await badgeOf(v);
    for (const read of [code.toLowerCase(), `  ${code}  `, `${code}\r\n`, `${code}\t`, `${code}\n`]) {
      const res = await identify(atelierJwt, { badge: read });
      expect([JSON.stringify(read), res.status, res.body.data?.operator?.volunteer]).toEqual([JSON.stringify(read), 201, v]);
    }
    // A badge with its dashes replaced, or a label, identifies nobody (403, same message).
    for (const read of [code.replace(/-/g, ' '), 'SV-000123']) expect((await identify(atelierJwt, { badge: read })).status).toBe(403);
    await handOver(atelierJwt);
  });

  it('twenty wrong PINs sent at once are throttled like twenty in a row: at most 5 are tried, then 429 even with the right PIN', async () => {
    const v = await volunteer('Code Visé', { pin: '4821' });
    const wrong = Array.from({ length: 20 }, (_, i) => String(1000 + i));
    const results = await Promise.all(wrong.map((pin) => identify(atelierJwt, { volunteer: v, pin })));
    const tried = results.filter((r) => r.status === 403).length;
    const right = await identify(atelierJwt, { volunteer: v, pin: '4821' });
    expect({ tried, right: right.status }).toEqual({ tried: 5, right: 429 });
    await handOver(atelierJwt);
  });

  it('wrong PINs spread over several accounts lock the volunteer: a third account gets 429 even with the right PIN', async () => {
    const v = await volunteer('Code Partagé', { pin: '975310' });
    for (let i = 0; i < 4; i += 1) expect((await identify(atelierJwt, { volunteer: v, pin: String(100000 + i) })).status).toBe(403);
    expect((await identify(otherAtelierJwt, { volunteer: v, pin: '111111' })).status).toBe(403);
    const res = await identify(superJwt, { volunteer: v, pin: '975310' });
    expect(res.status).toBe(429);
    expect(res.body.error.message).toMatch(/Trop d’essais de badge ou de code PIN/);
    expect((await app.http().get('/pipeline/station/operator').set(as(superJwt))).body.data.operator).toBeNull();
    expect((await failuresStored()).length).toBeGreaterThan(0);
  });

  it('an operator whose record is deleted in the content manager, or marked gone since yesterday, stops being the operator at once', async () => {
    const v = await volunteer('Opérateur Supprimé');
    expect((await identify(atelierJwt, { badge: await badgeOf(v) })).status).toBe(201);
    expect((await app.http().get('/pipeline/station/operator').set(as(atelierJwt))).body.data.operator?.volunteer).toBe(v);
    await app.http().delete(`${CM_VOLUNTEER}/${v}`).set(as(coordinationJwt)).expect(200);
    expect((await app.http().get('/pipeline/station/operator').set(as(atelierJwt))).body.data.operator).toBeNull();

    const w = await volunteer('Opérateur Parti');
    expect((await identify(atelierJwt, { badge: await badgeOf(w) })).status).toBe(201);
    await app.http().put(`${CM_VOLUNTEER}/${w}`).set(as(coordinationJwt)).send({ membership: 'left', endDate: '2012-02-29' }).expect(200);
    expect((await app.http().get('/pipeline/station/operator').set(as(atelierJwt))).body.data.operator).toBeNull();
    // And the dialog does not offer them.
    const names = (await app.http().get('/pipeline/station/operator').set(as(atelierJwt))).body.data.volunteers.map((x: { documentId: string }) => x.documentId);
    expect(names).not.toContain(w);
  });

  it('identification refuses wrong types with a 400 and never stores an operator', async () => {
    for (const body of [{ badge: ['BV-0000-0000'] }, { badge: { $ne: null } }, { volunteer: 'abc', pin: 1234 }, { badge: 'x'.repeat(1000) }, { pin: '1234' }]) {
      const res = await identify(otherAtelierJwt, body);
      expect([JSON.stringify(body).slice(0, 40), res.status]).toEqual([JSON.stringify(body).slice(0, 40), 400]);
    }
    expect((await app.http().get('/pipeline/station/operator').set(as(otherAtelierJwt))).body.data.operator).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
describe('« Devenir bénévole »: the donation offer’s protections', () => {
  const volunteersCount = async (): Promise<number> => (await app.sql.query('SELECT COUNT(*)::int AS n FROM volunteers')).rows[0].n as number;
  const valid = (over: Record<string, string | string[]> = {}) => ({
    name: 'Gwen Audit', email: 'gwen.audit@exemple.test', phone: '', availability: 'Le mardi', skills: ['cleaning'], wishes: 'Aider', consent: 'oui', ...over,
  });
  const form = (values: Record<string, string | string[]>) =>
    new URLSearchParams(Object.entries(values).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))).toString();
  const post = (values: Record<string, string | string[]>, headers: Record<string, string> = {}) =>
    app.http().post('/devenir-benevole').type('form').set('Origin', new URL(base).origin).set(headers).send(form(values));

  beforeEach(async () => {
    await app.sql.query('DELETE FROM sv_site_offer_attempts');
  });

  it('a JSON body with arrays and objects instead of text: 4xx, nothing created, never a 500', async () => {
    const before = await volunteersCount();
    for (const body of [
      // No consent in any of them: none may create a candidate.
      { name: ['a', 'b'], email: { x: 1 } },
      { name: 'Json', email: ['json@exemple.test'], skills: { $ne: 1 }, wishes: { a: [1, 2] } },
      { name: { toString: 1 }, phone: 123456, skills: [['sorting']], availability: null },
      [1, 2, 3],
    ]) {
      const res = await app.http().post('/devenir-benevole').set('Origin', new URL(base).origin).send(body as object);
      expect([JSON.stringify(body), res.status >= 400 && res.status < 500]).toEqual([JSON.stringify(body), true]);
    }
    expect(await volunteersCount()).toBe(before);
  });

  it('a post with neither Origin nor Referer is refused (403), nothing created', async () => {
    const before = await volunteersCount();
    const res = await app.http().post('/devenir-benevole').type('form').send(form(valid({ name: 'Sans Origine' })));
    expect(res.status).toBe(403);
    expect(await volunteersCount()).toBe(before);
  });

  it('the hourly quota is shared with the donation form: 10 posts to /donner, then /devenir-benevole is 429', async () => {
    const before = await volunteersCount();
    for (let i = 0; i < 10; i += 1) await app.http().post('/donner').type('form').set('Origin', new URL(base).origin).send('organisation=&email=');
    const res = await post(valid({ name: 'Après Dons' }));
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
    expect(await volunteersCount()).toBe(before);
  });

  it('a forged X-Forwarded-For does not give a new quota', async () => {
    const before = await volunteersCount();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await post(valid({ name: `Relais ${i}`, email: `relais${i}@exemple.test` }), { 'X-Forwarded-For': `203.0.113.${i + 1}` })).status);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    expect(await volunteersCount()).toBeLessThanOrEqual(before + 10);
  });

  it('an e-mail field carrying CR/LF and a Bcc header sends nothing to the injected address', async () => {
    await post(valid({ name: 'Injection Adresse', email: 'victime@exemple.test\r\nBcc: intrus@malveillant.test' }));
    await post(valid({ name: 'Injection Adresse 2', email: 'victime@exemple.test,intrus2@malveillant.test' }));
    await post(valid({ name: 'Injection Adresse 3', email: '"intrus3@malveillant.test" <victime@exemple.test>' }));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(smtp.messages.filter((m) => m.to.some((t) => t.includes('malveillant')))).toEqual([]);
    const stored = (await app.sql.query("SELECT email FROM volunteers WHERE name LIKE 'Injection Adresse%'")).rows.map((r) => r.email);
    for (const e of stored) expect(e ?? '').not.toMatch(/malveillant|\r|\n/);
  });

  it('a name made only of spaces and control characters is refused (400), nothing created', async () => {
    const before = await volunteersCount();
    const res = await post(valid({ name: ' \t\r\n\u0000\u0007 ' }));
    expect(res.status).toBe(400);
    expect(await volunteersCount()).toBe(before);
  });

  it('a name made only of invisible characters (zero-width space) is refused like an empty one (400), nothing created', async () => {
    const before = await volunteersCount();
    const res = await post(valid({ name: ' \u200b\u200b ', email: 'invisible@exemple.test' }));
    const stored = (await app.sql.query("SELECT name FROM volunteers WHERE email = 'invisible@exemple.test'")).rows.map((r) => r.name);
    expect({ status: res.status, created: (await volunteersCount()) - before, stored }).toEqual({ status: 400, created: 0, stored: [] });
  });
});

// ---------------------------------------------------------------------------------------------
describe('roles: who reads volunteers’ personal data', () => {
  it('the Atelier role does not see candidates in the content manager (« Only Coordination sees candidates »): it reads no volunteer there at all', async () => {
    const c = await candidate('Candidate Confidentielle');
    const res = await app.http().get(`${CM_VOLUNTEER}?page=1&pageSize=100`).set(as(atelierJwt));
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).not.toContain(c);
    const one = await app.http().get(`${CM_VOLUNTEER}/${c}`).set(as(atelierJwt));
    expect(one.status).toBe(403);
    expect(JSON.stringify(one.body)).not.toContain('Confidentielle');
  });

  it('Atelier cannot use the search box (_q) or a filter on a field it may not read (e-mail, membership) to learn it: every query is refused', async () => {
    const marker = `oracle${Date.now()}`;
    const v = await volunteer('Oracle', { email: `${marker}@exemple.test` });
    for (const q of [`filters[email][$startsWith]=${marker}`, 'filters[membership][$eq]=candidate', `filters[$or][0][email][$contains]=${marker}`, `_q=${marker}`, `_q=Oracle`]) {
      const res = await app.http().get(`${CM_VOLUNTEER}?page=1&pageSize=100&${q}`).set(as(atelierJwt));
      expect([q, res.status]).toEqual([q, 403]);
      expect(JSON.stringify(res.body)).not.toContain(marker);
    }
    const one = await app.http().get(`${CM_VOLUNTEER}/${v}`).set(as(atelierJwt));
    expect(one.status).toBe(403);
    expect(JSON.stringify(one.body)).not.toContain(marker);
  });

  it('Atelier reading grants (populated) sees no contact, note or account of the volunteer; no badge code anywhere', async () => {
    const marker = `grantpop${Date.now()}`;
    const v = await volunteer('Populé', { email: `${marker}@exemple.test`, notes: `note ${marker}`, phone: '0600000000', pin: '8642' });
    await grantSkill(app, v, 'cleaning');
    const badge = (await app.sql.query('SELECT badge_code FROM volunteers WHERE document_id = $1', [v])).rows[0].badge_code;
    const leaks: Array<[string, number, string[]]> = [];
    for (const url of [`${CM_GRANT}?page=1&pageSize=100&populate=*`, `${CM_GRANT}?page=1&pageSize=100&populate[volunteer][fields][0]=email`, `${CM_VOLUNTEER}?page=1&pageSize=100&fields[0]=email&fields[1]=badgeCode`, `${CM_VOLUNTEER}/${v}?populate=*`]) {
      const res = await app.http().get(url).set(as(atelierJwt));
      const text = JSON.stringify(res.body);
      const found: string[] = [marker, '0600000000', badge].filter((secret) => text.includes(secret)).map((secret) => (secret === badge ? 'badgeCode' : secret === marker ? 'email/notes' : 'phone'));
      if (/\$2[aby]\$/.test(text)) found.push('pin hash');
      leaks.push([url, res.status, found]);
    }
    // docs/roles.md, docs/privacy.md: Atelier reads volunteers' name only — « never a contact, a note or an account »; the badge code is read by Coordination only.
    expect(leaks.map(([url, , found]) => [url, found])).toEqual(leaks.map(([url]) => [url, []]));
    // By refusal: the role reads no grant and no volunteer in the content manager.
    expect(leaks.map(([url, status]) => [url, status])).toEqual(leaks.map(([url]) => [url, 403]));
  });

  it('Atelier may not print a badge (the badge identifies at the bench)', async () => {
    const v = await volunteer('Badge Imprimé');
    const res = await app.http().get(`/documents/volunteers/${v}/badge`).set(as(atelierJwt));
    expect(res.status).toBe(403);
    expect(res.headers['content-type'] ?? '').not.toMatch(/pdf/);
  });

  it('Atelier reads no presence history, no hours, no team board, no trainings', async () => {
    for (const url of [CM_PRESENCE, CM_TRAINING, '/pipeline/team', '/reporting/hours?from=2012-01-01&to=2012-12-31', '/reporting/bilan?from=2012-01-01&to=2012-12-31']) {
      const res = await app.http().get(url).set(as(atelierJwt));
      expect([url, res.status]).toEqual([url, 403]);
    }
  });

  it('a portal account (users-permissions) and the public reach no volunteer data over REST', async () => {
    const portal = await accountWithoutStructure(app, `portail-audit-${Date.now()}@exemple.test`);
    for (const path of ['/api/volunteers', '/api/volunteer-presences', '/api/skill-grants', '/api/skills', '/api/trainings', '/api/permanences', '/api/users/me?populate=*']) {
      for (const headers of [{}, as(portal)]) {
        const res = await app.http().get(path).set(headers);
        const text = JSON.stringify(res.body);
        if (path.startsWith('/api/users/me')) expect(text).not.toMatch(/badge|volunteer|BV-/i);
        else expect([path, res.status === 403 || res.status === 404 || res.status === 401]).toEqual([path, true]);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
describe('privacy: what is erased, and when', () => {
  it('a candidate with presences is not deleted by the retention job along with the hours they did (no presence left without a volunteer)', async () => {
    clock().set(new Date('2012-03-20T12:00:00Z'));
    const c = await candidate('Candidate Venue');
    // A coordinator enters after the fact an afternoon the candidate spent at the workshop (nothing refuses it).
    const entered = await cmCreate(coordinationJwt, c, '2012-03-06T13:00:00.000Z', '2012-03-06T17:00:00.000Z');
    if (entered.status !== 201) return; // refused at entry: the hours cannot vanish later.
    const orphansBefore = (await presenceRows()).filter((r) => r.volunteer_id == null).length;
    const minutesBefore = (await hours(coordinationJwt, 'from=2012-03-01&to=2012-03-31').expect(200)).body.data.total.minutes;
    clock().set(null);
    const privacy = app.strapi.plugin('privacy').service('privacy') as { runRetention(now?: Date): Promise<{ candidatesErased: string[] }> };
    const result = await privacy.runRetention(new Date('2013-06-01T10:00:00Z'));
    const orphans = (await presenceRows()).filter((r) => r.volunteer_id == null);
    clock().set(new Date('2013-06-01T10:00:00Z'));
    const minutesAfter = (await hours(coordinationJwt, 'from=2012-03-01&to=2012-03-31').expect(200)).body.data.total.minutes;
    expect({ erased: result.candidatesErased.includes(c), orphans: orphans.length - orphansBefore, minutesAfter }).toEqual({ erased: false, orphans: 0, minutesAfter: minutesBefore });
  });

  it('erases a departed volunteer’s PIN, contact and presences’ notes after 24 months; their badge stops working at once', async () => {
    clock().set(new Date('2012-03-20T12:00:00Z'));
    const v = await volunteer('Retenu', { email: 'retenu@exemple.test', phone: '0611111111', availability: 'lundi', notes: 'n', pin: '2468', endDate: '2012-03-19', membership: 'left' });
    const p = await app.strapi.documents(PRESENCE as 'api::volunteer-presence.volunteer-presence').create({
      data: { volunteer: v, signedInAt: '2012-03-06T13:00:00.000Z', signedOutAt: '2012-03-06T15:00:00.000Z', notes: 'Note de présence', source: 'coordinator' } as never,
    });
    const badge = (await app.sql.query('SELECT badge_code FROM volunteers WHERE document_id = $1', [v])).rows[0].badge_code;
    expect((await app.http().post('/pipeline/station/operator').set(as(otherAtelierJwt)).send({ badge })).status).toBe(403);
    clock().set(null);
    const privacy = app.strapi.plugin('privacy').service('privacy') as { runRetention(now?: Date): Promise<{ volunteersPurged: string[] }> };
    const early = await privacy.runRetention(new Date('2014-03-10T10:00:00Z'));
    expect(early.volunteersPurged).not.toContain(v);
    await privacy.runRetention(new Date('2014-03-21T10:00:00Z'));
    const row = (await app.sql.query('SELECT name, email, phone, availability, notes, pin, start_date::text FROM volunteers WHERE document_id = $1', [v])).rows[0];
    expect(row).toMatchObject({ email: null, phone: null, availability: null, notes: null, pin: null, start_date: '2011-10-01' });
    expect(row.name).toMatch(/^Retenu/);
    const presence = (await app.sql.query('SELECT notes, signed_in_at FROM volunteer_presences WHERE document_id = $1', [p.documentId])).rows[0];
    expect(presence.notes).toBeNull();
    expect(presence.signed_in_at).not.toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Last: these change the skill catalogue of this file's database.
describe('qualified actions: the erasure rule through the catalogue’s side doors', () => {
  const erase = (machine: string, device: string, t: string) =>
    app.http().post(`/pipeline/machines/${machine}/erasures`).set(as(t)).send({ deviceDocumentId: device, method: 'nist_clear', passes: 1, tool: 'nwipe', result: 'success' });
  async function rows(machine: string) {
    const erasures = (await app.sql.query('SELECT id FROM sv_pipeline_erasures WHERE machine_document_id = $1 ORDER BY id', [machine])).rows;
    const events = (await app.sql.query('SELECT id, hash FROM sv_pipeline_events WHERE subject_id = $1 ORDER BY seq', [machine])).rows;
    return { erasures, events };
  }
  const erasureSkill = async () => (await app.sql.query("SELECT document_id FROM skills WHERE key = 'erasure'")).rows[0]?.document_id as string | undefined;
  let grant: string;
  let trained: string;

  beforeAll(async () => {
    clock().set(new Date('2012-03-01T10:00:00Z'));
    const v = await volunteerFor(app, ATELIER);
    trained = v.documentId;
    grant = (await grantSkill(app, trained, 'erasure')).documentId;
    clock().set(null);
  });
  beforeEach(() => clock().set(new Date('2012-03-01T10:00:00Z')));

  it('a trained Atelier account erases (the starting point of the next tests)', async () => {
    const m = await f.machine(['AUDIT-OK-1']);
    expect((await erase(m.documentId, m.devices[0].documentId, atelierJwt)).status).toBe(201);
  });

  it('deleting in the content manager a volunteer whose grant backs a certified erasure keeps the basis the event names (grant and holder)', async () => {
    const dora = await volunteer('Dora Formée');
    const doraGrant = (await grantSkill(app, dora, 'erasure')).documentId;
    const badge = (await app.sql.query('SELECT badge_code FROM volunteers WHERE document_id = $1', [dora])).rows[0].badge_code;
    await app.http().post('/pipeline/station/operator').set(as(atelierJwt)).send({ badge }).expect(201);
    const m = await f.machine(['AUDIT-DORA-1']);
    expect((await erase(m.documentId, m.devices[0].documentId, atelierJwt)).status).toBe(201);
    await app.http().delete('/pipeline/station/operator').set(as(atelierJwt));
    const event = (await app.sql.query("SELECT details FROM sv_pipeline_events WHERE subject_id = $1 AND details::text LIKE '%qualification%' ORDER BY seq DESC LIMIT 1", [m.documentId])).rows[0];
    const details = typeof event.details === 'string' ? JSON.parse(event.details) : event.details;
    expect(details.qualification).toMatchObject({ skill: 'erasure', volunteer: dora, grant: doraGrant });
    const del = await app.http().delete(`${CM_VOLUNTEER}/${dora}`).set(as(coordinationJwt));
    const grantAfter = await grantRow(doraGrant);
    const holderStill = (await app.sql.query('SELECT count(*)::int AS n FROM volunteers WHERE document_id = $1', [dora])).rows[0].n;
    // docs/privacy.md: « name, dates, consent date, trainings and skills stay with the chain of custody they back »;
    // docs/volunteers.md: the event's basis names the volunteer and the grant (« the grant tells which training »).
    expect({ status: del.status, holderRecord: holderStill, grantHolder: grantAfter?.volunteer ?? null }).toEqual({ status: expect.any(Number), holderRecord: 1, grantHolder: dora });
  });

  it('an untrained Atelier account cannot read a trained volunteer’s badge code (grants, populated) and certify an erasure as them', async () => {
    const carole = await volunteer('Carole Formée');
    await grantSkill(app, carole, 'erasure');
    // The second bench account is linked to no volunteer and holds no skill: it may not erase.
    const m = await f.machine(['AUDIT-BADGE-1']);
    const before = await rows(m.documentId);
    expect((await erase(m.documentId, m.devices[0].documentId, otherAtelierJwt)).status).toBe(409);
    const list = await app.http().get(`${CM_GRANT}?page=1&pageSize=100&populate=*`).set(as(otherAtelierJwt));
    const leaked = (list.body.results ?? []).map((g: { volunteer?: { documentId?: string; badgeCode?: string } }) => g.volunteer).find((x: { documentId?: string } | undefined) => x?.documentId === carole);
    let erased = 0;
    if (leaked?.badgeCode) {
      const identified = await app.http().post('/pipeline/station/operator').set(as(otherAtelierJwt)).send({ badge: leaked.badgeCode });
      if (identified.status === 201) erased = (await erase(m.documentId, m.devices[0].documentId, otherAtelierJwt)).status;
      await app.http().delete('/pipeline/station/operator').set(as(otherAtelierJwt));
    }
    const after = await rows(m.documentId);
    expect({ badgeRead: Boolean(leaked?.badgeCode), erasedAsCarole: erased === 201, erasureRowsAdded: after.erasures.length - before.erasures.length }).toEqual({
      badgeRead: false,
      erasedAsCarole: false,
      erasureRowsAdded: 0,
    });
  });

  it('a grant edited in the content manager to end yesterday: 409 QUALIFICATION_REQUIRED, nothing written; stretching it past 12 months is a 400', async () => {
    await app.http().put(`${CM_GRANT}/${grant}`).set(as(coordinationJwt)).send({ grantedOn: '2011-03-01', expiresOn: '2012-02-29' }).expect(200);
    const m = await f.machine(['AUDIT-EXP-1']);
    const before = await rows(m.documentId);
    const res = await erase(m.documentId, m.devices[0].documentId, atelierJwt);
    expect(res.status).toBe(409);
    expect(res.body.error.details.rule).toBe('QUALIFICATION_REQUIRED');
    expect(await rows(m.documentId)).toEqual(before);
    const stretched = await app.http().put(`${CM_GRANT}/${grant}`).set(as(coordinationJwt)).send({ expiresOn: '2012-03-01' });
    expect(stretched.status).toBe(400);
    expect((await grantRow(grant)).expires_on).toBe('2012-02-29');
    await app.http().put(`${CM_GRANT}/${grant}`).set(as(coordinationJwt)).send({ grantedOn: '2012-03-01', expiresOn: '2013-02-28' }).expect(200);
  });

  it('a training’s grant cannot be handed to someone who did not attend, from the volunteer’s side of the relation; that person cannot then certify an erasure', async () => {
    const alice = await volunteer('Alice Formée');
    const erasure = (await erasureSkill())!;
    const training = await app
      .http()
      .post(CM_TRAINING)
      .set(as(coordinationJwt))
      .send({ date: '2012-02-15', trainer: 'Formateur audit', content: 'Effacement', attendees: { connect: [{ documentId: alice }] }, skills: { connect: [{ documentId: erasure }] } })
      .expect(201);
    const aliceGrant = (
      await app.sql.query(
        `SELECT g.document_id FROM skill_grants g JOIN skill_grants_training_lnk tl ON tl.skill_grant_id = g.id JOIN trainings t ON t.id = tl.training_id WHERE t.document_id = $1`,
        [training.body.data.documentId]
      )
    ).rows[0].document_id as string;
    const before = await grantRow(aliceGrant);
    expect(before).toMatchObject({ volunteer: alice, granted_by: expect.stringMatching(/^Formation du 15\/02\/2012/) });
    // Bob never attended; his account is the second bench account.
    const bob = (await volunteerFor(app, OTHER_ATELIER)).documentId;
    const res = await app.http().put(`${CM_VOLUNTEER}/${bob}`).set(as(coordinationJwt)).send({ skillGrants: { connect: [{ documentId: aliceGrant }] } });
    const after = await grantRow(aliceGrant);
    const m = await f.machine(['AUDIT-BOB-1']);
    const erased = await erase(m.documentId, m.devices[0].documentId, otherAtelierJwt);
    // docs/volunteers.md: a grant comes from a training its holder attended, or is made by hand naming who made it;
    // « an untrained account … is refused » (409 QUALIFICATION_REQUIRED).
    expect({ update: res.status, holder: after.volunteer, bobErases: erased.status }).toEqual({ update: expect.any(Number), holder: alice, bobErases: 409 });
  });

  it('a grant cannot lose its volunteer from the volunteer’s side (« volunteer required », refused in French, nothing written)', async () => {
    const extra = (await grantSkill(app, trained, 'cleaning')).documentId;
    const res = await app.http().put(`${CM_VOLUNTEER}/${trained}`).set(as(coordinationJwt)).send({ skillGrants: { disconnect: [{ documentId: extra }] } });
    const after = await grantRow(extra);
    expect({ status: res.status, volunteer: after.volunteer }).toEqual({ status: expect.any(Number), volunteer: trained });
  });

  it('a grant made by hand cannot be passed off as coming from a training through the training’s read-only « grants »', async () => {
    const hand = (await grantSkill(app, trained, 'sorting')).documentId;
    const training = await app
      .http()
      .post(CM_TRAINING)
      .set(as(coordinationJwt))
      .send({ date: '2011-11-15', trainer: 'Formateur audit', content: 'Tri' })
      .expect(201);
    const res = await app.http().put(`${CM_TRAINING}/${training.body.data.documentId}`).set(as(coordinationJwt)).send({ grants: { connect: [{ documentId: hand }] } });
    const after = await grantRow(hand);
    expect({ status: res.status, training: after.training }).toEqual({ status: expect.any(Number), training: null });
  });

  it('a grant made by hand names the staff member who made it, whatever « Accordée par » the form sent (no hand grant dressed as a training)', async () => {
    const v = await volunteer('Grant Typé');
    const skill = (await app.sql.query("SELECT document_id FROM skills WHERE key = 'sorting'")).rows[0].document_id;
    const res = await app
      .http()
      .post(CM_GRANT)
      .set(as(coordinationJwt))
      .send({ volunteer: { connect: [{ documentId: v }] }, skill: { connect: [{ documentId: skill }] }, grantedBy: 'Formation du 15/02/2012 (Organisme agréé)' });
    const row = res.body?.data?.documentId ? await grantRow(res.body.data.documentId) : null;
    expect({ status: res.status, grantedBy: row?.granted_by, training: row?.training ?? null }).toEqual({ status: 201, grantedBy: 'Test seconde-vie-coordination', training: null });
  });

  it('the erasure skill’s key renamed in the catalogue: 409 « n’existe plus dans le catalogue », nothing written', async () => {
    await grantSkill(app, trained, 'erasure');
    const skill = (await erasureSkill())!;
    await app.http().put(`${CM_SKILL}/${skill}`).set(as(coordinationJwt)).send({ key: 'effacement_renomme' }).expect(200);
    const m = await f.machine(['AUDIT-REN-1']);
    const before = await rows(m.documentId);
    const res = await erase(m.documentId, m.devices[0].documentId, atelierJwt);
    expect(res.status).toBe(409);
    expect(res.body.error.details.rule).toBe('QUALIFICATION_REQUIRED');
    expect(res.body.error.message).toMatch(/n'existe plus dans le catalogue/);
    expect(await rows(m.documentId)).toEqual(before);
    await app.http().put(`${CM_SKILL}/${skill}`).set(as(coordinationJwt)).send({ key: 'erasure' }).expect(200);
    expect((await erase(m.documentId, m.devices[0].documentId, atelierJwt)).status).toBe(201);
  });

  it('the erasure skill deleted in the content manager while grants exist: 409, nothing written; an invalid key is refused; a new skill with the key needs a new grant', async () => {
    const bad = await app.http().post(CM_SKILL).set(as(coordinationJwt)).send({ key: 'Effacement Certifié', name: 'Mauvaise clé' });
    expect(bad.status).toBe(400);
    const skill = (await erasureSkill())!;
    await app.http().delete(`${CM_SKILL}/${skill}`).set(as(coordinationJwt)).expect(200);
    const m = await f.machine(['AUDIT-DEL-1']);
    const before = await rows(m.documentId);
    const res = await erase(m.documentId, m.devices[0].documentId, atelierJwt);
    expect(res.status).toBe(409);
    expect(res.body.error.details.rule).toBe('QUALIFICATION_REQUIRED');
    expect(await rows(m.documentId)).toEqual(before);
    // Recreated with the same key: the old grant (orphaned) does not count.
    await app.http().post(CM_SKILL).set(as(coordinationJwt)).send({ key: 'erasure', name: 'Effacement certifié', validityMonths: 12 }).expect(201);
    const again = await erase(m.documentId, m.devices[0].documentId, atelierJwt);
    expect(again.status).toBe(409);
    expect(await rows(m.documentId)).toEqual(before);
  });
});

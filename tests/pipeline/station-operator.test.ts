import { startApp, type TestApp } from '../helpers/app';
import { adminToken, staffToken } from '../helpers/admin';
import { grantSkill, volunteerFor } from '../helpers/qualifications';
import { BADGE_CODE } from '../../src/shared/badges';
import { ensureVolunteerBadges } from '../../src/bootstrap/badges';
import { fixtures } from './fixtures';

/**
 * Who is at the bench (docs/volunteers.md, « Qui est au poste »): a volunteer identifies on a
 * shared account by badge or PIN; every event the account records then names them, and the
 * erasure skill is checked on them, not on the account. Real PostgreSQL, over HTTP.
 */
let app: TestApp;
let f: ReturnType<typeof fixtures>;
let admin: string;
let bench: string;
let other: string;
const BENCH = 'poste-atelier@seconde-vie.test';
const OTHER = 'poste-autre@seconde-vie.test';
const VOLUNTEER = 'api::volunteer.volunteer';
const CM = `/content-manager/collection-types/${VOLUNTEER}`;

const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
const clock = () => app.strapi.plugin('pipeline').service('clock') as { set(at: Date | null): void };
const identify = (t: string, body: Record<string, unknown>) => app.http().post('/pipeline/station/operator').set(bearer(t)).send(body);
const operatorOf = async (t: string) => (await app.http().get('/pipeline/station/operator').set(bearer(t))).body.data;
const erase = (machine: string, device: string, t: string) =>
  app.http().post(`/pipeline/machines/${machine}/erasures`).set(bearer(t)).send({ deviceDocumentId: device, method: 'nist_clear', passes: 1, tool: 'nwipe', result: 'success' });

async function volunteer(name: string, extra: Record<string, unknown> = {}): Promise<{ documentId: string; badge: string }> {
  const created = (await app.strapi.documents(VOLUNTEER).create({ data: { name, startDate: '2011-09-01', ...extra } as never })) as { documentId: string };
  const row = (await app.sql.query('SELECT badge_code FROM volunteers WHERE document_id = $1', [created.documentId])).rows[0];
  return { documentId: created.documentId, badge: row.badge_code };
}

async function rows(machine: string) {
  const erasures = (await app.sql.query('SELECT id FROM sv_pipeline_erasures WHERE machine_document_id = $1 ORDER BY id', [machine])).rows;
  const events = (await app.sql.query('SELECT id, hash FROM sv_pipeline_events WHERE subject_id = $1 ORDER BY seq', [machine])).rows;
  return { erasures, events };
}

async function lastEvent(machine: string) {
  const row = (await app.sql.query('SELECT kind, actor_type, actor_id, actor_name, details FROM sv_pipeline_events WHERE subject_id = $1 ORDER BY seq DESC LIMIT 1', [machine])).rows[0];
  return { ...row, details: typeof row.details === 'string' ? JSON.parse(row.details) : row.details };
}

beforeAll(async () => {
  app = await startApp('base');
  f = fixtures(app);
  admin = await adminToken(app);
  bench = await staffToken(app, 'seconde-vie-atelier', BENCH);
  other = await staffToken(app, 'seconde-vie-atelier', OTHER);
  clock().set(new Date('2012-03-01T10:00:00Z'));
});

afterAll(async () => {
  clock().set(null);
  await app?.stop();
});

describe('badge and PIN on the volunteer', () => {
  it('gives each volunteer a random badge code, never their id, and stores the PIN hashed', async () => {
    const a = await volunteer('Marie Kerouac', { pin: '4821' });
    const b = await volunteer('Paul Le Bris');
    expect(a.badge).toMatch(BADGE_CODE);
    expect(b.badge).toMatch(BADGE_CODE);
    expect(a.badge).not.toBe(b.badge);
    const pin = (await app.sql.query('SELECT pin FROM volunteers WHERE document_id = $1', [a.documentId])).rows[0].pin as string;
    expect(pin).toMatch(/^\$2[aby]\$/);
    expect(pin).not.toContain('4821');
  });

  it('never shows the PIN through the content manager; an empty PIN in the form keeps it', async () => {
    const created = await app.http().post(CM).set(bearer(admin)).send({ name: 'Anne Le Goff', startDate: '2011-09-01', pin: '123456' });
    expect(created.status).toBe(201);
    expect(created.body.data).not.toHaveProperty('pin');
    expect(created.body.data.badgeCode).toMatch(BADGE_CODE);
    const id = created.body.data.documentId as string;
    const read = await app.http().get(`${CM}/${id}`).set(bearer(admin));
    expect(read.status).toBe(200);
    expect(read.body.data).not.toHaveProperty('pin');
    expect(JSON.stringify(read.body)).not.toMatch(/\$2[aby]\$/);
    const before = (await app.sql.query('SELECT pin FROM volunteers WHERE document_id = $1', [id])).rows[0].pin;
    const saved = await app.http().put(`${CM}/${id}`).set(bearer(admin)).send({ ...read.body.data, pin: '' , availability: 'mardi' });
    expect(saved.status).toBe(200);
    expect((await app.sql.query('SELECT pin FROM volunteers WHERE document_id = $1', [id])).rows[0].pin).toBe(before);
  });

  it('refuses a PIN that is not 4 to 6 digits, in French, and writes nothing', async () => {
    const before = (await app.sql.query('SELECT count(*)::int n FROM volunteers')).rows[0].n;
    for (const pin of ['12', '1234567', 'abcd']) {
      const res = await app.http().post(CM).set(bearer(admin)).send({ name: 'Code Faux', startDate: '2011-09-01', pin });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/code PIN compte de 4 à 6 chiffres|pin/i);
    }
    expect((await app.sql.query('SELECT count(*)::int n FROM volunteers')).rows[0].n).toBe(before);
  });

  it('regenerates the badge when a coordinator empties the field (the old one stops working); a typed code is refused', async () => {
    const v = await volunteer('Loïc Tanguy');
    const read = (await app.http().get(`${CM}/${v.documentId}`).set(bearer(admin))).body.data;
    const typed = await app.http().put(`${CM}/${v.documentId}`).set(bearer(admin)).send({ ...read, badgeCode: 'BV-AAAA-AAAA' });
    expect(typed.status).toBe(400);
    expect(typed.body.error.message).toMatch(/généré par l’application/);
    const emptied = await app.http().put(`${CM}/${v.documentId}`).set(bearer(admin)).send({ ...read, badgeCode: '' });
    expect(emptied.status).toBe(200);
    const fresh = (await app.sql.query('SELECT badge_code FROM volunteers WHERE document_id = $1', [v.documentId])).rows[0].badge_code;
    expect(fresh).toMatch(BADGE_CODE);
    expect(fresh).not.toBe(v.badge);
    expect((await identify(other, { badge: v.badge })).status).toBe(403);
    expect((await identify(other, { badge: fresh })).status).toBe(201);
    await app.http().delete('/pipeline/station/operator').set(bearer(other));
  });

  it('gives a badge at start to volunteers who have none, once', async () => {
    const v = await volunteer('Sans Badge');
    await app.sql.query('UPDATE volunteers SET badge_code = NULL WHERE document_id = $1', [v.documentId]);
    expect(await ensureVolunteerBadges(app.strapi)).toBe(1);
    const code = (await app.sql.query('SELECT badge_code FROM volunteers WHERE document_id = $1', [v.documentId])).rows[0].badge_code;
    expect(code).toMatch(BADGE_CODE);
    expect(await ensureVolunteerBadges(app.strapi)).toBe(0);
  });
});

describe('identifying at the station', () => {
  it('identifies by badge (any case, spaces around), then hands over', async () => {
    const v = await volunteer('Gwen Morvan');
    const res = await identify(bench, { badge: ` ${v.badge.toLowerCase()} ` });
    expect(res.status).toBe(201);
    expect(res.body.data.operator).toEqual({ volunteer: v.documentId, name: 'Gwen Morvan' });
    expect((await operatorOf(bench)).operator).toEqual({ volunteer: v.documentId, name: 'Gwen Morvan' });
    expect((await operatorOf(other)).operator).toBeNull();
    expect((await app.http().delete('/pipeline/station/operator').set(bearer(bench))).status).toBe(200);
    expect((await operatorOf(bench)).operator).toBeNull();
  });

  it('forgets the operator at the end of the day in Brest', async () => {
    const v = await volunteer('Soizic Le Du');
    clock().set(new Date('2012-03-01T22:30:00Z')); // 23:30 in Paris
    expect((await identify(bench, { badge: v.badge })).status).toBe(201);
    expect((await operatorOf(bench)).operator?.name).toBe('Soizic Le Du');
    clock().set(new Date('2012-03-01T23:10:00Z')); // 00:10 in Paris: the next day
    expect((await operatorOf(bench)).operator).toBeNull();
    clock().set(new Date('2012-03-01T10:00:00Z'));
  });

  it('refuses an unknown badge, a label code, a volunteer who left and a candidate not yet welcomed, with one French message (no enumeration)', async () => {
    const left = await volunteer('Parti Depuis', { endDate: '2012-01-31' });
    const candidate = await volunteer('Candidate Pas Accueillie', { membership: 'candidate', startDate: null });
    // Its own account: four failures stay under the throttle (5 in 15 minutes), for the other tests too.
    const account = await staffToken(app, 'seconde-vie-atelier', 'poste-refus@seconde-vie.test');
    const answers = [];
    for (const badge of ['BV-ZZZZ-ZZZZ', 'SV-000123', left.badge, candidate.badge]) {
      const res = await identify(account, { badge });
      expect(res.status).toBe(403);
      answers.push(res.body.error.message);
    }
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toMatch(/^Badge ou code PIN non reconnu/);
    expect((await operatorOf(account)).operator).toBeNull();
  });

  it('validates the body: a badge, or a volunteer and a PIN', async () => {
    for (const body of [{}, { badge: 'BV-1' , pin: '1234' }, { volunteer: 'abc' }, { badge: 12 }, { pin: '1234' }, { badge: 'x'.repeat(41) }]) {
      const res = await identify(bench, body);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('ValidationError');
    }
  });

  it('identifies by name and PIN; a wrong PIN is refused; 5 failures in 15 minutes lock the volunteer (429), even the right PIN', async () => {
    const v = await volunteer('Jeanne Abgrall', { pin: '2468' });
    // An account of its own: the failures lock it too, for 15 minutes.
    const bench = await staffToken(app, 'seconde-vie-atelier', 'poste-pin@seconde-vie.test');
    const names = (await operatorOf(bench)).volunteers as Array<{ name: string }>;
    expect(names.map((n) => n.name)).toContain('Jeanne Abgrall');
    expect(names.map((n) => n.name)).not.toContain('Gwen Morvan');
    const ok = await identify(bench, { volunteer: v.documentId, pin: '2468' });
    expect(ok.status).toBe(201);
    await app.http().delete('/pipeline/station/operator').set(bearer(bench));
    for (let i = 0; i < 5; i += 1) {
      const wrong = await identify(bench, { volunteer: v.documentId, pin: '0000' });
      expect(wrong.status).toBe(403);
      expect(wrong.body.error.message).toMatch(/^Badge ou code PIN non reconnu/);
    }
    const locked = await identify(bench, { volunteer: v.documentId, pin: '2468' });
    expect(locked.status).toBe(429);
    expect(locked.body.error.message).toMatch(/^Trop d’essais de badge ou de code PIN/);
    // The volunteer is locked from another account too; the lock ends after 15 minutes.
    expect((await identify(other, { volunteer: v.documentId, pin: '2468' })).status).toBe(429);
    expect((await operatorOf(bench)).operator).toBeNull();
    clock().set(new Date('2012-03-01T10:16:00Z'));
    expect((await identify(bench, { volunteer: v.documentId, pin: '2468' })).status).toBe(201);
    await app.http().delete('/pipeline/station/operator').set(bearer(bench));
    clock().set(new Date('2012-03-01T10:00:00Z'));
  });

  it('locks an account that tries badges: 5 wrong ones, then 429', async () => {
    const token = await staffToken(app, 'seconde-vie-atelier', 'poste-essais@seconde-vie.test');
    const v = await volunteer('Yann Bodénès');
    for (let i = 0; i < 5; i += 1) expect((await identify(token, { badge: `BV-0000-000${i}` })).status).toBe(403);
    expect((await identify(token, { badge: v.badge })).status).toBe(429);
  });
});

describe('events and qualifications follow the operator', () => {
  let trained: { documentId: string; badge: string };
  let untrained: { documentId: string; badge: string };

  beforeAll(async () => {
    // The bench account itself is linked to a trained volunteer (« compte Atelier »).
    const account = await volunteerFor(app, BENCH, { name: 'Compte Atelier' });
    await grantSkill(app, account.documentId, 'erasure');
    trained = await volunteer('Marie Kerlann');
    await grantSkill(app, trained.documentId, 'erasure');
    untrained = await volunteer('Hervé Untrained');
  });

  afterEach(async () => {
    await app.http().delete('/pipeline/station/operator').set(bearer(bench));
    await app.http().delete('/pipeline/station/operator').set(bearer(other));
  });

  it('refuses an erasure by an unqualified operator on a qualified account: 409, nothing written', async () => {
    expect((await identify(bench, { badge: untrained.badge })).status).toBe(201);
    const m = await f.machine(['OP-UNTRAINED-1']);
    const before = await rows(m.documentId);
    const res = await erase(m.documentId, m.devices[0].documentId, bench);
    expect(res.status).toBe(409);
    expect(res.body.error.details).toMatchObject({ rule: 'QUALIFICATION_REQUIRED', skill: 'erasure' });
    expect(res.body.error.message).toMatch(/Hervé Untrained ne l'a pas encore/);
    expect(await rows(m.documentId)).toEqual(before);
    // The station does not offer it either, and says why.
    const label = (await app.sql.query('SELECT label_code FROM machines WHERE document_id = $1', [m.documentId])).rows[0].label_code;
    const shown = await app.http().get(`/pipeline/machines/by-label/${label}`).set(bearer(bench));
    expect(shown.body.data.erasureOffer).toEqual({ allowed: false, reason: expect.stringMatching(/Hervé Untrained ne l'a pas encore/) });
  });

  it('records an erasure by a qualified operator on an unqualified account: 201, the event names them and the account', async () => {
    expect((await identify(other, { badge: trained.badge })).status).toBe(201);
    const m = await f.machine(['OP-TRAINED-1', 'OP-TRAINED-2']);
    const label = (await app.sql.query('SELECT label_code FROM machines WHERE document_id = $1', [m.documentId])).rows[0].label_code;
    expect((await app.http().get(`/pipeline/machines/by-label/${label}`).set(bearer(other))).body.data.erasureOffer).toEqual({ allowed: true, reason: null });
    // The body claims another operator: the one identified at the bench is recorded.
    const res = await app.http().post(`/pipeline/machines/${m.documentId}/erasures`).set(bearer(other))
      .send({ deviceDocumentId: m.devices[0].documentId, method: 'nist_clear', passes: 1, tool: 'nwipe', result: 'success', operator: 'Quelqu’un d’autre' });
    expect(res.status).toBe(201);
    const event = await lastEvent(m.documentId);
    expect(event).toMatchObject({ kind: 'erasure', actor_type: 'admin', actor_name: 'Test seconde-vie-atelier' });
    expect(event.details.operator).toEqual({ volunteer: trained.documentId, name: 'Marie Kerlann' });
    expect(event.details.qualification).toMatchObject({ skill: 'erasure', volunteer: trained.documentId });
    // The erasure record names them too (and the account), not the body's claim.
    const { rows: [record] } = await app.sql.query('SELECT operator FROM sv_pipeline_erasures WHERE machine_document_id = $1 ORDER BY id DESC LIMIT 1', [m.documentId]);
    expect(record.operator).toBe('Marie Kerlann (poste : compte Test seconde-vie-atelier)');
    // Other events the account records name the operator too (here a device's removal).
    const removal = await app.http().post(`/pipeline/machines/${m.documentId}/devices/${m.devices[1].documentId}/removal`).set(bearer(other)).send({ reason: 'disque HS au test SMART', destination: 'destroyed' });
    expect(removal.status).toBe(200);
    const removed = await lastEvent(m.documentId);
    expect(removed.kind).not.toBe('erasure');
    expect(removed.details.operator).toEqual({ volunteer: trained.documentId, name: 'Marie Kerlann' });
    expect((await app.http().get(`/pipeline/records/machines/${m.documentId}/verify`).set(bearer(admin))).body.data.valid).toBe(true);
  });

  it('falls back to the account once the operator hands over', async () => {
    expect((await identify(bench, { badge: untrained.badge })).status).toBe(201);
    const m = await f.machine(['OP-HANDOVER-1']);
    expect((await erase(m.documentId, m.devices[0].documentId, bench)).status).toBe(409);
    await app.http().delete('/pipeline/station/operator').set(bearer(bench));
    const res = await erase(m.documentId, m.devices[0].documentId, bench);
    expect(res.status).toBe(201);
    const event = await lastEvent(m.documentId);
    expect(event.details.operator).toBeUndefined();
    expect(event.details.qualification).toMatchObject({ skill: 'erasure' });
    // And an unlinked account with no operator is refused as before.
    const m2 = await f.machine(['OP-HANDOVER-2']);
    expect((await erase(m2.documentId, m2.devices[0].documentId, other)).status).toBe(409);
  });

  it('binds a super-admin with an operator to the operator’s skills (the role exempts no one else)', async () => {
    expect((await identify(admin, { badge: untrained.badge })).status).toBe(201);
    const m = await f.machine(['OP-ADMIN-1']);
    expect((await erase(m.documentId, m.devices[0].documentId, admin)).status).toBe(409);
    await app.http().delete('/pipeline/station/operator').set(bearer(admin));
    expect((await erase(m.documentId, m.devices[0].documentId, admin)).status).toBe(201);
  });
});

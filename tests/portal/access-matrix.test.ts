import { createFullAccessToken, startApp, type TestApp } from '../helpers/app';
import { adminToken } from '../helpers/admin';
import { accountWithoutStructure, portalAccount } from '../helpers/portal';
import { buildWorld, NAMES, type PortalWorld } from './fixtures';

let app: TestApp;
let world: PortalWorld;
let staff: string;
const tokens: Record<string, string | null> = {};

type Viewer = 'public' | 'noStructure' | 'A' | 'B' | 'X' | 'Y';
const VIEWERS: Viewer[] = ['public', 'noStructure', 'A', 'B', 'X', 'Y'];
type Route = 'prescriptions' | 'households' | 'donations' | 'machines';
const ROUTES: Route[] = ['prescriptions', 'households', 'donations', 'machines'];

/** Which route each viewer reaches, and its own and another structure's record on it. */
const REACH: Record<Viewer, Route[]> = { public: [], noStructure: [], A: ['prescriptions', 'households'], B: ['prescriptions', 'households'], X: ['donations', 'machines'], Y: ['donations', 'machines'] };

/** The record of each structure on a route: A's and B's for prescriber types, X's and Y's for donor types. */
function records(route: Route): Record<'A' | 'B' | 'X' | 'Y', string> {
  const w = world;
  const [first, second] = {
    prescriptions: [w.prescriptionA, w.prescriptionB],
    households: [w.householdA, w.householdB],
    donations: [w.donationX, w.donationY],
    machines: [w.machineX, w.machineY],
  }[route].map((r) => r.documentId);
  return { A: first, B: second, X: first, Y: second };
}

const OTHER: Record<'A' | 'B' | 'X' | 'Y', 'A' | 'B' | 'X' | 'Y'> = { A: 'B', B: 'A', X: 'Y', Y: 'X' };

/** Every string a viewer must never read: other structures', and for donors any household detail. */
function forbiddenFor(viewer: Viewer): string[] {
  const s = world.secrets;
  switch (viewer) {
    case 'A': return [...s.B, ...s.X, ...s.Y];
    case 'B': return [...s.A, ...s.X, ...s.Y, NAMES.communeA];
    case 'X': return [...s.A, ...s.B, ...s.Y, NAMES.communeB, 'Foyer', 'referenceName', 'phone'];
    case 'Y': return [...s.A.filter((x) => x !== NAMES.communeA), ...s.B.filter((x) => x !== NAMES.communeB), ...s.X, NAMES.communeA, 'Foyer', 'referenceName', 'phone'];
    default: return [...s.A, ...s.B, ...s.X, ...s.Y, NAMES.communeA, NAMES.communeB];
  }
}

function expectNoLeak(viewer: Viewer, body: unknown) {
  const text = JSON.stringify(body ?? null);
  for (const secret of forbiddenFor(viewer)) expect({ viewer, leaked: text.includes(secret) ? secret : null }).toEqual({ viewer, leaked: null });
}

function call(viewer: Viewer, method: 'get' | 'post' | 'put' | 'delete', url: string, body?: object) {
  let req = app.http()[method](url);
  const token = tokens[viewer];
  if (token) req = req.set('Authorization', `Bearer ${token}`);
  return body === undefined ? req : req.send(body);
}

beforeAll(async () => {
  app = await startApp('base');
  world = await buildWorld(app);
  staff = await createFullAccessToken(app.strapi, 'matrix');
  tokens.public = null;
  tokens.noStructure = await accountWithoutStructure(app, 'sans-structure@example.test');
  tokens.A = await portalAccount(app, 'prescriber', world.prescriberA.documentId, 'a@alpha.test');
  tokens.B = await portalAccount(app, 'prescriber', world.prescriberB.documentId, 'b@beta.test');
  tokens.X = await portalAccount(app, 'donor', world.donorX.documentId, 'x@xeres.test');
  tokens.Y = await portalAccount(app, 'donor', world.donorY.documentId, 'y@ypres.test');
});

afterAll(async () => {
  await app?.stop();
});

describe('the access matrix: every role × every route', () => {
  const cases = VIEWERS.flatMap((viewer) => ROUTES.map((route) => [viewer, route] as const));

  it.each(cases)('%s lists /api/%s: its own records only, or 403', async (viewer, route) => {
    const res = await call(viewer, 'get', `/api/${route}`);
    expectNoLeak(viewer, res.body);
    if (!REACH[viewer].includes(route)) {
      expect(res.status).toBe(403);
      expect(res.body.data).toBeNull();
      return;
    }
    expect(res.status).toBe(200);
    const own = records(route)[viewer as 'A'];
    expect(res.body.data.map((d: { documentId: string }) => d.documentId)).toEqual([own]);
    expect(res.body.meta.pagination.total).toBe(1);
  });

  it.each(cases)('%s reads one record of /api/%s: its own 200, another structure’s 404 (or 403 everywhere)', async (viewer, route) => {
    const ids = records(route);
    const mine = viewer in OTHER ? ids[viewer as 'A'] : ids.A;
    const theirs = viewer in OTHER ? ids[OTHER[viewer as 'A']] : ids.B;
    const own = await call(viewer, 'get', `/api/${route}/${mine}`);
    const other = await call(viewer, 'get', `/api/${route}/${theirs}`);
    const missing = await call(viewer, 'get', `/api/${route}/aaaaaaaaaaaaaaaaaaaaaaaa`);
    expectNoLeak(viewer, own.body);
    expectNoLeak(viewer, other.body);
    if (!REACH[viewer].includes(route)) {
      expect([own.status, other.status, missing.status]).toEqual([403, 403, 403]);
      return;
    }
    expect(own.status).toBe(200);
    expect(own.body.data.documentId).toBe(mine);
    expect(other.status).toBe(404);
    // Another structure's record answers exactly like one that does not exist.
    expect(other.body).toEqual(missing.body);
  });

  it.each(cases)('%s updates and deletes on /api/%s: another structure’s record is never changed', async (viewer, route) => {
    const ids = records(route);
    const theirs = viewer in OTHER ? ids[OTHER[viewer as 'A']] : ids.B;
    const table = route;
    const before = (await app.sql.query(`SELECT * FROM ${table} WHERE document_id = $1`, [theirs])).rows;
    const field = route === 'households' ? { commune: 'Piraté' } : route === 'prescriptions' ? { reason: 'Piraté' } : { notes: 'Piraté' };
    const put = await call(viewer, 'put', `/api/${route}/${theirs}`, { data: field });
    const del = await call(viewer, 'delete', `/api/${route}/${theirs}`);
    expectNoLeak(viewer, put.body);
    expectNoLeak(viewer, del.body);
    const prescriberWrites = (viewer === 'A' || viewer === 'B') && REACH[viewer].includes(route);
    expect(put.status).toBe(prescriberWrites ? 404 : 403);
    // Another structure's record is a 404 for the structures that reach this type; the others have no access at all.
    expect(del.status).toBe(REACH[viewer].includes(route) ? 404 : 403);
    expect((await app.sql.query(`SELECT * FROM ${table} WHERE document_id = $1`, [theirs])).rows).toEqual(before);
    if (REACH[viewer].includes(route)) {
      // Its own record: refused, with the reason, and kept.
      const mine = ids[viewer as 'A'];
      const own = await call(viewer, 'delete', `/api/${route}/${mine}`);
      expect(own.status).toBe(403);
      expect(own.body.error.message).toMatch(/ne supprime rien/);
      expect((await app.sql.query(`SELECT count(*)::int AS n FROM ${table} WHERE document_id = $1`, [mine])).rows[0].n).toBeGreaterThan(0);
    }
  });

  it.each(VIEWERS.flatMap((v) => (['prescriptions', 'households'] as Route[]).map((r) => [v, r] as const)))(
    '%s creates on /api/%s only as a prescriber',
    async (viewer, route) => {
      const data = route === 'households' ? { referenceName: `Foyer créé par ${viewer}`, commune: 'Brest' } : { reason: `Créée par ${viewer}` };
      const res = await call(viewer, 'post', `/api/${route}`, { data });
      expectNoLeak(viewer, res.body);
      expect(res.status).toBe(viewer === 'A' || viewer === 'B' ? 201 : 403);
    }
  );

  it.each(VIEWERS.flatMap((v) => (['donations', 'machines'] as Route[]).map((r) => [v, r] as const)))(
    '%s cannot create on /api/%s',
    async (viewer, route) => {
      const res = await call(viewer, 'post', `/api/${route}`, { data: { notes: 'x', type: 'laptop' } });
      expectNoLeak(viewer, res.body);
      expect(res.status).toBe(403);
    }
  );
});

describe('filters, populate, fields and sort on relations reveal nothing of another structure', () => {
  /** Two queries differing only in whose value they test must answer alike. */
  async function sameAnswer(viewer: Viewer, mine: string, theirs: string) {
    const a = await call(viewer, 'get', mine);
    const b = await call(viewer, 'get', theirs);
    expectNoLeak(viewer, a.body);
    expectNoLeak(viewer, b.body);
    return [a, b] as const;
  }

  it('a prescriber filtering on the prescriber relation gets the same refusal for its name and another’s', async () => {
    const [mine, theirs] = await sameAnswer(
      'A',
      `/api/prescriptions?filters[prescriber][name][$eq]=${encodeURIComponent(NAMES.A)}`,
      `/api/prescriptions?filters[prescriber][name][$eq]=${encodeURIComponent(NAMES.B)}`
    );
    expect(mine.status).toBe(400);
    expect(theirs.status).toBe(400);
    expect(theirs.body).toEqual(mine.body);
  });

  it('a prescriber filtering on household names only ever matches its own households', async () => {
    const own = await call('A', 'get', `/api/prescriptions?filters[household][referenceName][$eq]=${encodeURIComponent(NAMES.householdA)}`);
    const other = await call('A', 'get', `/api/prescriptions?filters[household][referenceName][$eq]=${encodeURIComponent(NAMES.householdB)}`);
    const negated = await call('A', 'get', `/api/prescriptions?filters[$not][household][referenceName][$eq]=${encodeURIComponent(NAMES.householdB)}`);
    expect(own.status).toBe(200);
    expect(own.body.data).toHaveLength(1);
    expect(other.status).toBe(200);
    expect(other.body.data).toEqual([]);
    expect(negated.body.data.map((d: { documentId: string }) => d.documentId)).toEqual([world.prescriptionA.documentId]);
  });

  it('a prescriber filtering households through their prescriptions cannot test another structure’s prescriptions', async () => {
    const res = await call('A', 'get', `/api/households?filters[prescriptions][reason][$contains]=Beta`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
    expectNoLeak('A', res.body);
  });

  it('a prescriber may populate its household, never the prescriber, machines or workshop', async () => {
    const own = await call('A', 'get', `/api/prescriptions?populate[household]=true`);
    expect(own.status).toBe(200);
    expect(own.body.data[0].household.referenceName).toBe(NAMES.householdA);
    // Relations to types the role cannot read are dropped by Strapi's sanitiser, the others refused.
    for (const populate of ['populate=*', 'populate[prescriber]=true', 'populate[machines][populate][donor]=true', 'populate[workshop]=true', 'populate[household][populate][prescriptions]=true']) {
      const res = await call('A', 'get', `/api/prescriptions?${populate}`);
      expect({ populate, status: res.status }).toEqual({ populate, status: res.status === 200 ? 200 : 400 });
      expectNoLeak('A', res.body);
      for (const doc of res.body.data ?? []) {
        expect(doc.prescriber).toBeUndefined();
        expect(doc.machines).toBeUndefined();
        expect(doc.workshop).toBeUndefined();
        expect(doc.household?.prescriptions).toBeUndefined();
      }
    }
    const nested = await call('A', 'get', `/api/households?populate[prescriptions][populate][prescriber]=true`);
    expect([200, 400]).toContain(nested.status);
    expectNoLeak('A', nested.body);
    for (const household of nested.body.data ?? []) for (const p of household.prescriptions ?? []) expect(p.prescriber).toBeUndefined();
  });

  it('a household shared by mistake with another structure’s prescription shows only the viewer’s prescriptions', async () => {
    // Staff link B's prescription to A's household: A still sees only its own prescription there.
    await app.http().put(`/api/prescriptions/${world.prescriptionB.documentId}`).set('Authorization', `Bearer ${staff}`).send({ data: { household: world.householdA.documentId } });
    try {
      const res = await call('A', 'get', `/api/households/${world.householdA.documentId}?populate[prescriptions]=true`);
      expect(res.status).toBe(200);
      expect(res.body.data.prescriptions.map((p: { documentId: string }) => p.documentId)).toEqual([world.prescriptionA.documentId]);
      expectNoLeak('A', res.body);
    } finally {
      await app.http().put(`/api/prescriptions/${world.prescriptionB.documentId}`).set('Authorization', `Bearer ${staff}`).send({ data: { household: world.householdB.documentId } });
    }
  });

  it('sorting by a relation is refused alike for every value', async () => {
    for (const sort of ['household.referenceName:asc', 'prescriber.name:desc', 'machines.serialNumber']) {
      const res = await call('A', 'get', `/api/prescriptions?sort=${sort}`);
      expect({ sort, status: res.status }).toEqual({ sort, status: 400 });
    }
    const scalar = await call('A', 'get', `/api/prescriptions?sort=receivedAt:desc`);
    expect(scalar.status).toBe(200);
  });

  it('fields select own attributes only; private and unknown fields are refused', async () => {
    const res = await call('A', 'get', `/api/households?fields[0]=referenceName`);
    expect(res.status).toBe(200);
    expect(res.body.data).toContainEqual(expect.objectContaining({ referenceName: NAMES.householdA }));
    for (const doc of res.body.data) expect(Object.keys(doc).sort()).toEqual(['documentId', 'id', 'referenceName']);
    expectNoLeak('A', res.body);
    const prescriber = await call('A', 'get', `/api/households?fields[0]=prescriber`);
    expect(prescriber.status).toBe(400);
  });

  it('a donor filtering on the donor relation gets the same refusal for its name and another’s', async () => {
    const [mine, theirs] = await sameAnswer(
      'X',
      `/api/machines?filters[donor][name][$eq]=${encodeURIComponent(NAMES.X)}`,
      `/api/machines?filters[donor][name][$eq]=${encodeURIComponent(NAMES.Y)}`
    );
    expect(mine.status).toBe(400);
    expect(theirs.body).toEqual(mine.body);
  });

  it('a donor never reaches the household of a unit, by populate or by filters', async () => {
    for (const query of [
      'populate[prescription][populate][household]=true',
      'populate[prescription]=true',
      `filters[prescription][household][commune][$eq]=${encodeURIComponent(NAMES.communeA)}`,
      'populate=*',
      'sort=prescription.handedOverAt:asc',
    ]) {
      const res = await call('X', 'get', `/api/machines?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: res.status === 200 ? 200 : 400 });
      expectNoLeak('X', res.body);
      for (const doc of res.body.data ?? []) expect(doc.prescription).toBeUndefined();
    }
  });

  it('a donor sees the commune, and only the commune, of its handed-over unit', async () => {
    const res = await call('X', 'get', `/api/machines/${world.machineX.documentId}`);
    expect(res.status).toBe(200);
    expect(res.body.data.handover).toEqual({ commune: NAMES.communeA });
    expect(res.body.data.notes).toBeUndefined();
    expect(res.body.data.prescription).toBeUndefined();
  });

  it('a donor populates its donation’s units, and a unit’s donation, its own only', async () => {
    const donations = await call('X', 'get', `/api/donations?populate[machines]=true`);
    expect(donations.status).toBe(200);
    expect(donations.body.data[0].machines.map((m: { documentId: string }) => m.documentId)).toEqual([world.machineX.documentId]);
    expect(donations.body.data[0].notes).toBeUndefined();
    expect(donations.body.data[0].machines[0].notes).toBeUndefined();
    const machines = await call('X', 'get', `/api/machines?populate[donation]=true`);
    expect(machines.body.data[0].donation.documentId).toBe(world.donationX.documentId);
    expectNoLeak('X', donations.body);
    expectNoLeak('X', machines.body);
  });
});

describe('what a prescriber writes stays in its structure', () => {
  it('files a prescription for its own household, numbered and owned by its structure', async () => {
    const res = await call('A', 'post', '/api/prescriptions', {
      data: { household: world.householdA.documentId, needs: { deviceType: 'desktop', screen: true }, reason: 'Collégien sans ordinateur' },
    });
    expect(res.status).toBe(201);
    expect(res.body.data.number).toMatch(/^PR-\d{4}-\d{3,}$/);
    const row = await app.strapi.db.query('api::prescription.prescription').findOne({ where: { documentId: res.body.data.documentId }, populate: { prescriber: true } });
    expect(row.prescriber.id).toBe(world.prescriberA.id);
  });

  it('cannot file for another structure’s household: the same answer as for an unknown one', async () => {
    const other = await call('A', 'post', '/api/prescriptions', { data: { household: world.householdB.documentId, reason: 'x' } });
    const unknown = await call('A', 'post', '/api/prescriptions', { data: { household: 'aaaaaaaaaaaaaaaaaaaaaaaa', reason: 'x' } });
    expect(other.status).toBe(400);
    expect(other.body).toEqual(unknown.body);
    expectNoLeak('A', other.body);
  });

  it('cannot set the prescriber, the workshop, the units or staff dates', async () => {
    for (const data of [{ prescriber: world.prescriberB.documentId }, { machines: [world.machineY.documentId] }, { decidedAt: '2025-01-01' }, { workshop: 1 }]) {
      const res = await call('A', 'put', `/api/prescriptions/${world.prescriptionA.documentId}`, { data });
      expect({ data, status: res.status }).toEqual({ data, status: 400 });
    }
    const row = await app.strapi.db.query('api::prescription.prescription').findOne({ where: { documentId: world.prescriptionA.documentId }, populate: { prescriber: true } });
    expect(row.prescriber.id).toBe(world.prescriberA.id);
  });

  it('updates its own household', async () => {
    const res = await call('A', 'put', `/api/households/${world.householdA.documentId}`, { data: { childrenInCollege: 2 } });
    expect(res.status).toBe(200);
    expect(res.body.data.childrenInCollege).toBe(2);
  });

  it('a household it creates is its own and no one else’s', async () => {
    const created = await call('A', 'post', '/api/households', { data: { referenceName: 'Foyer Alpha-Nouveau', commune: 'Brest' } });
    expect(created.status).toBe(201);
    expect((await call('A', 'get', `/api/households/${created.body.data.documentId}`)).status).toBe(200);
    expect((await call('B', 'get', `/api/households/${created.body.data.documentId}`)).status).toBe(404);
  });

  it('edits its prescription while it is « Reçue », and no longer once the workshop examines it', async () => {
    const before = await call('A', 'put', `/api/prescriptions/${world.prescriptionA.documentId}`, { data: { reason: 'Précision ajoutée' } });
    expect(before.status).toBe(200);
    const admin = await adminToken(app);
    await app.http().post(`/pipeline/records/prescriptions/${world.prescriptionA.documentId}/transitions`).set('Authorization', `Bearer ${admin}`).send({ to: 'reviewing' }).expect(200);
    const after = await call('A', 'put', `/api/prescriptions/${world.prescriptionA.documentId}`, { data: { reason: 'Changement tardif' } });
    expect(after.status).toBe(403);
    expect(after.body.error.message).toMatch(/examine déjà/);
    const row = await app.strapi.db.query('api::prescription.prescription').findOne({ where: { documentId: world.prescriptionA.documentId } });
    expect(row.reason).toBe('Précision ajoutée');
  });

  it('a prescriber whose membership convention expired is told why it cannot file', async () => {
    const token = await portalAccount(app, 'prescriber', world.prescriberExpired.documentId, 'c@gamma.test');
    const res = await app.http().post('/api/prescriptions').set('Authorization', `Bearer ${token}`).send({ data: { reason: 'x' } });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/convention d'adhésion/);
  });
});

describe('generated documents and staff access', () => {
  it('generated documents are not exposed to portal accounts (staff routes refuse their token)', async () => {
    for (const viewer of VIEWERS) {
      const list = await call(viewer, 'get', '/documents/generated');
      expect([401, 403]).toContain(list.status);
      expect(list.body.data ?? null).toBeNull();
      const api = await call(viewer, 'get', '/api/documents/generated');
      expect([403, 404]).toContain(api.status);
      // The one content-API route of the plugin (staff integrations e-mail a document): not for portals.
      const send = await call(viewer, 'post', '/api/documents/generated/aaaaaaaaaaaaaaaaaaaaaaaa/send', { to: 'x@example.test' });
      expect({ viewer, status: send.status }).toEqual({ viewer, status: 403 });
    }
  });

  it('the pipeline’s workshop-tool routes refuse every portal account', async () => {
    for (const viewer of VIEWERS) {
      const byLabel = await call(viewer, 'get', `/api/pipeline/machines/by-label/${world.secrets.X[6]}`);
      const verify = await call(viewer, 'get', `/api/pipeline/records/machine/${world.machineX.documentId}/verify`);
      expect({ viewer, statuses: [byLabel.status, verify.status] }).toEqual({ viewer, statuses: [403, 403] });
      expectNoLeak(viewer, byLabel.body);
    }
  });

  it('a staff full-access token still reads every structure’s records', async () => {
    for (const route of ROUTES) {
      const res = await app.http().get(`/api/${route}?populate=*`).set('Authorization', `Bearer ${staff}`);
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('a portal account lists no users and cannot change its own role or structure', async () => {
    expect((await call('A', 'get', '/api/users')).status).toBe(403);
    const me = await call('A', 'get', '/api/users/me?populate=*');
    expect(me.status).toBe(200);
    expect(JSON.stringify(me.body)).not.toContain(NAMES.A);
    expect((await call('A', 'put', `/api/users/${me.body.id}`, { prescriber: world.prescriberB.id })).status).toBe(403);
  });
});

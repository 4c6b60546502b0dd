import fs from 'node:fs';
import path from 'node:path';
import { startApp, type TestApp } from '../helpers/app';
import { adminToken } from '../helpers/admin';
import { createWorkshop, defaultWorkshop, memberToken } from '../helpers/network';
import { grantSkill } from '../helpers/qualifications';
import { fixtures } from '../pipeline/fixtures';

/**
 * The pipeline's routes in a network of workshops (docs/network.md): staff of Morlaix reach only
 * Morlaix's units, prescriptions, parts and volunteers, and Brest's staff only Brest's. A record
 * of another workshop answers 404 as an unknown one, lists and figures leave it out, and a
 * refused request changes nothing (checked in SQL). « Réseau » reads every board and writes
 * nothing. Real PostgreSQL on the demo (Brest, 1156 units) plus a workshop made here (Morlaix).
 */
let app: TestApp;
let f: ReturnType<typeof fixtures>;
let admin: string;
let coordBrest: string;
let coordMorlaix: string;
let atelierMorlaix: string;
let reseau: string;
let mover: { token: string; id: number };
let brest: { id: number; documentId: string; code: string };
let morlaix: { id: number; documentId: string; code: string };

const MACHINE = 'api::machine.machine';
const VOLUNTEER = 'api::volunteer.volunteer';
const LOG = fs.readFileSync(path.join(__dirname, '..', 'pipeline', 'fixtures', 'nwipe.log'), 'utf8')
  .split('WD-WCC2ET1234567')
  .join('NETBREST0001')
  .split('Z3T0ABCD')
  .join('NETMORLX0001');

const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
const get = (t: string, url: string) => app.http().get(`/pipeline${url}`).set(bearer(t));
const post = (t: string, url: string, body: Record<string, unknown> = {}) => app.http().post(`/pipeline${url}`).set(bearer(t)).send(body);

/** Every route that let something through: one list, so a failure names the routes. */
const leaks: string[] = [];
const leak = (route: string, ok: boolean, detail: unknown = '') => {
  if (!ok) leaks.push(`${route} ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`.trim());
};

interface Unit {
  documentId: string;
  labelCode: string;
  devices: Array<{ documentId: string; serial: string }>;
}

async function unit(workshop: number, serials: string[], stage?: string): Promise<Unit> {
  const created = (await app.strapi.documents(MACHINE).create({ data: { type: 'desktop', brand: 'Dell', model: 'OptiPlex', workshop } as never })) as unknown as { documentId: string };
  const devices = [];
  for (const serial of serials) {
    const d = (await app.strapi.documents('api::storage-device.storage-device').create({
      data: { machine: created.documentId, interface: 'sata', capacityGb: 500, serial } as never,
    })) as unknown as { documentId: string };
    devices.push({ documentId: d.documentId, serial });
  }
  if (stage) await f.placeAt('machines', created.documentId, stage);
  const { rows } = await app.sql.query('SELECT label_code FROM machines WHERE document_id = $1', [created.documentId]);
  return { documentId: created.documentId, labelCode: rows[0].label_code, devices };
}

async function prescription(workshop: number, stage: string): Promise<string> {
  const prescriber = (await app.strapi.documents('api::prescriber.prescriber').create({ data: { name: `CCAS ${workshop} ${Date.now()}`, kind: 'ccas', commune: 'X', workshop } as never })) as unknown as {
    documentId: string;
  };
  const household = (await app.strapi.documents('api::household.household').create({ data: { referenceName: `Foyer ${workshop}`, commune: 'X', workshop } as never })) as unknown as {
    documentId: string;
  };
  // Created in the default workshop, then moved in SQL: another workshop's number (PR-MO-2026-001) does not
  // pass the prescription schema's regex (^PR-[0-9]{4}-[0-9]{3,}$) yet — a kernel matter, reported.
  const p = (await app.strapi.documents('api::prescription.prescription').create({
    data: { prescriber: prescriber.documentId, household: household.documentId, needs: { deviceType: 'desktop' }, workshop: brest.id } as never,
  })) as unknown as { documentId: string };
  await app.sql.query(
    'UPDATE prescriptions_workshop_lnk SET workshop_id = $1 WHERE prescription_id IN (SELECT id FROM prescriptions WHERE document_id = $2)',
    [workshop, p.documentId],
  );
  await f.placeAt('prescriptions', p.documentId, stage);
  return p.documentId;
}

async function volunteer(workshop: number, name: string, extra: Record<string, unknown> = {}): Promise<{ documentId: string; badge: string }> {
  const created = (await app.strapi.documents(VOLUNTEER).create({ data: { name, startDate: '2011-09-01', workshop, ...extra } as never })) as unknown as { documentId: string };
  const { rows } = await app.sql.query('SELECT badge_code FROM volunteers WHERE document_id = $1', [created.documentId]);
  return { documentId: created.documentId, badge: rows[0].badge_code };
}

async function part(workshop: number, description: string): Promise<string> {
  const p = (await app.strapi.documents('api::part.part').create({ data: { category: 'flat_screen', description, quantityOnHand: 5, lowStockThreshold: 0, workshop } as never })) as unknown as {
    documentId: string;
  };
  return p.documentId;
}

const workshopOfMachines = async (documentIds: string[]): Promise<number[]> =>
  (
    await app.sql.query(
      'SELECT DISTINCT l.workshop_id FROM machines m JOIN machines_workshop_lnk l ON l.machine_id = m.id WHERE m.document_id = ANY($1::text[])',
      [documentIds],
    )
  ).rows.map((r) => Number(r.workshop_id));
const workshopOfVolunteers = async (documentIds: string[]): Promise<number[]> =>
  (
    await app.sql.query(
      'SELECT DISTINCT l.workshop_id FROM volunteers v JOIN volunteers_workshop_lnk l ON l.volunteer_id = v.id WHERE v.document_id = ANY($1::text[])',
      [documentIds],
    )
  ).rows.map((r) => Number(r.workshop_id));
const machinesOf = async (workshop: number): Promise<number> =>
  Number((await app.sql.query('SELECT count(*) AS n FROM machines m JOIN machines_workshop_lnk l ON l.machine_id = m.id WHERE l.workshop_id = $1', [workshop])).rows[0].n);

// Brest's records (the demo's default workshop) and Morlaix's.
let b: { received: Unit; ready: Unit; prescription: string; part: string; vol: { documentId: string; badge: string }; candidate: { documentId: string }; present: { documentId: string } };
let m: { received: Unit; other: Unit; ready: Unit; prescription: string; part: string; vol: { documentId: string; badge: string }; candidate: { documentId: string } };

/** What Morlaix's staff must never change: every Brest record the test aims at, read in SQL. */
async function brestState(): Promise<string> {
  const docs = [b.received.documentId, b.ready.documentId, b.prescription];
  const q = async (sql: string, params: unknown[]) => (await app.sql.query(sql, params)).rows;
  return JSON.stringify({
    stages: await q('SELECT document_id, pipeline_stage FROM machines WHERE document_id = ANY($1::text[]) UNION ALL SELECT document_id, pipeline_stage FROM prescriptions WHERE document_id = $2 ORDER BY 1', [
      docs.slice(0, 2),
      b.prescription,
    ]),
    reserved: await q('SELECT m.document_id, l.prescription_id FROM machines m LEFT JOIN machines_prescription_lnk l ON l.machine_id = m.id WHERE m.document_id = ANY($1::text[]) ORDER BY 1', [
      docs.slice(0, 2),
    ]),
    events: await q('SELECT subject_id, count(*) FROM sv_pipeline_events WHERE subject_id = ANY($1::text[]) GROUP BY 1 ORDER BY 1', [docs]),
    erasures: await q('SELECT count(*) FROM sv_pipeline_erasures WHERE machine_document_id = ANY($1::text[])', [docs]),
    checklists: await q('SELECT count(*) FROM sv_pipeline_checklist_results WHERE subject_id = ANY($1::text[])', [docs]),
    devices: await q(
      `SELECT d.document_id, d.state FROM storage_devices d JOIN storage_devices_machine_lnk l ON l.storage_device_id = d.id JOIN machines mm ON mm.id = l.machine_id
        WHERE mm.document_id = ANY($1::text[]) ORDER BY 1`,
      [docs.slice(0, 2)],
    ),
    part: await q('SELECT quantity_on_hand FROM parts WHERE document_id = $1', [b.part]),
    volunteers: await q('SELECT document_id, membership, end_date FROM volunteers WHERE document_id = ANY($1::text[]) ORDER BY 1', [[b.vol.documentId, b.candidate.documentId, b.present.documentId]]),
    presences: await q(
      `SELECT p.id, p.signed_out_at FROM volunteer_presences p JOIN volunteer_presences_volunteer_lnk l ON l.volunteer_presence_id = p.id JOIN volunteers v ON v.id = l.volunteer_id
        WHERE v.document_id = ANY($1::text[]) ORDER BY 1`,
      [[b.vol.documentId, b.present.documentId]],
    ),
  });
}

/** Calls a route that must be refused and must change nothing of Brest's. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- supertest's body is any
type Answer = { status: number; body: any };

async function refused(route: string, call: () => Promise<Answer>, statuses: number[] = [404]): Promise<Answer> {
  const before = await brestState();
  const res = await call();
  leak(route, statuses.includes(res.status), `answered ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
  leak(`${route} (SQL)`, (await brestState()) === before, 'changed Brest records');
  return res;
}

beforeAll(async () => {
  app = await startApp('demo');
  f = fixtures(app);
  brest = await defaultWorkshop(app);
  morlaix = await createWorkshop(app, { name: 'Atelier de Morlaix', commune: 'Morlaix', code: 'MO', postalCodes: '29600' });
  admin = await adminToken(app);
  coordBrest = (await memberToken(app, 'seconde-vie-coordination', 'coord.brest@seconde-vie.test', [brest.id])).token;
  coordMorlaix = (await memberToken(app, 'seconde-vie-coordination', 'coord.morlaix@seconde-vie.test', [morlaix.id])).token;
  atelierMorlaix = (await memberToken(app, 'seconde-vie-atelier', 'atelier.morlaix@seconde-vie.test', [morlaix.id])).token;
  reseau = (await memberToken(app, 'seconde-vie-reseau', 'reseau@seconde-vie.test', [])).token;
  mover = await memberToken(app, 'seconde-vie-atelier', 'mover@seconde-vie.test', [brest.id]);

  b = {
    received: await unit(brest.id, ['NETBREST0001']),
    ready: await unit(brest.id, ['NETBREST0002'], 'ready'),
    prescription: await prescription(brest.id, 'accepted'),
    part: await part(brest.id, 'Écran Brest'),
    vol: await volunteer(brest.id, 'Bénévole Brest', { pin: '4821' }),
    candidate: await volunteer(brest.id, 'Candidat Brest', { membership: 'candidate' }),
    present: await volunteer(brest.id, 'Présent Brest'),
  };
  m = {
    received: await unit(morlaix.id, ['NETMORLX0001']),
    other: await unit(morlaix.id, ['NETMORLX0002']),
    ready: await unit(morlaix.id, ['NETMORLX0003'], 'ready'),
    prescription: await prescription(morlaix.id, 'accepted'),
    part: await part(morlaix.id, 'Écran Morlaix'),
    vol: await volunteer(morlaix.id, 'Bénévole Morlaix', { pin: '7315' }),
    candidate: await volunteer(morlaix.id, 'Candidat Morlaix', { membership: 'candidate' }),
  };
  // Morlaix's coordinator records erasures: a Morlaix volunteer with the skill, linked to the account.
  const coordUser = (await app.strapi.db.query('admin::user').findOne({ where: { email: 'coord.morlaix@seconde-vie.test' } })) as { id: number };
  const trained = await volunteer(morlaix.id, 'Coordinatrice Morlaix', { adminUser: coordUser.id });
  await grantSkill(app, trained.documentId, 'erasure');
  // A Brest volunteer signed in by Brest's coordination: Morlaix's station must not list them.
  await post(coordBrest, '/presences/sign-in', { volunteer: b.present.documentId }).expect(201);
  expect(await workshopOfMachines([m.received.documentId, m.ready.documentId])).toEqual([morlaix.id]);
  expect(await workshopOfMachines([b.received.documentId, b.ready.documentId])).toEqual([brest.id]);
}, 240_000);

afterAll(async () => {
  await app?.stop();
});

beforeEach(() => {
  leaks.length = 0;
});

describe('the pipeline routes in a network of workshops', () => {
  it('board: counts, waiting lists and erasure gaps of my workshops only; « Réseau » sees all', async () => {
    const [morlaixCount, brestCount] = [await machinesOf(morlaix.id), await machinesOf(brest.id)];
    const mine = await get(coordMorlaix, '/board/machines').expect(200);
    leak('GET /board/machines (Morlaix total)', mine.body.data.total === morlaixCount, { got: mine.body.data.total, want: morlaixCount });
    const waiting = mine.body.data.waitingLongest.map((w: { documentId: string }) => w.documentId);
    leak('GET /board/machines (waitingLongest)', waiting.length === 0 || (await workshopOfMachines(waiting)).every((id) => id === morlaix.id), waiting);
    leak('GET /board/machines (erasureGaps)', mine.body.data.erasureGaps.checked <= morlaixCount, mine.body.data.erasureGaps);
    const brestBoard = await get(coordBrest, '/board/machines').expect(200);
    leak('GET /board/machines (Brest total)', brestBoard.body.data.total === brestCount, { got: brestBoard.body.data.total, want: brestCount });
    const all = await get(reseau, '/board/machines').expect(200);
    const everything = Number((await app.sql.query('SELECT count(*) AS n FROM machines')).rows[0].n);
    leak('GET /board/machines (Réseau total)', all.body.data.total === everything, { got: all.body.data.total, want: everything });
    const prescriptions = await get(coordMorlaix, '/board/prescriptions').expect(200);
    const morlaixPrescriptions = Number(
      (await app.sql.query('SELECT count(*) AS n FROM prescriptions_workshop_lnk WHERE workshop_id = $1', [morlaix.id])).rows[0].n,
    );
    leak('GET /board/prescriptions (Morlaix total)', prescriptions.body.data.total === morlaixPrescriptions, { got: prescriptions.body.data.total, want: morlaixPrescriptions });
    expect(leaks).toEqual([]);
  });

  it('machines by label, records, verify: 404 for another workshop, as for an unknown one', async () => {
    const foreign = await refused('GET /machines/by-label (Brest label)', () => get(coordMorlaix, `/machines/by-label/${b.received.labelCode}`));
    leak('GET /machines/by-label (message)', foreign.body.error?.message === `Aucune machine avec l'étiquette ${b.received.labelCode}.`, foreign.body.error?.message);
    await refused('GET /machines/by-label (Morlaix label as Brest)', () => get(coordBrest, `/machines/by-label/${m.received.labelCode}`));
    leak('GET /machines/by-label (own)', (await get(coordMorlaix, `/machines/by-label/${m.received.labelCode}`)).status === 200);
    leak('GET /machines/by-label (Réseau)', (await get(reseau, `/machines/by-label/${m.received.labelCode}`)).status === 200);

    await refused('GET /records/machines/:id', () => get(coordMorlaix, `/records/machines/${b.received.documentId}`));
    await refused('GET /records/machines/:id (as Brest)', () => get(coordBrest, `/records/machines/${m.received.documentId}`));
    await refused('GET /records/prescriptions/:id', () => get(coordMorlaix, `/records/prescriptions/${b.prescription}`));
    await refused('GET /records/machines/:id/verify', () => get(coordMorlaix, `/records/machines/${b.received.documentId}/verify`));
    await refused('GET /records/prescriptions/:id/verify', () => get(coordMorlaix, `/records/prescriptions/${b.prescription}/verify`));
    leak('GET /records/machines/:id (own)', (await get(coordMorlaix, `/records/machines/${m.received.documentId}`)).status === 200);
    leak('GET /records/machines/:id/verify (own)', (await get(atelierMorlaix, `/records/machines/${m.received.documentId}/verify`)).status === 200);
    leak('GET /records/machines/:id (Réseau)', (await get(reseau, `/records/machines/${b.received.documentId}`)).status === 200);
    expect(leaks).toEqual([]);
  });

  it('transitions, checklists, bulk moves: another workshop\'s record is not found and does not move', async () => {
    await refused('POST /records/machines/:id/transitions', () => post(coordMorlaix, `/records/machines/${b.received.documentId}/transitions`, { to: 'sorting' }));
    await refused('POST /records/machines/:id/transitions (atelier)', () => post(atelierMorlaix, `/records/machines/${b.received.documentId}/transitions`, { to: 'sorting' }));
    await refused('POST /records/prescriptions/:id/transitions', () => post(coordMorlaix, `/records/prescriptions/${b.prescription}/transitions`, { to: 'refused' }));
    await refused('POST /records/machines/:id/checklists', () =>
      post(coordMorlaix, `/records/machines/${b.received.documentId}/checklists`, { stage: 'testing', items: { boots: true, memory: true, disk_smart: true } }),
    );
    const bulk = await refused('POST /bulk-transitions', () => post(coordMorlaix, '/bulk-transitions', { workflow: 'machines', documentIds: [m.other.documentId, b.received.documentId], to: 'sorting' }), [200]);
    const results = (bulk.body.data?.results ?? []) as Array<{ documentId: string; ok: boolean; status: number }>;
    leak('POST /bulk-transitions (foreign reported as not found)', results.some((r) => r.documentId === b.received.documentId && !r.ok && r.status === 404), results);
    leak('POST /bulk-transitions (own moved)', (await f.stageOf('machines', m.other.documentId)) === 'sorting', results);

    leak('POST /records/machines/:id/transitions (own)', (await post(coordMorlaix, `/records/machines/${m.received.documentId}/transitions`, { to: 'sorting' })).status === 200);
    leak(
      'POST /records/machines/:id/checklists (own)',
      (await post(coordMorlaix, `/records/machines/${m.received.documentId}/checklists`, { stage: 'testing', items: { boots: true, memory: true, disk_smart: true } })).status === 201,
    );
    expect(leaks).toEqual([]);
  });

  it('erasures, nwipe import, erasure status, devices, removal, attestation: my machines only', async () => {
    const device = b.received.devices[0].documentId;
    await refused('POST /machines/:id/erasures', () =>
      post(coordMorlaix, `/machines/${b.received.documentId}/erasures`, { deviceDocumentId: device, method: 'overwrite', passes: 1, tool: 'nwipe', result: 'success' }),
    );
    await refused('POST /erasures/nwipe (Brest machine named)', () => post(coordMorlaix, '/erasures/nwipe', { log: LOG, machine: b.received.documentId }));
    // The log holds a Brest disk and a Morlaix disk: only Morlaix's is recorded, Brest's stays unmatched.
    const nwipe = await refused('POST /erasures/nwipe (log with a Brest disk)', () => post(coordMorlaix, '/erasures/nwipe', { log: LOG }), [201]);
    const recorded = (nwipe.body.data?.recorded ?? []) as Array<{ machineDocumentId: string }>;
    leak('POST /erasures/nwipe (only my machine recorded)', recorded.length === 1 && recorded[0].machineDocumentId === m.received.documentId, nwipe.body.data);
    await refused('GET /machines/:id/erasure-status', () => get(coordMorlaix, `/machines/${b.received.documentId}/erasure-status`));
    await refused('POST /machines/:id/devices', () => post(coordMorlaix, `/machines/${b.received.documentId}/devices`, { interface: 'sata', serial: 'NETINTRUDER1', capacityGb: 250 }));
    await refused('POST /machines/:id/devices/:device/removal', () =>
      post(coordMorlaix, `/machines/${b.received.documentId}/devices/${device}/removal`, { reason: 'Disque retiré pour test', destination: 'destroyed' }),
    );
    await refused('POST /machines/:id/no-storage-attestation', () => post(coordMorlaix, `/machines/${b.ready.documentId}/no-storage-attestation`, { note: 'rien' }));

    leak('GET /machines/:id/erasure-status (own)', (await get(coordMorlaix, `/machines/${m.received.documentId}/erasure-status`)).status === 200);
    const added = await post(coordMorlaix, `/machines/${m.other.documentId}/devices`, { interface: 'sata', serial: 'NETMORLX0009', capacityGb: 250 });
    leak('POST /machines/:id/devices (own)', added.status === 201, added.body);
    leak(
      'POST /machines/:id/erasures (own)',
      (await post(coordMorlaix, `/machines/${m.other.documentId}/erasures`, { deviceSerial: 'NETMORLX0002', method: 'overwrite', passes: 1, tool: 'nwipe', result: 'success' })).status === 201,
    );
    expect(leaks).toEqual([]);
  });

  it('parts: a part of the machine\'s workshop and of mine only', async () => {
    const qty = async (documentId: string) => Number((await app.sql.query('SELECT quantity_on_hand FROM parts WHERE document_id = $1', [documentId])).rows[0].quantity_on_hand);
    const morlaixBefore = await qty(m.part);
    await refused('POST /machines/:id/parts (Brest part on my machine)', () => post(coordMorlaix, `/machines/${m.ready.documentId}/parts`, { part: b.part, quantity: 1 }));
    await refused('POST /machines/:id/parts (my part on a Brest machine)', () => post(coordMorlaix, `/machines/${b.ready.documentId}/parts`, { part: m.part, quantity: 1 }));
    await refused('POST /machines/:id/parts (Morlaix part on a Brest machine, as Brest)', () => post(coordBrest, `/machines/${b.ready.documentId}/parts`, { part: m.part, quantity: 1 }));
    await refused('POST /machines/:id/parts (super-admin, parts of two workshops)', () => post(admin, `/machines/${b.ready.documentId}/parts`, { part: m.part, quantity: 1 }));
    leak('POST /machines/:id/parts (Morlaix stock untouched)', (await qty(m.part)) === morlaixBefore);
    const own = await post(coordMorlaix, `/machines/${m.ready.documentId}/parts`, { part: m.part, quantity: 1 });
    leak('POST /machines/:id/parts (own)', own.status === 200 && (await qty(m.part)) === morlaixBefore - 1, own.body);
    expect(leaks).toEqual([]);
  });

  it('prescription matches: only units and stock of the prescription\'s workshop; a reservation stays in it', async () => {
    await refused('GET /prescriptions/:id/matches (Brest prescription)', () => get(coordMorlaix, `/prescriptions/${b.prescription}/matches`));
    const brestMatches = await get(coordBrest, `/prescriptions/${b.prescription}/matches?q=${m.ready.labelCode}`).expect(200);
    const listed = brestMatches.body.data.matches.map((x: { machine: { documentId: string } }) => x.machine.documentId);
    leak('GET /prescriptions/:id/matches (Brest lists no Morlaix unit)', !listed.includes(m.ready.documentId) && brestMatches.body.data.total > 0, listed.length);
    leak('GET /prescriptions/:id/matches (search)', (brestMatches.body.data.search?.machines ?? []).length === 0, brestMatches.body.data.search);
    const asAdmin = await get(admin, `/prescriptions/${m.prescription}/matches`).expect(200);
    const adminListed = asAdmin.body.data.matches.map((x: { machine: { documentId: string } }) => x.machine.documentId);
    leak('GET /prescriptions/:id/matches (super-admin, Morlaix prescription)', adminListed.length > 0 && (await workshopOfMachines(adminListed)).every((id) => id === morlaix.id), adminListed);
    leak('GET /prescriptions/:id/matches (Morlaix stock only)', asAdmin.body.data.stock.flat_screen === 4, asAdmin.body.data.stock);

    await refused('POST prescription → machine_reserved with a Brest unit (super-admin)', () =>
      post(admin, `/records/prescriptions/${m.prescription}/transitions`, { to: 'machine_reserved', machine: b.ready.documentId }),
    );
    leak('reservation (Morlaix prescription unchanged)', (await f.stageOf('prescriptions', m.prescription)) === 'accepted');
    await refused('POST prescription → machine_reserved with a Brest unit (Morlaix)', () =>
      post(coordMorlaix, `/records/prescriptions/${m.prescription}/transitions`, { to: 'machine_reserved', machine: b.ready.documentId }),
    );
    await post(coordMorlaix, `/machines/${m.ready.documentId}/erasures`, { deviceSerial: 'NETMORLX0003', method: 'overwrite', passes: 1, tool: 'nwipe', result: 'success' }).expect(201);
    await post(coordMorlaix, `/records/machines/${m.ready.documentId}/checklists`, { stage: 'testing', items: { boots: true, memory: true, disk_smart: true } }).expect(201);
    const own = await post(coordMorlaix, `/records/prescriptions/${m.prescription}/transitions`, { to: 'machine_reserved', machine: m.ready.documentId });
    leak('reservation (own)', own.status === 200 && (await f.stageOf('machines', m.ready.documentId)) === 'reserved', own.body);
    expect(leaks).toEqual([]);
  });

  it('station operator: a badge or PIN of another workshop\'s volunteer is refused as an unknown one', async () => {
    const listed = (await get(atelierMorlaix, '/station/operator').expect(200)).body.data.volunteers.map((v: { documentId: string }) => v.documentId);
    leak('GET /station/operator (volunteers of my workshops)', !listed.includes(b.vol.documentId) && listed.includes(m.vol.documentId), listed);
    const badge = await refused('POST /station/operator (Brest badge)', () => post(atelierMorlaix, '/station/operator', { badge: b.vol.badge }), [403]);
    const unknown = await post(atelierMorlaix, '/station/operator', { badge: 'BV-ZZZZ-ZZZZ' });
    leak('POST /station/operator (same refusal as unknown)', badge.body.error?.message === unknown.body.error?.message, [badge.body.error, unknown.body.error]);
    await refused('POST /station/operator (Brest PIN)', () => post(atelierMorlaix, '/station/operator', { volunteer: b.vol.documentId, pin: '4821' }), [403]);
    const own = await post(atelierMorlaix, '/station/operator', { badge: m.vol.badge });
    leak('POST /station/operator (own badge)', own.status === 201 && own.body.data.operator.volunteer === m.vol.documentId, own.body);
    leak('DELETE /station/operator', (await app.http().delete('/pipeline/station/operator').set(bearer(atelierMorlaix))).status === 200);
    expect(leaks).toEqual([]);
  });

  it('presences: current, sign-in, sign-out for my workshops\' volunteers only', async () => {
    const current = (await get(atelierMorlaix, '/presences/current').expect(200)).body.data;
    const named = [...current.present, ...current.toRegularise].map((p: { volunteer: string }) => p.volunteer);
    leak('GET /presences/current (present)', !named.includes(b.present.documentId), named);
    const team = current.team.map((v: { documentId: string }) => v.documentId);
    leak('GET /presences/current (team)', team.length > 0 && (await workshopOfVolunteers(team)).every((id) => id === morlaix.id), team.length);
    await refused('POST /presences/sign-in (Brest volunteer)', () => post(atelierMorlaix, '/presences/sign-in', { volunteer: b.vol.documentId }), [400, 404]);
    await refused('POST /presences/sign-out (Brest volunteer present)', () => post(atelierMorlaix, '/presences/sign-out', { volunteer: b.present.documentId }), [400, 404]);
    leak('POST /presences/sign-in (own)', (await post(atelierMorlaix, '/presences/sign-in', { volunteer: m.vol.documentId })).status === 201);
    leak('POST /presences/sign-out (own)', (await post(atelierMorlaix, '/presences/sign-out', { volunteer: m.vol.documentId })).status === 200);
    expect(leaks).toEqual([]);
  });

  it('team: the board, welcome and departure for my workshops\' volunteers only', async () => {
    const board = (await get(coordMorlaix, '/team').expect(200)).body.data;
    const all = [...board.candidates, ...board.active, ...board.left].map((v: { documentId: string }) => v.documentId);
    leak('GET /team', all.length > 0 && (await workshopOfVolunteers(all)).every((id) => id === morlaix.id), all.length);
    await refused('POST /team/:id/welcome (Brest candidate)', () => post(coordMorlaix, `/team/${b.candidate.documentId}/welcome`));
    await refused('POST /team/:id/departure (Brest volunteer)', () => post(coordMorlaix, `/team/${b.vol.documentId}/departure`));
    leak('POST /team/:id/welcome (own)', (await post(coordMorlaix, `/team/${m.candidate.documentId}/welcome`)).status === 200);
    expect(leaks).toEqual([]);
  });

  it('home: my day on my workshops\' units only', async () => {
    // A member of Brest moves a Brest unit, then works for Morlaix only: that unit leaves their home page.
    await post(mover.token, `/records/machines/${b.received.documentId}/transitions`, { to: 'sorting' }).expect(200);
    const before = (await get(mover.token, '/home').expect(200)).body.data.myDay;
    leak('GET /home (own, as a Brest member)', before.units === 1 && before.recent[0]?.documentId === b.received.documentId, before);
    await app.strapi.db.query('api::workshop.workshop').update({ where: { id: brest.id }, data: { members: { disconnect: [mover.id] } } });
    await app.strapi.db.query('api::workshop.workshop').update({ where: { id: morlaix.id }, data: { members: { connect: [mover.id] } } });
    const after = (await get(mover.token, '/home').expect(200)).body.data.myDay;
    leak('GET /home (another workshop\'s unit)', after.units === 0 && after.recent.length === 0 && !after.events.transition, after);
    expect(leaks).toEqual([]);
  });

  it('« Réseau » reads every workshop\'s board and writes nothing (403)', async () => {
    const writes: Array<[string, () => Promise<Answer>]> = [
      ['transitions', () => post(reseau, `/records/machines/${b.ready.documentId}/transitions`, { to: 'recycled' })],
      ['checklists', () => post(reseau, `/records/machines/${b.ready.documentId}/checklists`, { stage: 'testing', items: { boots: true } })],
      ['bulk-transitions', () => post(reseau, '/bulk-transitions', { workflow: 'machines', documentIds: [b.ready.documentId], to: 'recycled' })],
      ['erasures', () => post(reseau, `/machines/${b.received.documentId}/erasures`, { deviceSerial: 'NETBREST0001', method: 'overwrite', result: 'success' })],
      ['nwipe', () => post(reseau, '/erasures/nwipe', { log: LOG })],
      ['devices', () => post(reseau, `/machines/${b.received.documentId}/devices`, { interface: 'sata', serial: 'NETRESEAU01' })],
      ['removal', () => post(reseau, `/machines/${b.received.documentId}/devices/${b.received.devices[0].documentId}/removal`, { reason: 'x', destination: 'destroyed' })],
      ['no-storage-attestation', () => post(reseau, `/machines/${b.ready.documentId}/no-storage-attestation`, {})],
      ['parts', () => post(reseau, `/machines/${b.ready.documentId}/parts`, { part: b.part })],
      ['station operator', () => post(reseau, '/station/operator', { badge: b.vol.badge })],
      ['presences sign-in', () => post(reseau, '/presences/sign-in', { volunteer: b.vol.documentId })],
      ['team welcome', () => post(reseau, `/team/${b.candidate.documentId}/welcome`)],
      ['workflow settings', () => app.http().put('/pipeline/workflows/machines').set(bearer(reseau)).send({})],
    ];
    for (const [name, call] of writes) await refused(`Réseau ${name}`, call, [403]);
    leak('Réseau GET /board/machines', (await get(reseau, '/board/machines')).status === 200);
    expect(leaks).toEqual([]);
  });
});

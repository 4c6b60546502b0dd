import { startApp, type TestApp } from '../helpers/app';
import { createWorkshop, defaultWorkshop, memberToken } from '../helpers/network';
import { WORKSHOP_PATH } from '../../src/shared/server/workshops';

/**
 * The access matrix of the content manager in a network (docs/network.md, « Qui voit quoi »): for
 * every type that belongs to a workshop, staff of Morlaix against Brest's records — list, one
 * record, update, delete, bulk delete, filters, populated relations, relation pickers — and the
 * reverse on Morlaix's units; « Réseau » reads every workshop's records and writes none. Every
 * refusal is checked in SQL: nothing changed. Leaks are collected and must be none.
 */
let app: TestApp;
let brest: { id: number; documentId: string };
let morlaix: { id: number; documentId: string };
const jwt: Record<string, string> = {};
const CM = '/content-manager/collection-types';
const TYPES = Object.keys(WORKSHOP_PATH);

beforeAll(async () => {
  app = await startApp('demo');
  brest = await defaultWorkshop(app);
  morlaix =
    ((await app.strapi.db.query('api::workshop.workshop').findOne({ where: { code: 'MX' } })) as { id: number; documentId: string } | null) ??
    (await createWorkshop(app, { name: 'Atelier du Pays de Morlaix', commune: 'Morlaix', code: 'MX' }));
  jwt.morlaix = (await memberToken(app, 'seconde-vie-coordination', 'cm-coordination@morlaix.test', [morlaix.id])).token;
  jwt.atelierMorlaix = (await memberToken(app, 'seconde-vie-atelier', 'cm-atelier@morlaix.test', [morlaix.id])).token;
  jwt.brest = (await memberToken(app, 'seconde-vie-coordination', 'cm-coordination@brest.test', [brest.id])).token;
  jwt.reseau = (await memberToken(app, 'seconde-vie-reseau', 'cm-reseau@ordi-solidaire.test', [])).token;
  // Morlaix has at least one unit (the demo's screens from Brest, or one made here).
  const has = await app.sql.query('SELECT count(*)::int n FROM machines_workshop_lnk WHERE workshop_id = $1', [morlaix.id]);
  if (has.rows[0].n === 0) await app.strapi.documents('api::machine.machine').create({ data: { type: 'screen', brand: 'Dell', model: 'P2214H', workshop: morlaix.id } as never });
});

afterAll(async () => app?.stop());

const as = (who: string) => ({ Authorization: `Bearer ${jwt[who]}` });

/** Each record's workshop id, by the type's path to its workshop (from the database, not the API). */
async function owners(uid: string, ids: number[]): Promise<Map<number, number | null>> {
  const path = WORKSHOP_PATH[uid];
  if (path === '') return new Map(ids.map((id) => [id, id]));
  const keys = path.split('.');
  let populate: Record<string, unknown> = { select: ['id'] };
  for (let i = keys.length - 1; i >= 1; i -= 1) populate = { select: ['id'], populate: { [keys[i]]: populate } };
  const rows = (await app.strapi.db.query(uid as never).findMany({ where: { id: { $in: ids } }, select: ['id'], populate: { [keys[0]]: populate } })) as Array<Record<string, unknown>>;
  return new Map(
    rows.map((r) => {
      let v: unknown = r;
      for (const k of keys) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : null;
      return [r.id as number, v && typeof v === 'object' ? ((v as { id: number }).id ?? null) : null];
    }),
  );
}

/** A record of `uid` that belongs to `workshop`, with its row as stored. */
async function recordOf(uid: string, workshop: number): Promise<{ id: number; documentId: string; updatedAt: string } | null> {
  const rows = (await app.strapi.db.query(uid as never).findMany({ select: ['id', 'documentId', 'updatedAt'], limit: 2000, orderBy: { id: 'asc' } })) as Array<{ id: number; documentId: string; updatedAt: string }>;
  const own = await owners(uid, rows.map((r) => r.id));
  return rows.find((r) => own.get(r.id) === workshop) ?? null;
}

async function snapshot(uid: string, id: number): Promise<string> {
  const row = await app.strapi.db.query(uid as never).findOne({ where: { id } });
  return JSON.stringify(row);
}

describe('staff of Morlaix against Brest’s records, for every type that belongs to a workshop', () => {
  it('lists, reads, filters, populates and picks only Morlaix’s records', async () => {
    const leaks: string[] = [];
    for (const uid of TYPES) {
      for (const who of ['morlaix', 'atelierMorlaix']) {
        const list = await app.http().get(`${CM}/${uid}?page=1&pageSize=100`).set(as(who));
        if (list.status === 403) continue; // the role does not read this type at all
        if (list.status !== 200) {
          leaks.push(`${who} ${uid} list: ${list.status}`);
          continue;
        }
        const results = list.body.results as Array<Record<string, unknown>>;
        const own = await owners(uid, results.map((r) => r.id as number));
        for (const r of results) if (own.get(r.id as number) !== morlaix.id) leaks.push(`${who} ${uid} list shows ${r.documentId} of workshop ${own.get(r.id as number)}`);
        // Populated relations: every related record of a type that belongs to a workshop is Morlaix’s.
        const model = app.strapi.getModel(uid as never) as { attributes: Record<string, { type: string; target?: string }> };
        for (const r of results) {
          for (const [name, attribute] of Object.entries(model.attributes)) {
            if (attribute.type !== 'relation' || !attribute.target || WORKSHOP_PATH[attribute.target] === undefined) continue;
            const related = ([] as unknown[]).concat(r[name] ?? []).filter((v): v is { id: number } => !!v && typeof v === 'object' && 'id' in (v as object));
            const relOwners = await owners(attribute.target, related.map((v) => v.id));
            for (const v of related) if (relOwners.get(v.id) != null && relOwners.get(v.id) !== morlaix.id) leaks.push(`${who} ${uid}.${name} populates ${attribute.target} #${v.id}`);
          }
        }
        // A filter naming Brest finds nothing.
        const path = WORKSHOP_PATH[uid];
        const filter = path === '' ? `filters[id][$eq]=${brest.id}` : `filters${path.split('.').map((k) => `[${k}]`).join('')}[id][$eq]=${brest.id}`;
        const filtered = await app.http().get(`${CM}/${uid}?page=1&pageSize=10&${filter}`).set(as(who));
        if (filtered.status === 200 && filtered.body.results.length > 0) leaks.push(`${who} ${uid} filter on Brest: ${filtered.body.results.length}`);
        // One Brest record: not read.
        const theirs = await recordOf(uid, brest.id);
        if (theirs) {
          const one = await app.http().get(`${CM}/${uid}/${theirs.documentId}`).set(as(who));
          if (one.status === 200 && one.body.data && Object.keys(one.body.data).length > 0) leaks.push(`${who} ${uid} reads Brest's ${theirs.documentId}`);
        }
        // Relation pickers of this type: only Morlaix’s records (or shared ones).
        for (const [name, attribute] of Object.entries(model.attributes)) {
          if (attribute.type !== 'relation' || !attribute.target || WORKSHOP_PATH[attribute.target] === undefined) continue;
          const picker = await app.http().get(`/content-manager/relations/${uid}/${name}?pageSize=100`).set(as(who));
          if (picker.status !== 200) continue;
          const picked = picker.body.results as Array<{ id: number }>;
          const pickedOwners = await owners(attribute.target, picked.map((p) => p.id));
          for (const p of picked) if (pickedOwners.get(p.id) !== morlaix.id) leaks.push(`${who} ${uid}.${name} picker offers ${attribute.target} #${p.id}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('updates, deletes and bulk-deletes none of Brest’s records, and moves none of its own to Brest', async () => {
    const leaks: string[] = [];
    for (const uid of TYPES) {
      const theirs = await recordOf(uid, brest.id);
      if (!theirs) continue;
      const before = await snapshot(uid, theirs.id);
      const update = await app.http().put(`${CM}/${uid}/${theirs.documentId}`).set(as('morlaix')).send({});
      const del = await app.http().delete(`${CM}/${uid}/${theirs.documentId}`).set(as('morlaix'));
      const bulk = await app.http().post(`${CM}/${uid}/actions/bulkDelete`).set(as('morlaix')).send({ documentIds: [theirs.documentId] });
      if (update.status < 400) leaks.push(`${uid} update ${update.status}`);
      if (del.status < 400) leaks.push(`${uid} delete ${del.status}`);
      if (bulk.status < 400 && bulk.body?.data?.count) leaks.push(`${uid} bulkDelete ${bulk.body.data.count}`);
      if ((await snapshot(uid, theirs.id)) !== before) leaks.push(`${uid} changed in SQL`);
    }
    // Morlaix’s own unit: not given to Brest, not linked to a Brest donation.
    const mine = (await recordOf('api::machine.machine', morlaix.id))!;
    const brestDonation = (await recordOf('api::donation.donation', brest.id))!;
    const before = await snapshot('api::machine.machine', mine.id);
    const move = await app.http().put(`${CM}/api::machine.machine/${mine.documentId}`).set(as('morlaix')).send({ workshop: { connect: [{ id: brest.id }] } });
    const link = await app.http().put(`${CM}/api::machine.machine/${mine.documentId}`).set(as('morlaix')).send({ donation: { connect: [{ id: (await app.strapi.db.query('api::donation.donation').findOne({ where: { documentId: brestDonation.documentId } })).id }] } });
    for (const [what, res] of [['move', move], ['link', link]] as const) {
      if (res.status !== 400 || !/autre atelier du réseau/.test(res.body.error?.message ?? '')) leaks.push(`machine ${what}: ${res.status} ${res.body.error?.message}`);
    }
    if ((await snapshot('api::machine.machine', mine.id)) !== before) leaks.push('Morlaix unit changed in SQL');
    // A record created by Morlaix is Morlaix’s, whatever it names.
    const created = await app.http().post(`${CM}/api::part.part`).set(as('morlaix')).send({ category: 'ram', description: 'Barrette 4 Go DDR3', quantityOnHand: 2 });
    if (created.status !== 201) leaks.push(`part create ${created.status}`);
    else if ((await owners('api::part.part', [created.body.data.id])).get(created.body.data.id) !== morlaix.id) leaks.push('created part not Morlaix’s');
    const forBrest = await app.http().post(`${CM}/api::part.part`).set(as('morlaix')).send({ category: 'ram', description: 'Pour Brest', quantityOnHand: 1, workshop: { connect: [{ id: brest.id }] } });
    if (forBrest.status !== 400) leaks.push(`part created for Brest: ${forBrest.status}`);
    const count = await app.sql.query(`SELECT count(*)::int n FROM parts WHERE description = 'Pour Brest'`);
    if (count.rows[0].n !== 0) leaks.push('a part for Brest was written');
    expect(leaks).toEqual([]);
  });

  it('and Brest’s staff do not reach Morlaix’s units either', async () => {
    const mine = (await recordOf('api::machine.machine', morlaix.id))!;
    expect((await app.http().get(`${CM}/api::machine.machine/${mine.documentId}`).set(as('brest'))).status).toBe(403);
    expect((await app.http().put(`${CM}/api::machine.machine/${mine.documentId}`).set(as('brest')).send({ notes: 'x' })).status).toBe(403);
    const list = await app.http().get(`${CM}/api::machine.machine?page=1&pageSize=10&filters[labelCode][$eq]=${encodeURIComponent((await app.strapi.db.query('api::machine.machine').findOne({ where: { id: mine.id } })).labelCode)}`).set(as('brest'));
    expect(list.body.results).toEqual([]);
  });
});

describe('« Réseau »', () => {
  it('reads every workshop’s records (no household, no one’s contact details) and writes none', async () => {
    const problems: string[] = [];
    for (const uid of TYPES) {
      const list = await app.http().get(`${CM}/${uid}?page=1&pageSize=1`).set(as('reseau'));
      const total = await app.strapi.db.query(uid as never).count({});
      if (['api::household.household', 'api::volunteer-presence.volunteer-presence', 'api::skill-grant.skill-grant'].includes(uid)) {
        if (list.status !== 403) problems.push(`${uid} readable: ${list.status}`);
        continue;
      }
      if (list.status !== 200 || list.body.pagination.total !== total) problems.push(`${uid} list ${list.status} ${list.body.pagination?.total} ≠ ${total}`);
      const one = await recordOf(uid, brest.id);
      if (one) {
        const before = await snapshot(uid, one.id);
        const update = await app.http().put(`${CM}/${uid}/${one.documentId}`).set(as('reseau')).send({});
        const del = await app.http().delete(`${CM}/${uid}/${one.documentId}`).set(as('reseau'));
        if (update.status !== 403 || del.status !== 403) problems.push(`${uid} write ${update.status}/${del.status}`);
        if ((await snapshot(uid, one.id)) !== before) problems.push(`${uid} changed`);
      }
      const create = await app.http().post(`${CM}/${uid}`).set(as('reseau')).send({});
      if (create.status !== 403) problems.push(`${uid} create ${create.status}`);
    }
    const volunteer = await app.http().get(`${CM}/api::volunteer.volunteer?page=1&pageSize=5`).set(as('reseau'));
    for (const v of volunteer.body.results ?? []) for (const field of ['email', 'phone', 'notes', 'badgeCode']) if (field in v) problems.push(`volunteer.${field} readable`);
    expect(problems).toEqual([]);
  });
});

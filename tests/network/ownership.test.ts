/**
 * Every record of a type that belongs to a workshop has one, whatever wrote it (docs/network.md,
 * « Qui voit quoi »): the demo's seeds, the plugins' services and a Query Engine write that names
 * none. A record without a workshop is invisible to every scoped role, and stripped of its fields
 * under another record, so the invariant is checked in SQL on the whole demo, then through each
 * writer the Document Service rule does not see (src/database/workshop-owner.ts).
 */
import { startApp, type TestApp } from '../helpers/app';
import { createWorkshop, defaultWorkshop } from '../helpers/network';
import { adminToken } from '../helpers/admin';
import { OWN_WORKSHOP_TYPES } from '../../src/shared/server/workshops';

let app: TestApp;
let brest: { id: number };
let morlaix: { id: number; documentId: string };

interface Meta {
  tableName: string;
  attributes: { workshop: { joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } } } };
}

beforeAll(async () => {
  app = await startApp('demo');
  brest = await defaultWorkshop(app);
  morlaix = await createWorkshop(app, { name: 'Atelier de Morlaix', commune: 'Morlaix', code: 'MO' });
});

afterAll(async () => app?.stop());

const meta = (uid: string) => app.strapi.db.metadata.get(uid) as unknown as Meta;

/** The workshop of each of these rows (null: none), from the link table. */
async function workshopsOf(uid: string, ids: number[]): Promise<Array<number | null>> {
  const { tableName, attributes } = meta(uid);
  const { joinTable } = attributes.workshop;
  const { rows } = await app.sql.query(
    `SELECT t.id, l.${joinTable.inverseJoinColumn.name} AS workshop FROM ${tableName} t
       LEFT JOIN ${joinTable.name} l ON l.${joinTable.joinColumn.name} = t.id WHERE t.id = ANY($1) ORDER BY t.id`,
    [ids],
  );
  return rows.map((r: { workshop: number | null }) => r.workshop);
}

describe('the workshop of every record', () => {
  it('is set on every record of the demo, for every type that belongs to a workshop', async () => {
    const orphans: Record<string, number> = {};
    for (const uid of OWN_WORKSHOP_TYPES) {
      const { tableName, attributes } = meta(uid);
      const { joinTable } = attributes.workshop;
      const { rows } = await app.sql.query(
        `SELECT count(*)::int AS n FROM ${tableName} t WHERE NOT EXISTS (SELECT 1 FROM ${joinTable.name} l WHERE l.${joinTable.joinColumn.name} = t.id)`,
      );
      if (rows[0].n > 0) orphans[uid] = rows[0].n;
    }
    expect(orphans).toEqual({});
    // Not vacuous: the demo has records of most of these types.
    const { rows } = await app.sql.query('SELECT (SELECT count(*) FROM permanences)::int AS p, (SELECT count(*) FROM machines)::int AS m, (SELECT count(*) FROM trainings)::int AS t');
    expect(rows[0].p).toBeGreaterThan(0);
    expect(rows[0].m).toBeGreaterThan(1000);
    expect(rows[0].t).toBeGreaterThan(0);
  });

  it('is the default workshop for a Query Engine create that names none, and the named one otherwise', async () => {
    const q = app.strapi.db.query('api::training.training');
    const none = (await q.create({ data: { date: '2012-03-01', trainer: 'Sans atelier' } })) as { id: number };
    const named = (await q.create({ data: { date: '2012-03-02', trainer: 'Avec atelier', workshop: morlaix.id } })) as { id: number };
    expect(await workshopsOf('api::training.training', [none.id, named.id])).toEqual([brest.id, morlaix.id]);
  });

  it('is linked after a createMany, which writes no relation, in the caller’s transaction', async () => {
    const q = app.strapi.db.query('api::training.training');
    const { ids } = (await q.createMany({
      data: [
        { date: '2012-04-01', trainer: 'Lot A' },
        { date: '2012-04-02', trainer: 'Lot B', workshop: morlaix.id },
      ],
    })) as { ids: number[] };
    expect(await workshopsOf('api::training.training', ids)).toEqual([brest.id, morlaix.id]);

    // Undone with the transaction that wrote it: no row, no link left behind.
    const links = async () => Number((await app.sql.query(`SELECT count(*) AS n FROM ${meta('api::training.training').attributes.workshop.joinTable.name}`)).rows[0].n);
    const before = await links();
    await expect(
      app.strapi.db.transaction(async () => {
        await q.createMany({ data: [{ date: '2012-05-01', trainer: 'Annulé' }] });
        throw new Error('annulé');
      }),
    ).rejects.toThrow('annulé');
    expect(await links()).toBe(before);
    expect(Number((await app.sql.query(`SELECT count(*) AS n FROM trainings WHERE trainer = 'Annulé'`)).rows[0].n)).toBe(0);
  });

  it('is never taken away, not even by a super-admin in the content manager', async () => {
    const token = await adminToken(app);
    const unit = (await app.strapi.db.query('api::machine.machine').findOne({ where: { workshop: { id: brest.id } }, select: ['id', 'documentId'] })) as { id: number; documentId: string };
    const url = `/content-manager/collection-types/api::machine.machine/${unit.documentId}`;
    const brestDoc = (await app.strapi.db.query('api::workshop.workshop').findOne({ where: { id: brest.id }, select: ['documentId'] })) as { documentId: string };
    for (const workshop of [null, { disconnect: [{ documentId: brestDoc.documentId }], connect: [] }, { set: [] }]) {
      const res = await app.http().put(url).set('Authorization', `Bearer ${token}`).send({ workshop });
      expect({ workshop, status: res.status, message: res.body?.error?.message }).toEqual({ workshop, status: 400, message: expect.stringMatching(/appartient toujours à un atelier/) });
      expect(await workshopsOf('api::machine.machine', [unit.id])).toEqual([brest.id]);
    }
    // Moving it to another workshop is a super-admin's right (a transfer is the staff's way).
    const moved = await app.http().put(url).set('Authorization', `Bearer ${token}`).send({ workshop: { connect: [{ documentId: morlaix.documentId }] } });
    expect(moved.status).toBe(200);
    expect(await workshopsOf('api::machine.machine', [unit.id])).toEqual([morlaix.id]);
  });
});

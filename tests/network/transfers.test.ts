import { startApp, type TestApp } from '../helpers/app';
import { createWorkshop, defaultWorkshop, memberToken } from '../helpers/network';

/**
 * Transfers between the network's workshops (docs/network.md, « Transferts »): Brest gives flat
 * screens to Morlaix. One acceptance of twenty simultaneous ones wins; the units keep a valid chain
 * of custody naming both workshops; neither side moves them while the transfer is open; stock
 * counts on both sides equal SQL.
 */
let app: TestApp;
let brest: { id: number; documentId: string };
let morlaix: { id: number; documentId: string };
const tokens: Record<string, string> = {};
const auth = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });

beforeAll(async () => {
  app = await startApp('demo');
  brest = await defaultWorkshop(app);
  // The demo's Morlaix (code MX), or one made here.
  morlaix =
    ((await app.strapi.db.query('api::workshop.workshop').findOne({ where: { code: 'MX' } })) as { id: number; documentId: string } | null) ??
    (await createWorkshop(app, { name: 'Atelier du Pays de Morlaix', commune: 'Morlaix', code: 'MX', postalCodes: '29600, 29610' }));
  tokens.brest = (await memberToken(app, 'seconde-vie-coordination', 'coordination@brest.test', [brest.id])).token;
  tokens.morlaix = (await memberToken(app, 'seconde-vie-coordination', 'coordination@morlaix.test', [morlaix.id])).token;
  tokens.atelierMorlaix = (await memberToken(app, 'seconde-vie-atelier', 'atelier@morlaix.test', [morlaix.id])).token;
  tokens.reseau = (await memberToken(app, 'seconde-vie-reseau', 'reseau@ordi-solidaire.test', [])).token;
});

afterAll(async () => app?.stop());

/** Units per workshop and parts on hand per workshop, from SQL. */
async function stock(): Promise<Record<number, { units: number; parts: number }>> {
  const { rows } = await app.sql.query(
    `SELECT w.id, (SELECT count(*) FROM machines_workshop_lnk l WHERE l.workshop_id = w.id)::int AS units,
            (SELECT coalesce(sum(p.quantity_on_hand), 0) FROM parts p JOIN parts_workshop_lnk pl ON pl.part_id = p.id WHERE pl.workshop_id = w.id)::int AS parts
       FROM workshops w`,
  );
  return Object.fromEntries(rows.map((r: { id: number; units: number; parts: number }) => [r.id, { units: r.units, parts: r.parts }]));
}

async function brestScreens(count: number, offset = 0): Promise<Array<{ id: number; document_id: string; label_code: string }>> {
  const { rows } = await app.sql.query(
    `SELECT m.id, m.document_id, m.label_code FROM machines m JOIN machines_workshop_lnk l ON l.machine_id = m.id
      WHERE l.workshop_id = $1 AND m.pipeline_stage IN ('ready', 'testing', 'received', 'sorting', 'cleaning') ORDER BY (m.type = 'screen') DESC, m.id LIMIT $2 OFFSET $3`,
    [brest.id, count, offset],
  );
  return rows;
}

async function brestPart(): Promise<{ document_id: string; quantity_on_hand: number; category: string; description: string | null }> {
  const { rows } = await app.sql.query(
    `SELECT p.document_id, p.quantity_on_hand, p.category, p.description FROM parts p JOIN parts_workshop_lnk l ON l.part_id = p.id
      WHERE l.workshop_id = $1 AND p.quantity_on_hand >= 4 ORDER BY p.id LIMIT 1`,
    [brest.id],
  );
  return rows[0];
}

describe('a transfer of screens from Brest to Morlaix', () => {
  let transfer: string;
  let units: Array<{ id: number; document_id: string; label_code: string }>;
  let part: Awaited<ReturnType<typeof brestPart>>;
  let before: Awaited<ReturnType<typeof stock>>;

  it('is proposed by Brest, numbered, and seen by both workshops and the network, not by a third', async () => {
    units = await brestScreens(5);
    part = await brestPart();
    expect(units).toHaveLength(5);
    before = await stock();
    const res = await app
      .http()
      .post('/network/transfers')
      .set(auth('brest'))
      .send({ toWorkshop: morlaix.documentId, machines: units.map((u) => u.document_id), parts: [{ part: part.document_id, quantity: 3 }], notes: 'Écrans plats 22 pouces' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ state: 'proposed', from: { name: expect.any(String) }, to: { name: 'Atelier du Pays de Morlaix' } });
    expect(res.body.data.number).toMatch(/^TR-\d{4}-\d{3}$/);
    expect(res.body.data.steps).toEqual(['cancel']);
    transfer = res.body.data.documentId;
    const mine = await app.http().get('/network/transfers').set(auth('morlaix'));
    expect(mine.body.data.transfers.map((t: { documentId: string }) => t.documentId)).toContain(transfer);
    const theirs = (await app.http().get(`/network/transfers/${transfer}`).set(auth('morlaix'))).body.data;
    expect(theirs.steps).toEqual(['accept', 'refuse']);
    expect((await app.http().get(`/network/transfers/${transfer}`).set(auth('reseau'))).status).toBe(200);
    // A third workshop learns nothing of it.
    const quimper = await createWorkshop(app, { name: 'Atelier de Quimper', commune: 'Quimper' });
    const q = (await memberToken(app, 'seconde-vie-coordination', 'coordination@quimper.test', [quimper.id])).token;
    expect((await app.http().get(`/network/transfers/${transfer}`).set('Authorization', `Bearer ${q}`)).status).toBe(404);
    expect((await app.http().get('/network/transfers').set('Authorization', `Bearer ${q}`)).body.data.transfers).toEqual([]);
    expect((await app.http().post(`/network/transfers/${transfer}/accept`).set('Authorization', `Bearer ${q}`)).status).toBe(404);
  });

  it('holds its units: neither Brest nor Morlaix moves or edits them until received', async () => {
    const unit = units[0];
    const move = await app.http().post(`/pipeline/records/machines/${unit.document_id}/transitions`).set(auth('brest')).send({ to: 'dismantled' });
    expect(move.status).toBe(409);
    expect(move.body.error.message).toMatch(/transfert entre ateliers en cours/);
    const edit = await app.http().put(`/content-manager/collection-types/api::machine.machine/${unit.document_id}`).set(auth('brest')).send({ notes: 'modifiée' });
    expect(edit.status).toBe(400);
    expect(edit.body.error.message).toMatch(/transfert entre ateliers en cours/);
    const removal = await app.http().delete(`/content-manager/collection-types/api::machine.machine/${unit.document_id}`).set(auth('brest'));
    expect(removal.status).toBe(400);
    // Refused by the transfer's hold, or first by the rule that a unit past Réception keeps its history.
    expect(removal.body.error.message).toMatch(/transfert entre ateliers en cours|ne se supprime pas/);
    const { rows } = await app.sql.query('SELECT pipeline_stage, notes FROM machines WHERE id = $1', [unit.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].notes).not.toBe('modifiée');
    // Nor is a unit offered twice.
    const again = await app.http().post('/network/transfers').set(auth('brest')).send({ toWorkshop: morlaix.documentId, machines: [unit.document_id] });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/déjà dans un transfert/);
  });

  it('takes one acceptance of twenty sent at once', async () => {
    const events = async () => (await app.sql.query(`SELECT count(*)::int AS n FROM sv_pipeline_events WHERE subject_id = ANY($1) AND kind = 'transfer'`, [units.map((u) => u.document_id)])).rows[0].n;
    const eventsBefore = await events();
    const answers = await Promise.all(Array.from({ length: 20 }, () => app.http().post(`/network/transfers/${transfer}/accept`).set(auth('morlaix'))));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(answers.find((a) => a.status === 409)!.body.error.message).toMatch(/Impossible d.accepter ce transfert : il est à l’état « Accepté »/);
    const { rows } = await app.sql.query('SELECT state, accepted_at FROM sv_transfers WHERE document_id = $1', [transfer]);
    expect(rows[0].state).toBe('accepted');
    // One « accepted » event per unit, not twenty.
    expect((await events()) - eventsBefore).toBe(units.length);
  });

  it('is shipped only by Brest, which takes the parts out of its stock', async () => {
    expect((await app.http().post(`/network/transfers/${transfer}/ship`).set(auth('morlaix'))).status).toBe(403);
    expect((await app.http().post(`/network/transfers/${transfer}/receive`).set(auth('morlaix'))).status).toBe(409);
    expect((await app.http().post(`/network/transfers/${transfer}/ship`).set(auth('reseau'))).status).toBe(403);
    const shipped = await app.http().post(`/network/transfers/${transfer}/ship`).set(auth('brest'));
    expect(shipped.status).toBe(200);
    expect(shipped.body.data.state).toBe('shipped');
    const after = await stock();
    expect(after[brest.id].parts).toBe(before[brest.id].parts - 3);
    expect(after[brest.id].units).toBe(before[brest.id].units);
  });

  it('is received by Morlaix: the units and parts are Morlaix’s, counted by SQL on both sides', async () => {
    const received = await app.http().post(`/network/transfers/${transfer}/receive`).set(auth('atelierMorlaix'));
    expect(received.status).toBe(403);
    const ok = await app.http().post(`/network/transfers/${transfer}/receive`).set(auth('morlaix'));
    expect(ok.status).toBe(200);
    expect(ok.body.data.state).toBe('received');
    const after = await stock();
    expect(after[brest.id]).toEqual({ units: before[brest.id].units - 5, parts: before[brest.id].parts - 3 });
    expect(after[morlaix.id]).toEqual({ units: before[morlaix.id].units + 5, parts: before[morlaix.id].parts + 3 });
    const { rows } = await app.sql.query(
      `SELECT p.category, p.description, p.quantity_on_hand FROM parts p JOIN parts_workshop_lnk l ON l.part_id = p.id WHERE l.workshop_id = $1`,
      [morlaix.id],
    );
    expect(rows).toEqual([{ category: part.category, description: part.description, quantity_on_hand: 3 }]);
    // Morlaix now sees and works the units; Brest no longer reaches them.
    const unit = units[0].document_id;
    expect((await app.http().get(`/content-manager/collection-types/api::machine.machine/${unit}`).set(auth('morlaix'))).status).toBe(200);
    expect((await app.http().get(`/content-manager/collection-types/api::machine.machine/${unit}`).set(auth('brest'))).status).toBe(403);
    const note = await app.http().put(`/content-manager/collection-types/api::machine.machine/${unit}`).set(auth('morlaix')).send({ notes: 'Arrivée à Morlaix' });
    expect(note.status).toBe(200);
  });

  it('leaves each unit a valid chain of custody that names both workshops', async () => {
    for (const unit of units) {
      const verify = await app.http().get(`/pipeline/records/machines/${unit.document_id}/verify`).set(auth('morlaix'));
      expect([unit.label_code, verify.status, verify.body.data?.valid]).toEqual([unit.label_code, 200, true]);
      const { rows } = await app.sql.query(`SELECT details FROM sv_pipeline_events WHERE subject_id = $1 AND kind = 'transfer' ORDER BY seq`, [unit.document_id]);
      const details = rows.map((r: { details: unknown }) => (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as { step: string });
      expect(details.map((d) => d.step)).toEqual(['proposed', 'accepted', 'shipped', 'received']);
      for (const d of details) expect(d).toMatchObject({ from: expect.stringMatching(/\S/), to: 'Atelier du Pays de Morlaix' });
    }
  });

  it('is closed: every step now answers 409 and changes nothing', async () => {
    for (const step of ['accept', 'refuse', 'ship', 'receive', 'cancel']) {
      const res = await app.http().post(`/network/transfers/${transfer}/${step}`).set(auth(step === 'ship' || step === 'cancel' ? 'brest' : 'morlaix'));
      expect([step, res.status]).toEqual([step, 409]);
    }
    expect((await app.http().post(`/network/transfers/${transfer}/teleport`).set(auth('brest'))).status).toBe(404);
  });
});

describe('a proposal refused for its input changes nothing', () => {
  it('answers in French and writes no transfer, no event, no stock move', async () => {
    const count = async () => (await app.sql.query('SELECT (SELECT count(*) FROM sv_transfers)::int t, (SELECT count(*) FROM sv_pipeline_events)::int e')).rows[0];
    const start = await count();
    const stockBefore = await stock();
    const [unit] = await brestScreens(1, 20);
    const { rows: [morlaixUnit] } = await app.sql.query(`SELECT m.document_id FROM machines m JOIN machines_workshop_lnk l ON l.machine_id = m.id WHERE l.workshop_id = $1 LIMIT 1`, [morlaix.id]);
    const cases: Array<[Record<string, unknown> | string, number, RegExp]> = [
      [{}, 400, /au moins une machine/],
      [{ toWorkshop: morlaix.documentId, machines: 'SV-000001' }, 400, /machines/],
      [{ toWorkshop: morlaix.documentId, machines: [unit.document_id, unit.document_id] }, 400, /deux fois/],
      [{ toWorkshop: brest.documentId, machines: [unit.document_id] }, 400, /d’un atelier à un autre/],
      [{ toWorkshop: 'nope', machines: [unit.document_id] }, 400, /destinataire/],
      [{ toWorkshop: morlaix.documentId, machines: [morlaixUnit.document_id] }, 404, /introuvable dans votre atelier/],
      [{ toWorkshop: morlaix.documentId, parts: [{ part: 'x', quantity: 1 }] }, 404, /Pièce introuvable/],
      [{ toWorkshop: morlaix.documentId, machines: [unit.document_id], parts: [{ part: (await brestPart()).document_id, quantity: 100000 }] }, 400, /quantité/],
      ['[1,2]', 400, /objet JSON/],
    ];
    for (const [body, status, message] of cases) {
      const req = app.http().post('/network/transfers').set(auth('brest'));
      const res = typeof body === 'string' ? await req.set('Content-Type', 'application/json').send(body) : await req.send(body);
      expect([JSON.stringify(body), res.status, res.body.error?.message]).toEqual([JSON.stringify(body), status, expect.stringMatching(message)]);
    }
    expect((await app.http().post('/network/transfers').set(auth('reseau')).send({ toWorkshop: morlaix.documentId, machines: [unit.document_id] })).status).toBe(403);
    expect((await app.http().post('/network/transfers').set(auth('atelierMorlaix')).send({ toWorkshop: brest.documentId, machines: [morlaixUnit.document_id] })).status).toBe(403);
    expect(await count()).toEqual(start);
    expect(await stock()).toEqual(stockBefore);
  });
});

describe('a request to the network', () => {
  it('is answered once: of twenty simultaneous answers by Brest, one becomes the offer', async () => {
    const asked = await app.http().post('/network/requests').set(auth('morlaix')).send({ need: '10 écrans plats', needCount: 10 });
    expect(asked.status).toBe(201);
    expect(asked.body.data).toMatchObject({ kind: 'request', state: 'requested', from: null, to: { name: 'Atelier du Pays de Morlaix' } });
    const seen = await app.http().get('/network/transfers').set(auth('brest'));
    const request = seen.body.data.transfers.find((t: { documentId: string }) => t.documentId === asked.body.data.documentId);
    expect(request).toMatchObject({ canAnswer: true, steps: [] });
    const pool = await brestScreens(20, 40);
    const answers = await Promise.all(pool.map((u) => app.http().post(`/network/transfers/${asked.body.data.documentId}/answer`).set(auth('brest')).send({ machines: [u.document_id] })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(19);
    const { rows } = await app.sql.query(
      `SELECT t.state, (SELECT count(*) FROM sv_transfers_machines_lnk l WHERE l.transfer_id = t.id)::int AS units FROM sv_transfers t WHERE t.document_id = $1`,
      [asked.body.data.documentId],
    );
    expect(rows[0]).toEqual({ state: 'proposed', units: 1 });
    // The nineteen units not taken are free: none is held by an open transfer.
    const held = await app.sql.query(
      `SELECT count(*)::int AS n FROM sv_transfers_machines_lnk l JOIN sv_transfers t ON t.id = l.transfer_id WHERE t.state IN ('proposed','accepted','shipped') AND l.machine_id = ANY($1)`,
      [pool.map((u) => u.id)],
    );
    expect(held.rows[0].n).toBe(1);
  });
});

describe('a prescription and a unit held by a transfer', () => {
  it('cannot reserve it until the transfer is cancelled, and the refusal changes nothing', async () => {
    // A Brest unit ready to be handed over, and a Brest prescription accepted, waiting for a unit.
    const { rows: ready } = await app.sql.query(
      `SELECT m.id, m.document_id, m.label_code FROM machines m JOIN machines_workshop_lnk l ON l.machine_id = m.id
        WHERE l.workshop_id = $1 AND m.pipeline_stage = 'ready'
          AND NOT EXISTS (SELECT 1 FROM sv_transfers_machines_lnk tl JOIN sv_transfers t ON t.id = tl.transfer_id WHERE tl.machine_id = m.id AND t.state IN ('proposed','accepted','shipped'))
        ORDER BY m.id LIMIT 1`,
      [brest.id],
    );
    expect(ready).toHaveLength(1);
    const unit = ready[0] as { id: number; document_id: string; label_code: string };
    const { rows: waiting } = await app.sql.query(
      `SELECT p.document_id FROM prescriptions p JOIN prescriptions_workshop_lnk l ON l.prescription_id = p.id
        WHERE l.workshop_id = $1 AND p.pipeline_stage = 'accepted' ORDER BY p.id LIMIT 1`,
      [brest.id],
    );
    expect(waiting).toHaveLength(1);
    const prescription = waiting[0].document_id as string;

    const offered = await app.http().post('/network/transfers').set(auth('brest')).send({ toWorkshop: morlaix.documentId, machines: [unit.document_id] });
    expect(offered.status).toBe(201);
    const snapshot = async () => ({
      unit: (await app.sql.query('SELECT pipeline_stage FROM machines WHERE id = $1', [unit.id])).rows[0],
      link: (await app.sql.query('SELECT count(*)::int AS n FROM machines_prescription_lnk WHERE machine_id = $1', [unit.id])).rows[0].n,
      prescription: (await app.sql.query('SELECT pipeline_stage FROM prescriptions WHERE document_id = $1', [prescription])).rows[0],
      events: (await app.sql.query('SELECT count(*)::int AS n FROM sv_pipeline_events WHERE subject_id = ANY($1)', [[unit.document_id, prescription]])).rows[0].n,
    });
    const before = await snapshot();
    const reserve = () => app.http().post(`/pipeline/records/prescriptions/${prescription}/transitions`).set(auth('brest')).send({ to: 'machine_reserved', machine: unit.document_id });
    const refused = await reserve();
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/transfert entre ateliers en cours/);
    expect(await snapshot()).toEqual(before);

    // Once the offer is withdrawn, the same reservation goes through: the transfer alone held it.
    expect((await app.http().post(`/network/transfers/${offered.body.data.documentId}/cancel`).set(auth('brest'))).status).toBe(200);
    const reserved = await reserve();
    expect(reserved.status).toBe(200);
    expect((await app.sql.query('SELECT pipeline_stage FROM machines WHERE id = $1', [unit.id])).rows[0].pipeline_stage).toBe('reserved');
  });
});

import { startApp, type TestApp } from '../helpers/app';
import { adminToken } from '../helpers/admin';
import { fixtures } from './fixtures';

let app: TestApp;
let jwt: string;
let f: ReturnType<typeof fixtures>;

const auth = () => ({ Authorization: `Bearer ${jwt}` });

beforeAll(async () => {
  app = await startApp('base');
  jwt = await adminToken(app);
  f = fixtures(app);
});

afterAll(async () => {
  await app?.stop();
});

describe('two volunteers moving the same unit at once', () => {
  it('20 simultaneous moves from Test to Effacement: exactly one wins, the others get 409 with the current stage', async () => {
    const m = await f.machine();
    await f.placeAt('machines', m.documentId, 'testing');
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.http().post(`/pipeline/records/machines/${m.documentId}/transitions`).set(auth()).send({ to: 'erasing' })
      )
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const r of responses.filter((x) => x.status === 409)) expect(r.body.error.details.currentStage).toBe('erasing');
    const events = await app.sql.query(
      "SELECT count(*)::int AS n FROM sv_pipeline_events WHERE subject_id = $1 AND kind = 'transition' AND to_stage = 'erasing'",
      [m.documentId]
    );
    expect(events.rows[0].n).toBe(1);
    expect(await f.stageOf('machines', m.documentId)).toBe('erasing');
  });
});

describe('the history is a chain of custody', () => {
  it("verifies a machine's untouched history", async () => {
    const m = await f.machine();
    for (const to of ['sorting', 'testing', 'erasing']) {
      await app.http().post(`/pipeline/records/machines/${m.documentId}/transitions`).set(auth()).send({ to });
    }
    const res = await app.http().get(`/pipeline/records/machines/${m.documentId}/verify`).set(auth());
    expect(res.body.data).toEqual({ valid: true, events: 4 });
  });

  it('refuses to update or delete an event, even in SQL', async () => {
    const m = await f.machine();
    await expect(app.sql.query("UPDATE sv_pipeline_events SET actor_name = 'X' WHERE subject_id = $1", [m.documentId])).rejects.toThrow(/ajout seul/);
    await expect(app.sql.query('DELETE FROM sv_pipeline_events WHERE subject_id = $1', [m.documentId])).rejects.toThrow(/ajout seul/);
  });

  it('reports an event row altered with SQL by someone who disabled the protection', async () => {
    const m = await f.machine();
    for (const to of ['sorting', 'testing', 'erasing']) {
      await app.http().post(`/pipeline/records/machines/${m.documentId}/transitions`).set(auth()).send({ to });
    }
    await app.sql.query('ALTER TABLE sv_pipeline_events DISABLE TRIGGER sv_pipeline_events_append_only');
    await app.sql.query("UPDATE sv_pipeline_events SET to_stage = 'ready' WHERE subject_id = $1 AND seq = 3", [m.documentId]);
    await app.sql.query('ALTER TABLE sv_pipeline_events ENABLE TRIGGER sv_pipeline_events_append_only');
    const res = await app.http().get(`/pipeline/records/machines/${m.documentId}/verify`).set(auth());
    expect(res.body.data).toMatchObject({ valid: false, brokenAt: 3 });
    const state = await app.http().get(`/pipeline/records/machines/${m.documentId}`).set(auth());
    expect(state.body.data.chain.valid).toBe(false);
  });

  it('offers no route to change or delete an event', async () => {
    const m = await f.machine();
    const { rows } = await app.sql.query('SELECT id FROM sv_pipeline_events WHERE subject_id = $1', [m.documentId]);
    for (const method of ['put', 'delete'] as const) {
      const res = await app.http()[method](`/pipeline/events/${rows[0].id}`).set(auth());
      expect([404, 405]).toContain(res.status);
    }
    const cm = '/content-manager/collection-types/plugin::pipeline.event';
    const { rows: [event] } = await app.sql.query('SELECT document_id FROM sv_pipeline_events WHERE subject_id = $1', [m.documentId]);
    expect((await app.http().delete(`${cm}/${event.document_id}`).set(auth())).status).toBe(403);
    expect((await app.http().put(`${cm}/${event.document_id}`).set(auth()).send({ toStage: 'ready' })).status).toBe(403);
    expect(await f.eventCount(m.documentId)).toBe(1);
  });
});

describe('fitting parts', () => {
  it('20 simultaneous fittings of the last 5 screens leave the stock at 0, never below', async () => {
    const part = await app.strapi.documents('api::part.part').create({
      data: { category: 'flat_screen', description: 'Écran plat 17"', quantityOnHand: 5, lowStockThreshold: 2 },
    });
    const machines = await Promise.all(Array.from({ length: 20 }, () => f.machine([])));
    const responses = await Promise.all(
      machines.map((m) => app.http().post(`/pipeline/machines/${m.documentId}/parts`).set(auth()).send({ part: part.documentId, quantity: 1 }))
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(5);
    const refused = responses.filter((r) => r.status === 409);
    expect(refused).toHaveLength(15);
    expect(refused[0].body.error.message).toMatch(/Stock insuffisant/);
    const stock = await app.sql.query('SELECT quantity_on_hand FROM parts WHERE document_id = $1', [part.documentId]);
    expect(stock.rows[0].quantity_on_hand).toBe(0);
    const fitted = await app.sql.query("SELECT count(*)::int AS n FROM sv_pipeline_events WHERE kind = 'part_fitted' AND details->>'part' = $1", [part.documentId]);
    expect(fitted.rows[0].n).toBe(5);
  });
});

describe('webhooks', () => {
  it('emits a pipeline.transition event for every move', async () => {
    const seen: unknown[] = [];
    const listener = async (payload: unknown) => {
      seen.push(payload);
    };
    app.strapi.eventHub.on('pipeline.transition', listener);
    const m = await f.machine();
    await app.http().post(`/pipeline/records/machines/${m.documentId}/transitions`).set(auth()).send({ to: 'sorting' });
    app.strapi.eventHub.off('pipeline.transition', listener);
    expect(seen).toEqual([expect.objectContaining({ documentId: m.documentId, from: 'received', to: 'sorting' })]);
  });
});

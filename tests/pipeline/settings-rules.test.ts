import { removeStage, moveStage } from '../../src/plugins/pipeline/admin/src/components/workflowEdit';
import type { Workflow } from '../../src/plugins/pipeline/shared/contracts';
import { startApp, type TestApp } from '../helpers/app';
import { adminToken, staffToken } from '../helpers/admin';
import { fixtures } from './fixtures';

// The workflow settings (« Configurer ») cannot move a record past the workshop's rules: removing a
// stage sends its records on through the transition service, as any move.
let app: TestApp;
let admin: string;
let coordination: string;
let f: ReturnType<typeof fixtures>;

const TESTING_OK = { boots: true, memory: true, disk_smart: true };
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

const move = (workflow: string, documentId: string, to: string, token = admin) =>
  app.http().post(`/pipeline/records/${workflow}/${documentId}/transitions`).set(as(token)).send({ to });

async function walk(documentId: string, stages: string[]) {
  for (const to of stages) expect((await move('machines', documentId, to)).status).toBe(200);
}

/** A unit moved by the API to `stage`, its test passed, its disk erased or not. */
async function unitAt(stage: 'sorting' | 'cleaning' | 'reinstalling', erased: boolean) {
  const serial = `DISK-${Math.random().toString(36).slice(2, 10)}`;
  const m = await f.machine([serial]);
  // The line as saved now: a stage an earlier test removed is skipped, as its bypass does.
  const present = new Set((await workflow('machines')).stages.map((s) => s.key));
  const line = ['sorting', 'testing', 'erasing', 'cleaning', 'reinstalling'];
  await walk(m.documentId, line.slice(0, line.indexOf(stage) + 1).filter((s) => present.has(s)));
  expect((await app.http().post(`/pipeline/records/machines/${m.documentId}/checklists`).set(as(admin)).send({ stage: 'testing', items: TESTING_OK })).status).toBe(201);
  if (erased) {
    expect((await app.http().post(`/pipeline/machines/${m.documentId}/erasures`).set(as(admin)).send({ deviceSerial: serial, method: 'overwrite', passes: 1, tool: 'nwipe', result: 'success' })).status).toBe(201);
  }
  const label = ((await app.sql.query('SELECT label_code FROM machines WHERE document_id = $1', [m.documentId])).rows[0] as { label_code: string }).label_code;
  return { documentId: m.documentId, label };
}

async function workflow(key: 'machines' | 'prescriptions'): Promise<Workflow> {
  const res = await app.http().get('/pipeline/workflows').set(as(admin)).expect(200);
  return (res.body.data as Workflow[]).find((w) => w.key === key) as Workflow;
}

/** Saves a workflow as the settings page does. */
const save = (w: Workflow, moveRecords: Record<string, string>, token = coordination) =>
  app.http().put(`/pipeline/workflows/${w.key}`).set(as(token)).send({
    name: w.name,
    stages: w.stages.map(({ key, label, color, terminal, checklist, enterRoles }) => ({ key, label, color, terminal, checklist, enterRoles })),
    transitions: w.transitions.map((t) => ({ from: t.from, to: t.to, actions: t.actions.map((a) => ({ type: a.type, options: a.options ?? {} })) })),
    moveRecords,
  });

/** What a save must leave untouched when refused: the stages as stored, the records' stages, their events. */
async function snapshot(documentIds: string[]) {
  const stages = (await app.sql.query('SELECT s.key, s.label, s.position FROM sv_pipeline_stages s ORDER BY s.id')).rows;
  const records = (await app.sql.query(
    `SELECT document_id, pipeline_stage FROM machines WHERE document_id = ANY($1)
     UNION ALL SELECT document_id, pipeline_stage FROM prescriptions WHERE document_id = ANY($1) ORDER BY 1`,
    [documentIds],
  )).rows;
  const events = (await app.sql.query('SELECT count(*)::int AS n FROM sv_pipeline_events WHERE subject_id = ANY($1)', [documentIds])).rows[0].n as number;
  return { stages, records, events };
}

beforeAll(async () => {
  app = await startApp('base');
  admin = await adminToken(app);
  coordination = await staffToken(app, 'seconde-vie-coordination', 'coordination-settings@seconde-vie.test');
  f = fixtures(app);
});

afterAll(async () => {
  await app?.stop();
});

describe('removing a stage in the settings', () => {
  it('refuses to remove « Effacement », the stage of the erasure promise, and changes nothing', async () => {
    const unit = await f.machine(['E-1']);
    await walk(unit.documentId, ['sorting', 'testing', 'erasing']);
    const before = await snapshot([unit.documentId]);
    const res = await save(removeStage(await workflow('machines'), 'erasing'), { erasing: 'ready' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('« Effacement » porte une règle de l’atelier');
    expect(await snapshot([unit.documentId])).toEqual(before);
  });

  it('sends nobody to « Prête » when one unit of the removed stage is not erased: 409 naming it, nothing saved, nothing moved', async () => {
    const erased = await unitAt('cleaning', true);
    const unerased = await unitAt('cleaning', false);
    const before = await snapshot([erased.documentId, unerased.documentId]);
    const res = await save(removeStage(await workflow('machines'), 'cleaning'), { cleaning: 'ready' });
    expect(res.status).toBe(409);
    expect(res.body.error.details.rule).toBe('STAGE_REMOVAL_REFUSED');
    expect(res.body.error.details.refused).toEqual([
      expect.objectContaining({ documentId: unerased.documentId, reference: unerased.label, from: 'cleaning', to: 'ready', status: 409, rule: 'ERASURE_REQUIRED' }),
    ]);
    expect(res.body.error.message).toContain(unerased.label);
    expect(res.body.error.message).toMatch(/Rien n'a été modifié/);
    expect(await snapshot([erased.documentId, unerased.documentId])).toEqual(before);
  });

  it('refuses to send the units of a removed stage to « Réservée »: a reservation goes through a prescription', async () => {
    const unit = await unitAt('cleaning', true);
    const before = await snapshot([unit.documentId]);
    const res = await save(removeStage(await workflow('machines'), 'cleaning'), { cleaning: 'reserved' });
    expect(res.status).toBe(409);
    // Every unit still at « Nettoyage » (earlier tests left some) is refused, with the same rule.
    expect(res.body.error.details.refused).toContainEqual(expect.objectContaining({ documentId: unit.documentId, rule: 'RESERVE_THROUGH_PRESCRIPTION' }));
    for (const r of res.body.error.details.refused) expect(r).toMatchObject({ from: 'cleaning', to: 'reserved', status: 409, rule: 'RESERVE_THROUGH_PRESCRIPTION' });
    expect(await snapshot([unit.documentId])).toEqual(before);
  });

  it('cannot accept, by removing « En étude », a prescription whose prescriber has no membership convention', async () => {
    const prescriber = await f.prescriber(null);
    const p = await f.prescription(prescriber.documentId);
    expect((await move('prescriptions', p.documentId, 'reviewing')).status).toBe(200);
    const before = await snapshot([p.documentId]);
    const res = await save(removeStage(await workflow('prescriptions'), 'reviewing'), { reviewing: 'accepted' });
    expect(res.status).toBe(409);
    expect(res.body.error.details.refused).toEqual([expect.objectContaining({ documentId: p.documentId, rule: 'MEMBERSHIP_CONVENTION_REQUIRED' })]);
    expect(await snapshot([p.documentId])).toEqual(before);
  });

  it('moves each unit of the removed stage with its own event, signed by the editor, and its chain verifies', async () => {
    const units = [await unitAt('cleaning', true), await unitAt('cleaning', false)];
    const res = await save(removeStage(await workflow('machines'), 'cleaning'), { cleaning: 'reinstalling' });
    expect(res.status).toBe(200);
    expect(res.body.data.stages.map((s: { key: string }) => s.key)).not.toContain('cleaning');
    for (const unit of units) {
      expect(await f.stageOf('machines', unit.documentId)).toBe('reinstalling');
      const { rows: [last] } = await app.sql.query(
        "SELECT kind, from_stage, to_stage, actor_name, details::jsonb->>'because' AS because FROM sv_pipeline_events WHERE subject_id = $1 ORDER BY seq DESC LIMIT 1",
        [unit.documentId],
      );
      expect(last).toMatchObject({ kind: 'transition', from_stage: 'cleaning', to_stage: 'reinstalling', actor_name: 'Test seconde-vie-coordination' });
      expect(last.because).toBe('étape « Nettoyage » supprimée dans la configuration');
      const verify = await app.http().get(`/pipeline/records/machines/${unit.documentId}/verify`).set(as(admin));
      expect(verify.body.data).toEqual({ valid: true, events: expect.any(Number) });
    }
  });
});

describe('reordering stages in the settings', () => {
  it('saves nothing of a reorder sent with a refused removal', async () => {
    const unit = await unitAt('sorting', false);
    const before = await snapshot([unit.documentId]);
    const reordered = moveStage(removeStage(await workflow('machines'), 'sorting'), 'ready', -1);
    const res = await save(reordered, { sorting: 'ready' });
    expect(res.status).toBe(409);
    expect(res.body.error.details.refused).toEqual([expect.objectContaining({ documentId: unit.documentId, rule: 'ERASURE_REQUIRED' })]);
    expect(await snapshot([unit.documentId])).toEqual(before);
  });

  it('moves nobody and keeps every rule: « Prête » placed right after « Test » still needs the erasure', async () => {
    let w = await workflow('machines');
    while (w.stages.findIndex((s) => s.key === 'ready') > w.stages.findIndex((s) => s.key === 'testing') + 1) w = moveStage(w, 'ready', -1);
    const unit = await unitAt('reinstalling', false);
    const events = await f.eventCount(unit.documentId);
    const res = await save({ ...w, transitions: [...w.transitions, { from: 'testing', to: 'ready', actions: [] }] }, {});
    expect(res.status).toBe(200);
    expect(await f.eventCount(unit.documentId)).toBe(events);
    const refused = await move('machines', unit.documentId, 'ready');
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.rule).toBe('ERASURE_REQUIRED');
  });
});

describe('the chain check', () => {
  it('reports a stage changed with SQL, without an event, as broken: in the verify route, the API and the record panel', async () => {
    const unit = await f.machine(['SQL-1']);
    await walk(unit.documentId, ['sorting', 'testing']);
    const ok = await app.http().get(`/pipeline/records/machines/${unit.documentId}/verify`).set(as(admin));
    expect(ok.body.data).toEqual({ valid: true, events: 3 });
    await app.sql.query("UPDATE machines SET pipeline_stage = 'ready' WHERE document_id = $1", [unit.documentId]);
    const res = await app.http().get(`/pipeline/records/machines/${unit.documentId}/verify`).set(as(admin));
    expect(res.body.data).toMatchObject({ valid: false, brokenAt: 3, stageMismatch: { current: 'ready', recorded: 'testing' } });
    expect(res.body.data.reason).toBe('étape changée hors de la chaîne : la fiche est à « Prête », son dernier passage enregistré mène à « Test »');
    const panel = await app.http().get(`/pipeline/records/machines/${unit.documentId}`).set(as(admin));
    expect(panel.body.data.chain.valid).toBe(false);
  });

  it('reports a prescription moved by SQL as broken too', async () => {
    const prescriber = await f.prescriber({ state: 'signed' });
    const p = await f.prescription(prescriber.documentId);
    await app.sql.query("UPDATE prescriptions SET pipeline_stage = 'accepted' WHERE document_id = $1", [p.documentId]);
    const res = await app.http().get(`/pipeline/records/prescriptions/${p.documentId}/verify`).set(as(admin));
    expect(res.body.data).toMatchObject({ valid: false, stageMismatch: { current: 'accepted', recorded: 'received' } });
  });
});

describe('a stage removed while volunteers move units into it', () => {
  it('leaves no unit in the removed stage: each move either lands before the save and is carried on, or is refused after it', async () => {
    const units = [];
    for (let i = 0; i < 6; i += 1) units.push((await f.machine([`RACE-${i}`])).documentId);
    const w = removeStage(await workflow('machines'), 'sorting');
    const [saved, ...moves] = await Promise.all([save(w, { sorting: 'testing' }), ...units.map((id) => move('machines', id, 'sorting'))]);
    expect(saved.status).toBe(200);
    for (const [i, res] of moves.entries()) {
      const stage = await f.stageOf('machines', units[i]);
      if (res.status === 200) expect(stage).toBe('testing');
      else expect({ status: res.status, stage }).toEqual({ status: 409, stage: 'received' });
      const verify = await app.http().get(`/pipeline/records/machines/${units[i]}/verify`).set(as(admin));
      expect(verify.body.data.valid).toBe(true);
    }
  });
});

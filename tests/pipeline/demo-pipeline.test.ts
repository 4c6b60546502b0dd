import { startApp, type TestApp } from '../helpers/app';
import { adminToken } from '../helpers/admin';

let app: TestApp;
let jwt: string;

beforeAll(async () => {
  app = await startApp('demo');
  jwt = await adminToken(app);
});

afterAll(async () => {
  await app?.stop();
});

describe('the demo data on the line', () => {
  it('spreads the units across the stages, the 19 handed-over units with their prescriptions', async () => {
    const { rows } = await app.sql.query('SELECT pipeline_stage AS stage, count(*)::int AS n FROM machines GROUP BY 1');
    const byStage = Object.fromEntries(rows.map((r) => [r.stage, r.n]));
    // The 14 households of the story, then 5 of the recent files.
    expect(byStage.handed_over).toBe(19);
    expect(Object.keys(byStage).length).toBeGreaterThanOrEqual(9);
    const linked = await app.sql.query(`
      SELECT count(*)::int AS n FROM machines m
        JOIN machines_prescription_lnk l ON l.machine_id = m.id
        JOIN prescriptions p ON p.id = l.prescription_id
       WHERE m.pipeline_stage = 'handed_over' AND p.pipeline_stage IN ('handed_over', 'closed')`);
    expect(linked.rows[0].n).toBe(19);
    // The files still open are the recent ones, one at each state before the hand-over.
    const pending = await app.sql.query("SELECT pipeline_stage FROM prescriptions WHERE handed_over_at IS NULL ORDER BY 1");
    expect(pending.rows.map((r) => r.pipeline_stage)).toEqual(['accepted', 'machine_reserved', 'received', 'reviewing']);
  });

  it('reads like a working line today: what is on it came in recently and moved within days', async () => {
    // Every unit between Réception and Prête belongs to a fleet of the last months, and none has
    // waited more than the three weeks since the last collection at its stage.
    const { rows: onLine } = await app.sql.query(`
      SELECT m.document_id, d.collected_at > current_date - 130 AS recent,
             (SELECT max(e.at) FROM sv_pipeline_events e WHERE e.subject_id = m.document_id AND e.to_stage = m.pipeline_stage) AS since
        FROM machines m JOIN machines_donation_lnk l ON l.machine_id = m.id JOIN donations d ON d.id = l.donation_id
       WHERE m.pipeline_stage IN ('received', 'sorting', 'testing', 'erasing', 'cleaning', 'reinstalling')`);
    expect(onLine.length).toBeGreaterThan(10);
    expect(onLine.filter((r) => !r.recent)).toEqual([]);
    expect(onLine.filter((r) => Date.now() - new Date(r.since).getTime() > 22 * 86_400_000)).toEqual([]);
    const res = await app.http().get('/pipeline/board/machines').set('Authorization', `Bearer ${jwt}`);
    for (const w of res.body.data.waitingLongest) expect(Date.now() - new Date(w.since).getTime()).toBeLessThan(22 * 86_400_000);
    // Open files were received in the last weeks; one was handed over in the last two months.
    const { rows: [files] } = await app.sql.query(`
      SELECT max(current_date - received_at) FILTER (WHERE handed_over_at IS NULL) AS oldest_open,
             min(current_date - handed_over_at) AS last_handover FROM prescriptions`);
    expect(files.oldest_open).toBeLessThan(40);
    expect(files.last_handover).toBeLessThan(60);
  });

  it('never has a unit ready, reserved or handed over with a disk not erased', async () => {
    // Independent SQL: a present device of a released unit with no successful erasure pointing to it.
    const { rows } = await app.sql.query(`
      SELECT count(*)::int AS n FROM machines m
        JOIN storage_devices_machine_lnk l ON l.machine_id = m.id
        JOIN storage_devices d ON d.id = l.storage_device_id AND d.state = 'present'
       WHERE m.pipeline_stage IN ('ready', 'reserved', 'handed_over')
         AND NOT EXISTS (SELECT 1 FROM sv_pipeline_erasures e
                          WHERE e.machine_document_id = m.document_id AND e.device_document_id = d.document_id AND e.result = 'success')`);
    expect(rows[0].n).toBe(0);
  });

  it('never has a computer ready, reserved or handed over with no device and no one’s attestation', async () => {
    const { rows } = await app.sql.query(`
      SELECT count(*)::int AS n FROM machines m
       WHERE m.pipeline_stage IN ('ready', 'reserved', 'handed_over') AND m.type <> 'screen'
         AND NOT EXISTS (SELECT 1 FROM storage_devices_machine_lnk l WHERE l.machine_id = m.id)
         AND NOT EXISTS (SELECT 1 FROM sv_pipeline_events e WHERE e.subject_id = m.document_id AND e.kind = 'no_storage_attested' AND e.actor_type = 'admin')`);
    expect(rows[0].n).toBe(0);
    // The demo does have such units (disk taken out by the donor), each attested at the bench.
    const attested = await app.sql.query("SELECT count(*)::int AS n FROM sv_pipeline_events WHERE kind = 'no_storage_attested'");
    expect(attested.rows[0].n).toBeGreaterThan(0);
  });

  it('agrees with the one erasure status: every unit at Prête, Réservée or Remise is released', async () => {
    const { rows } = await app.sql.query("SELECT document_id FROM machines WHERE pipeline_stage IN ('ready', 'reserved', 'handed_over')");
    const statuses = (await app.strapi.plugin('pipeline').service('erasure-status').forMachines(rows.map((r) => r.document_id))) as Map<string, { released: boolean }>;
    expect(statuses.size).toBe(rows.length);
    expect([...statuses.values()].filter((s) => !s.released)).toEqual([]);
  });

  it("verifies every demo record's chain of custody", async () => {
    const history = app.strapi.plugin('pipeline').service('history');
    const { rows } = await app.sql.query('SELECT DISTINCT subject_type, subject_id FROM sv_pipeline_events');
    expect(rows.length).toBe(1040 + 116 + 14 + 9);
    const broken = [];
    for (const r of rows) {
      const report = await history.verify(r.subject_type, r.subject_id);
      if (!report.valid) broken.push({ ...r, report });
    }
    expect(broken).toEqual([]);
  });

  it('shows on the board the same counts per stage as SQL', async () => {
    const res = await app.http().get('/pipeline/board/machines').set('Authorization', `Bearer ${jwt}`);
    expect(res.status).toBe(200);
    const { rows } = await app.sql.query('SELECT pipeline_stage AS stage, count(*)::int AS n FROM machines GROUP BY 1');
    const expected = Object.fromEntries(rows.map((r) => [r.stage, r.n]));
    for (const column of res.body.data.columns) expect(column.count).toBe(expected[column.key] ?? 0);
    expect(res.body.data.total).toBe(1040 + 116);
    expect(res.body.data.waitingLongest.length).toBeGreaterThan(0);
  });

  it('filters the board by machine type', async () => {
    const res = await app.http().get('/pipeline/board/machines?type=laptop').set('Authorization', `Bearer ${jwt}`);
    const laptops = await app.sql.query("SELECT count(*)::int AS n FROM machines WHERE type = 'laptop'");
    expect(res.body.data.total).toBe(laptops.rows[0].n);
    expect((await app.http().get('/pipeline/board/machines?type=tablet').set('Authorization', `Bearer ${jwt}`)).status).toBe(400);
  });
});

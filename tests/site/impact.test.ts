import { startApp, type TestApp } from '../helpers/app';

let app: TestApp;

beforeAll(async () => {
  app = await startApp('demo');
});

afterAll(async () => {
  await app?.stop();
});

/** The figure a page shows for a metric (and a year), read back as a number. */
function figure(html: string, metric: string, year?: number): number {
  const pattern = year
    ? new RegExp(`data-year="${year}" data-metric="${metric}">([^<]+)<`)
    : new RegExp(`<strong data-metric="${metric}">([^<]+)<`);
  const match = pattern.exec(html);
  if (!match) throw new Error(`aucun chiffre ${metric} ${year ?? ''}`);
  return Number(match[1].replace(/[\s\u202f\u00a0]/g, ''));
}

// Independent SQL, written differently from the service: one query per figure, EXISTS and
// correlated sub-queries rather than one grouped statement.
const reachedStage = (stages: string[], subjectType = 'api::machine.machine') => `
  SELECT s.subject_id, (SELECT MIN(e2.at) FROM sv_pipeline_events e2 WHERE e2.subject_id = s.subject_id AND e2.subject_type = '${subjectType}'
    AND e2.kind = 'transition' AND e2.to_stage IN (${stages.map((s) => `'${s}'`).join(',')})) AS at
  FROM (SELECT DISTINCT subject_id FROM sv_pipeline_events WHERE subject_type = '${subjectType}' AND kind = 'transition'
    AND to_stage IN (${stages.map((s) => `'${s}'`).join(',')})) s`;

async function count(sql: string): Promise<Map<number, number>> {
  const { rows } = await app.sql.query(`SELECT EXTRACT(YEAR FROM at)::int AS year, COUNT(*)::int AS n FROM (${sql}) x GROUP BY 1`);
  return new Map(rows.map((r: { year: number; n: number }) => [r.year, r.n]));
}

const total = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);

describe('live impact figures on the home page', () => {
  it('equal what SQL counts in the database, in total and per year', async () => {
    const res = await app.http().get('/');
    expect(res.status).toBe(200);
    const html = res.text;

    const received = await count(`
      SELECT COALESCE((SELECT d.collected_at FROM machines_donation_lnk l JOIN donations d ON d.id = l.donation_id WHERE l.machine_id = m.id)::timestamp, m.created_at) AS at
      FROM machines m`);
    const refurbished = await count(reachedStage(['ready', 'reserved', 'handed_over']));
    const handedOver = await count(reachedStage(['handed_over']));
    const dismantled = await count(reachedStage(['dismantled']));
    const recycled = await count(reachedStage(['recycled']));
    const households = await count(`
      SELECT ph.household_id, MIN(p.at) AS at FROM (${reachedStage(['handed_over'], 'api::prescription.prescription')}) p
      JOIN prescriptions pr ON pr.document_id = p.subject_id JOIN prescriptions_household_lnk ph ON ph.prescription_id = pr.id
      GROUP BY ph.household_id`);
    const weights: Record<string, number> = { desktop: 8, laptop: 2.5, all_in_one: 10, screen: 5, other: 3 };
    const { rows: kgRows } = await app.sql.query(
      `SELECT EXTRACT(YEAR FROM r.at)::int AS year, m.type, COUNT(*)::int AS n FROM (${reachedStage(['ready', 'reserved', 'handed_over'])}) r
       JOIN machines m ON m.document_id = r.subject_id GROUP BY 1, 2`,
    );
    const kg = new Map<number, number>();
    for (const r of kgRows as Array<{ year: number; type: string; n: number }>) kg.set(r.year, (kg.get(r.year) ?? 0) + r.n * weights[r.type]);

    const expected = { received, refurbished, handedOver, households, dismantled, recycled, kg };
    // The demo data must make every figure meaningful.
    for (const [metric, byYear] of Object.entries(expected)) {
      expect({ metric, total: total(byYear) > 0 }).toEqual({ metric, total: true });
      expect({ metric, shown: figure(html, metric) }).toEqual({ metric, shown: Math.round(total(byYear)) });
      for (const [year, n] of byYear) expect({ metric, year, shown: figure(html, metric, year) }).toEqual({ metric, year, shown: Math.round(n) });
    }
    expect(total(received)).toBe(Number((await app.sql.query('SELECT count(*)::int AS n FROM machines')).rows[0].n));
  });

  it('keeps the figures for a minute, then recomputes them', async () => {
    const impact = app.strapi.plugin('site').service('impact') as { get(): Promise<{ totals: { recycled: number } }>; clear(): void };
    const first = await impact.get();
    // A unit goes to WEEE recycling (written as the pipeline writes it: a transition event).
    const { rows } = await app.sql.query(
      `SELECT m.document_id FROM machines m WHERE m.pipeline_stage = 'received' AND NOT EXISTS
        (SELECT 1 FROM sv_pipeline_events e WHERE e.subject_id = m.document_id AND e.to_stage = 'recycled') LIMIT 1`,
    );
    await app.sql.query(
      `INSERT INTO sv_pipeline_events (document_id, subject_type, subject_id, seq, kind, from_stage, to_stage, actor_type, at, hash, created_at, updated_at)
       VALUES ('testimpact00000000000000', 'api::machine.machine', $1, 999, 'transition', 'received', 'recycled', 'system', now(), 'x', now(), now())`,
      [rows[0].document_id],
    );
    expect((await impact.get()).totals.recycled).toBe(first.totals.recycled);
    impact.clear(); // what 60 seconds do
    expect((await impact.get()).totals.recycled).toBe(first.totals.recycled + 1);
  });
});

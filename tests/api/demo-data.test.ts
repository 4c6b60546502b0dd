import path from 'node:path';
import { startApp, type TestApp } from '../helpers/app';

let app: TestApp;
const q = async (sql: string, params: unknown[] = []) => (await app.sql.query(sql, params)).rows;

beforeAll(async () => {
  app = await startApp('demo');
});

afterAll(async () => {
  await app?.stop();
});

describe('demo data tells the story of the report', () => {
  const LOTS = `
      SELECT d.name, count(m.id)::int AS received, dn.announced_count AS announced
        FROM donations dn
        JOIN donations_donor_lnk dl ON dl.donation_id = dn.id
        JOIN donors d ON d.id = dl.donor_id
        LEFT JOIN machines_donation_lnk ml ON ml.donation_id = dn.id
        LEFT JOIN machines m ON m.id = ml.machine_id
       WHERE %s
       GROUP BY d.name, dn.announced_count ORDER BY d.name`;

  it('holds 1,040 machines across the 4 fleets of the story (290, 200, 120, 430), then 116 in 3 recent fleets', async () => {
    expect(Number((await q('SELECT count(*) FROM machines'))[0].count)).toBe(1040 + 116);
    expect(await q(LOTS.replace('%s', "dn.collected_at <= '2012-08-31'"))).toEqual([
      { name: 'CAF du Finistère', received: 290, announced: 290 },
      { name: 'CHU de Brest', received: 200, announced: 200 },
      { name: 'DSIT Brest métropole', received: 430, announced: 430 },
      { name: 'Université de Bretagne Occidentale (UBO)', received: 120, announced: 120 },
    ]);
    // The recent stretch is dated from the day the demo was loaded: within the last eight months.
    expect(await q(LOTS.replace('%s', "dn.collected_at > current_date - 250 AND dn.collected_at < current_date"))).toEqual([
      { name: 'Alcatel-Lucent Brest', received: 32, announced: 32 },
      { name: 'CHU de Brest', received: 46, announced: 46 },
      { name: 'Université de Bretagne Occidentale (UBO)', received: 38, announced: 38 },
    ]);
  });

  it("gives every machine its donation's donor", async () => {
    const mismatched = await q(`
      SELECT count(*)::int AS n FROM machines m
        JOIN machines_donation_lnk ml ON ml.machine_id = m.id
        JOIN donations_donor_lnk dl ON dl.donation_id = ml.donation_id
        LEFT JOIN machines_donor_lnk md ON md.machine_id = m.id
       WHERE md.donor_id IS DISTINCT FROM dl.donor_id`);
    expect(mismatched[0].n).toBe(0);
  });

  it('has a share of units that are not reusable, and varied specs', async () => {
    const unusable = Number((await q("SELECT count(*) FROM machines WHERE condition_grade = 'unusable'"))[0].count);
    expect(unusable).toBeGreaterThan(50);
    expect(unusable).toBeLessThan(400);
    expect(Number((await q('SELECT count(DISTINCT model) FROM machines'))[0].count)).toBeGreaterThanOrEqual(10);
    const [serials] = await q('SELECT count(DISTINCT serial_number)::int AS distinct, count(*)::int AS units FROM machines');
    expect(serials.distinct).toBe(serials.units);
  });

  it('labels CAF and UBO Ordi 2.0 donors in April 2012; the conventions of 2011–2012 have ended since, the CHU and the UBO signed new ones', async () => {
    const labelled = await q("SELECT name, to_char(ordi_label_date, 'YYYY-MM') AS month FROM donors WHERE ordi_label_date IS NOT NULL ORDER BY name");
    expect(labelled).toEqual([
      { name: 'CAF du Finistère', month: '2012-04' },
      { name: 'Université de Bretagne Occidentale (UBO)', month: '2012-04' },
    ]);
    const partners = await q(`
      SELECT d.name, c.state, (c.start_date > '2013-01-01') AS recent, (c.end_date IS NULL OR c.end_date >= current_date) AS running
        FROM conventions c JOIN conventions_donor_lnk l ON l.convention_id = c.id JOIN donors d ON d.id = l.donor_id
       WHERE c.kind = 'partnership' ORDER BY d.name, c.start_date`);
    expect(partners).toEqual([
      { name: 'Alcatel-Lucent Brest', state: 'signed', recent: false, running: true },
      { name: 'CAF du Finistère', state: 'expired', recent: false, running: false },
      { name: 'CHU de Brest', state: 'expired', recent: false, running: false },
      { name: 'CHU de Brest', state: 'signed', recent: true, running: true },
      { name: 'DSIT Brest métropole', state: 'expired', recent: false, running: false },
      { name: 'Université de Bretagne Occidentale (UBO)', state: 'expired', recent: false, running: false },
      { name: 'Université de Bretagne Occidentale (UBO)', state: 'signed', recent: true, running: true },
    ]);
  });

  it('has the 14 prescriptions of the report: 10 handed over in Brest, 2 pending at its end, 2 handed over elsewhere in the metropolis', async () => {
    const rows = await q(`
      SELECT h.commune, (p.handed_over_at <= '2012-08-31') AS handed_over, count(*)::int AS n
        FROM prescriptions p
        JOIN prescriptions_household_lnk hl ON hl.prescription_id = p.id
        JOIN households h ON h.id = hl.household_id
       WHERE p.received_at >= '2011-09-01' AND p.received_at <= '2012-08-31'
       GROUP BY 1, 2 ORDER BY 1, 2`);
    expect(rows).toEqual([
      { commune: 'Brest', handed_over: false, n: 2 },
      { commune: 'Brest', handed_over: true, n: 10 },
      { commune: 'Guipavas', handed_over: true, n: 1 },
      { commune: 'Plouzané', handed_over: true, n: 1 },
    ]);
    // All 14 equipped in the end (the 2 pending ones in the autumn of 2012), then 6 of the 9 recent files.
    const withMachine = await q(`
      SELECT (p.received_at <= '2012-08-31') AS story, count(DISTINCT l.prescription_id)::int AS n
        FROM machines_prescription_lnk l JOIN prescriptions p ON p.id = l.prescription_id GROUP BY 1 ORDER BY 1`);
    expect(withMachine).toEqual([{ story: false, n: 6 }, { story: true, n: 14 }]);
  });

  it('has follow-ups for today: next steps due or overdue (none of 2012), a convention to renew within two months', async () => {
    const relations = (name: string) => app.strapi.plugin('relations').service(name);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
    const due = (await relations('steps').openSteps(today)) as Array<{ party: string; due: string }>;
    expect(due.map((s) => s.party).sort()).toEqual(['CHU de Brest', 'Technopôle Brest-Iroise']);
    const soon = await q("SELECT count(*)::int AS n FROM interactions WHERE next_step_done_at IS NULL AND next_step_due > $1", [today]);
    expect(soon[0].n).toBe(1);
    const expiring = (await relations('conventions').expiring()) as Array<{ party: string }>;
    expect(expiring.map((c) => c.party)).toEqual(['CHU de Brest']);
  });

  it('has flat screens below their low-stock threshold', async () => {
    const screens = await q("SELECT quantity_on_hand, low_stock_threshold FROM parts WHERE category = 'flat_screen'");
    expect(screens.length).toBeGreaterThan(0);
    for (const s of screens) expect(s.quantity_on_hand).toBeLessThan(s.low_stock_threshold);
  });

  it('has the team: a dozen volunteers with the bench names, trainings, permanences, presences that never overlap, two sign-outs to regularise', async () => {
    const names = (await q('SELECT name FROM volunteers ORDER BY start_date, name')).map((r) => r.name);
    expect(names).toHaveLength(12);
    for (const bench of ['Marie K.', 'Yannick L.', 'Solène P.', 'Gaël T.']) expect(names).toContain(bench);
    const [counts] = await q(
      `SELECT (SELECT count(*)::int FROM trainings) AS trainings, (SELECT count(*)::int FROM permanences) AS permanences,
              (SELECT count(*)::int FROM volunteer_presences) AS presences, (SELECT count(*)::int FROM volunteer_presences WHERE signed_out_at IS NULL) AS open,
              (SELECT count(*)::int FROM volunteer_presences WHERE title IS NULL) AS untitled`
    );
    expect(counts.trainings).toBe(5);
    expect(counts.permanences).toBeGreaterThan(100);
    expect(counts.presences).toBeGreaterThan(400);
    expect(counts.open).toBe(2);
    expect(counts.untitled).toBe(0);
    const [overlaps] = await q(
      `SELECT count(*)::int AS n
         FROM volunteer_presences a JOIN volunteer_presences_volunteer_lnk la ON la.volunteer_presence_id = a.id
         JOIN volunteer_presences_volunteer_lnk lb ON lb.volunteer_id = la.volunteer_id AND lb.volunteer_presence_id > a.id
         JOIN volunteer_presences b ON b.id = lb.volunteer_presence_id
        WHERE a.signed_in_at < coalesce(b.signed_out_at, 'infinity') AND b.signed_in_at < coalesce(a.signed_out_at, 'infinity')`
    );
    expect(overlaps.n).toBe(0);
  });

  it('gives the volunteers who erase today a valid erasure grant (the recent refresher); January 2012’s expired long ago', async () => {
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
    const valid = await q(
      `SELECT v.name, g.granted_on::text AS granted_on FROM skill_grants g
         JOIN skill_grants_volunteer_lnk gv ON gv.skill_grant_id = g.id JOIN volunteers v ON v.id = gv.volunteer_id
         JOIN skill_grants_skill_lnk gs ON gs.skill_grant_id = g.id JOIN skills s ON s.id = gs.skill_id
        WHERE s.key = 'erasure' AND g.granted_on <= $1 AND (g.expires_on IS NULL OR g.expires_on >= $1) ORDER BY v.name`,
      [today]
    );
    expect(valid.map((r) => r.name)).toEqual(['Gaël T.', 'Marie K.', 'Solène P.', 'Yannick L.']);
    expect(valid.every((r) => r.granted_on > '2020-01-01')).toBe(true);
  });

  it('is idempotent: loading it again creates nothing', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built app, loaded at run time from dist/
    const { seedDemo } = require(path.resolve(__dirname, '../../dist/src/seed/demo.js'));
    const before = await q('SELECT (SELECT count(*) FROM machines) m, (SELECT count(*) FROM donors) d, (SELECT count(*) FROM conventions) c');
    const report = await seedDemo(app.strapi);
    expect(report.created).toEqual({});
    expect(await q('SELECT (SELECT count(*) FROM machines) m, (SELECT count(*) FROM donors) d, (SELECT count(*) FROM conventions) c')).toEqual(before);
  });
});

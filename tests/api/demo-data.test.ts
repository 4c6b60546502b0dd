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
  it('holds 1,040 machines across the 4 collected fleets (290, 200, 120, 430)', async () => {
    expect(Number((await q('SELECT count(*) FROM machines'))[0].count)).toBe(1040);
    const lots = await q(`
      SELECT d.name, count(m.id)::int AS received, dn.announced_count AS announced
        FROM donations dn
        JOIN donations_donor_lnk dl ON dl.donation_id = dn.id
        JOIN donors d ON d.id = dl.donor_id
        LEFT JOIN machines_donation_lnk ml ON ml.donation_id = dn.id
        LEFT JOIN machines m ON m.id = ml.machine_id
       GROUP BY d.name, dn.announced_count ORDER BY d.name`);
    expect(lots).toEqual([
      { name: 'CAF du Finistère', received: 290, announced: 290 },
      { name: 'CHU de Brest', received: 200, announced: 200 },
      { name: 'DSIT Brest métropole', received: 430, announced: 430 },
      { name: 'Université de Bretagne Occidentale (UBO)', received: 120, announced: 120 },
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
    expect(Number((await q('SELECT count(DISTINCT serial_number) FROM machines'))[0].count)).toBe(1040);
  });

  it('labels CAF and UBO Ordi 2.0 donors in April 2012, with their partnership conventions', async () => {
    const labelled = await q("SELECT name, to_char(ordi_label_date, 'YYYY-MM') AS month FROM donors WHERE ordi_label_date IS NOT NULL ORDER BY name");
    expect(labelled).toEqual([
      { name: 'CAF du Finistère', month: '2012-04' },
      { name: 'Université de Bretagne Occidentale (UBO)', month: '2012-04' },
    ]);
    const partners = await q(`
      SELECT d.name FROM conventions c JOIN conventions_donor_lnk l ON l.convention_id = c.id JOIN donors d ON d.id = l.donor_id
       WHERE c.kind = 'partnership' AND c.state = 'signed' ORDER BY d.name`);
    expect(partners.map((r: { name: string }) => r.name)).toEqual(['Alcatel-Lucent Brest', 'CAF du Finistère', 'CHU de Brest', 'DSIT Brest métropole', 'Université de Bretagne Occidentale (UBO)']);
  });

  it('has 14 prescriptions: 10 handed over in Brest, 2 pending, 2 handed over elsewhere in the metropolis', async () => {
    const rows = await q(`
      SELECT h.commune, (p.handed_over_at IS NOT NULL) AS handed_over, count(*)::int AS n
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
    const withMachine = await q('SELECT count(DISTINCT prescription_id)::int AS n FROM machines_prescription_lnk');
    expect(withMachine[0].n).toBe(12);
  });

  it('has flat screens below their low-stock threshold', async () => {
    const screens = await q("SELECT quantity_on_hand, low_stock_threshold FROM parts WHERE category = 'flat_screen'");
    expect(screens.length).toBeGreaterThan(0);
    for (const s of screens) expect(s.quantity_on_hand).toBeLessThan(s.low_stock_threshold);
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

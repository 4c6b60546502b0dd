import { createWorkshop, defaultWorkshop } from '../helpers/network';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp';
import { startApp, type TestApp } from '../helpers/app';

/**
 * Issue 19: a public offer (or volunteer application) goes to the workshop whose postcodes cover
 * the visitor's, its e-mail to that workshop's coordinators; /reseau lists the workshops (public
 * facts only) and each workshop's figures, which add up to the network's.
 */

const BREST_COORDINATION = 'coordination-brest@atelier.test';
const MORLAIX_COORDINATION = 'coordination-morlaix@atelier.test';

let app: TestApp;
let smtp: SmtpCapture;
let base: string;
let brest: { id: number; code: string };
let morlaix: { id: number; code: string };

const offer = (over: Record<string, string>) => ({
  organisation: 'Mairie de Plourin',
  contactName: 'Anne Le Gall',
  email: 'anne@plourin.test',
  quantity: '12',
  equipment: 'laptop',
  location: 'Morlaix',
  message: '',
  ...over,
});

const post = (path: string, form: Record<string, string>) => app.http().post(path).type('form').set('Origin', new URL(base).origin).send(form);

/** The workshop of the interaction the offer of `organisation` created, and the donor's follower. */
async function offerWorkshop(organisation: string): Promise<{ interaction: number; followedBy: number; postalCode: string | null }> {
  const { rows } = await app.sql.query(
    `SELECT iw.workshop_id AS interaction, df.workshop_id AS "followedBy", d.postal_code AS "postalCode"
     FROM donors d
     JOIN interactions_donor_lnk l ON l.donor_id = d.id
     JOIN interactions_workshop_lnk iw ON iw.interaction_id = l.interaction_id
     LEFT JOIN donors_followed_by_lnk df ON df.donor_id = d.id
     WHERE d.name = $1`,
    [organisation],
  );
  expect(rows).toHaveLength(1);
  return rows[0];
}

beforeAll(async () => {
  smtp = await startSmtpCapture();
  process.env.SMTP_PORT = String(smtp.port);
  delete process.env.COORDINATORS_EMAIL;
  app = await startApp('demo');
  base = await app.listen();
  brest = await defaultWorkshop(app);
  // The demo's Morlaix (code MX) covers these postcodes already: this file's Morlaix is that one, renamed.
  await app.sql.query(`UPDATE workshops SET code = 'MO', name = 'Atelier de Morlaix', postal_codes = '29600,29610' WHERE code = 'MX'`);
  morlaix =
    ((await app.strapi.db.query('api::workshop.workshop').findOne({ where: { code: 'MO' } })) as typeof morlaix | null) ??
    (await createWorkshop(app, { name: 'Atelier de Morlaix', commune: 'Morlaix', code: 'MO', postalCodes: '29600,29610' }));
  await app.sql.query('UPDATE workshops SET coordinators_email = $1 WHERE id = $2', [BREST_COORDINATION, brest.id]);
  await app.sql.query('UPDATE workshops SET coordinators_email = $1, address = $2, postal_code = $3 WHERE id = $4', [MORLAIX_COORDINATION, '3 rue de Brest', '29600', morlaix.id]);
});

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

beforeEach(async () => {
  await app.sql.query('DELETE FROM sv_site_offer_attempts');
});

describe('public offers go to the workshop covering their postcode', () => {
  it('an offer from 29600 Morlaix lands in Morlaix and is e-mailed to Morlaix’s coordinators only', async () => {
    const res = await post('/donner', offer({ organisation: 'Mairie de Plourin', postalCode: '29 600' }));
    expect(res.status).toBe(200);
    expect(await offerWorkshop('Mairie de Plourin')).toEqual({ interaction: morlaix.id, followedBy: morlaix.id, postalCode: '29600' });
    const mail = await smtp.waitFor((m) => m.parsed.subject?.includes('Mairie de Plourin') === true && !m.to.includes('anne@plourin.test'));
    expect(mail.to).toEqual([MORLAIX_COORDINATION]);
    expect(mail.parsed.text).toContain('Atelier destinataire : Atelier de Morlaix');
    expect(smtp.messages.filter((m) => m.parsed.subject?.includes('Mairie de Plourin') && m.to.includes(BREST_COORDINATION))).toHaveLength(0);
  });

  it('an offer from 29200 Brest (postcode typed with the commune) goes to Brest', async () => {
    const res = await post('/donner', offer({ organisation: 'UBO Brest', location: '29200 Brest', email: 'dsi@ubo.test' }));
    expect(res.status).toBe(200);
    expect(await offerWorkshop('UBO Brest')).toMatchObject({ interaction: brest.id, followedBy: brest.id, postalCode: '29200' });
    const mail = await smtp.waitFor((m) => m.parsed.subject?.includes('UBO Brest') === true && !m.to.includes('dsi@ubo.test'));
    expect(mail.to).toEqual([BREST_COORDINATION]);
  });

  it('an offer from 75001, or with no postcode, goes to the default workshop', async () => {
    expect((await post('/donner', offer({ organisation: 'Mairie de Paris 1er', location: 'Paris', postalCode: '75001', email: 'dsi@paris.test' }))).status).toBe(200);
    expect(await offerWorkshop('Mairie de Paris 1er')).toMatchObject({ interaction: brest.id, followedBy: brest.id });
    expect((await smtp.waitFor((m) => m.parsed.subject?.includes('Mairie de Paris 1er') === true && !m.to.includes('dsi@paris.test'))).to).toEqual([BREST_COORDINATION]);

    expect((await post('/donner', offer({ organisation: 'Sans code postal', location: 'Morlaix', email: 'x@sans.test' }))).status).toBe(200);
    expect(await offerWorkshop('Sans code postal')).toMatchObject({ interaction: brest.id });
  });

  it('refuses a malformed postcode with a French message, and stores nothing', async () => {
    const { rows: before } = await app.sql.query('SELECT (SELECT COUNT(*) FROM donors)::int AS d, (SELECT COUNT(*) FROM interactions)::int AS i');
    const res = await post('/donner', offer({ organisation: 'Code faux', postalCode: '2960' }));
    expect(res.status).toBe(400);
    expect(res.text).toContain('Le code postal n’est pas valide');
    const { rows: after } = await app.sql.query('SELECT (SELECT COUNT(*) FROM donors)::int AS d, (SELECT COUNT(*) FROM interactions)::int AS i');
    expect(after).toEqual(before);
  });

  it('a volunteer application from 29610 goes to Morlaix, its e-mail to Morlaix’s coordinators', async () => {
    const res = await post('/devenir-benevole', { name: 'Gwen Candidate', email: 'gwen@benevole.test', postalCode: '29610', consent: 'oui' });
    expect(res.status).toBe(200);
    const { rows } = await app.sql.query(
      `SELECT vw.workshop_id FROM volunteers v JOIN volunteers_workshop_lnk vw ON vw.volunteer_id = v.id WHERE v.name = 'Gwen Candidate'`,
    );
    expect(rows).toEqual([{ workshop_id: morlaix.id }]);
    const mail = await smtp.waitFor((m) => m.parsed.subject?.includes('Gwen Candidate') === true);
    expect(mail.to).toEqual([MORLAIX_COORDINATION]);
  });
});

const METRICS = ['received', 'refurbished', 'handedOver', 'households', 'dismantled', 'recycled', 'kg'] as const;
type Metric = (typeof METRICS)[number];

/** A figure of the network page's table: `data-workshop="MO" data-metric="kg"`, or the network's row. */
function cell(html: string, attr: string, metric: string): number {
  const match = new RegExp(`${attr} data-metric="${metric}">([^<]+)<`).exec(html);
  if (!match) throw new Error(`aucun chiffre ${attr} ${metric}`);
  return Number(match[1].replace(/[\s\u202f\u00a0]/g, '').replace(',', '.'));
}
const card = (html: string, metric: string): number => cell(html, '<strong', metric);

/**
 * Independent SQL, one statement per figure: each workshop's count (a record without a workshop
 * counts for the default one), from the link tables.
 */
async function expectedFigures(): Promise<Record<number, Record<Metric, number>> & { network: Record<Metric, number> }> {
  const def = brest.id;
  const machineWs = `COALESCE((SELECT l.workshop_id FROM machines_workshop_lnk l WHERE l.machine_id = m.id LIMIT 1), ${def})`;
  const reached = (stages: string[]) =>
    `SELECT DISTINCT e.subject_id FROM sv_pipeline_events e WHERE e.subject_type = 'api::machine.machine' AND e.kind = 'transition' AND e.to_stage IN (${stages.map((s) => `'${s}'`).join(',')})`;
  const byWs = async (sql: string): Promise<Map<number, number>> => {
    const { rows } = await app.sql.query(sql);
    return new Map(rows.map((r: { ws: number; n: string | number }) => [Number(r.ws), Number(r.n)]));
  };
  const units = (stages: string[]) =>
    byWs(`SELECT ${machineWs} AS ws, COUNT(*) AS n FROM (${reached(stages)}) r JOIN machines m ON m.document_id = r.subject_id GROUP BY 1`);
  const figures: Record<Metric, Map<number, number>> = {
    received: await byWs(`SELECT ${machineWs} AS ws, COUNT(*) AS n FROM machines m GROUP BY 1`),
    refurbished: await units(['ready', 'reserved', 'handed_over']),
    handedOver: await units(['handed_over']),
    dismantled: await units(['dismantled']),
    recycled: await units(['recycled']),
    kg: await byWs(
      `SELECT ${machineWs} AS ws, SUM(CASE m.type WHEN 'desktop' THEN 8 WHEN 'laptop' THEN 2.5 WHEN 'all_in_one' THEN 10 WHEN 'server' THEN 15 WHEN 'screen' THEN 5 ELSE 3 END) AS n
       FROM (${reached(['ready', 'reserved', 'handed_over'])}) r JOIN machines m ON m.document_id = r.subject_id GROUP BY 1`,
    ),
    households: await byWs(
      `SELECT COALESCE(pw.workshop_id, ${def}) AS ws, COUNT(DISTINCT ph.household_id) AS n
       FROM prescriptions p JOIN prescriptions_household_lnk ph ON ph.prescription_id = p.id
       LEFT JOIN prescriptions_workshop_lnk pw ON pw.prescription_id = p.id
       WHERE EXISTS (SELECT 1 FROM sv_pipeline_events e WHERE e.subject_type = 'api::prescription.prescription' AND e.kind = 'transition'
                     AND e.to_stage = 'handed_over' AND e.subject_id = p.document_id)
       GROUP BY 1`,
    ),
  };
  const result = { network: {} } as Record<number, Record<Metric, number>> & { network: Record<Metric, number> };
  for (const id of [brest.id, morlaix.id]) result[id] = Object.fromEntries(METRICS.map((m) => [m, figures[m].get(id) ?? 0])) as Record<Metric, number>;
  const { rows } = await app.sql.query(
    `SELECT COUNT(DISTINCT ph.household_id)::int AS n FROM prescriptions p JOIN prescriptions_household_lnk ph ON ph.prescription_id = p.id
     WHERE EXISTS (SELECT 1 FROM sv_pipeline_events e WHERE e.subject_type = 'api::prescription.prescription' AND e.kind = 'transition'
                   AND e.to_stage = 'handed_over' AND e.subject_id = p.document_id)`,
  );
  result.network = Object.fromEntries(METRICS.map((m) => [m, m === 'households' ? rows[0].n : [...figures[m].values()].reduce((a, b) => a + b, 0)])) as Record<Metric, number>;
  return result;
}

describe('the network page and each workshop’s impact', () => {
  beforeAll(async () => {
    // Morlaix takes over part of the demo's activity: one unit in three (with its history) and one
    // prescription in two, so that every figure is shared between the two workshops.
    const everyNth = (table: string, n: number) => `SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM ${table}) x WHERE rn % ${n} = 0`;
    for (const [table, column, n] of [['machines', 'machine_id', 3], ['prescriptions', 'prescription_id', 2]] as const) {
      await app.sql.query(`UPDATE ${table}_workshop_lnk SET workshop_id = $1 WHERE ${column} IN (${everyNth(table, n)})`, [morlaix.id]);
      await app.sql.query(
        `INSERT INTO ${table}_workshop_lnk (${column}, workshop_id) SELECT m.id, $1 FROM (${everyNth(table, n)}) m
         WHERE NOT EXISTS (SELECT 1 FROM ${table}_workshop_lnk l WHERE l.${column} = m.id)`,
        [morlaix.id],
      );
    }
    (app.strapi.plugin('site').service('impact') as { clear(): void }).clear();
  });

  it('lists both workshops with their place and postcodes, links each to its page, shows no e-mail or staff', async () => {
    const res = await app.http().get('/reseau');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(res.text)?.[1] ?? '';
    expect(main).toContain('Atelier de Morlaix');
    expect(main).toContain('3 rue de Brest, 29600 Morlaix');
    expect(main).toContain('codes postaux commençant par 29600, 29610');
    expect(main).toContain(`href="/reseau/${brest.code}"`);
    expect(main).toContain('href="/reseau/MO"');
    const { rows } = await app.sql.query('SELECT name FROM workshops WHERE id = $1', [brest.id]);
    expect(main).toContain(rows[0].name);
    // Public facts only: no address of coordinators, no e-mail at all in the page's content.
    expect(res.text).not.toContain(BREST_COORDINATION);
    expect(res.text).not.toContain(MORLAIX_COORDINATION);
    expect(main).not.toMatch(/@|mailto:/);
    expect((await app.http().get('/sitemap.xml')).text).toContain('/reseau/MO</loc>');
  });

  it('each workshop’s figures equal what SQL counts, and add up to the network’s', async () => {
    const expected = await expectedFigures();
    const html = (await app.http().get('/reseau')).text;
    // The demo and the move above must make every figure meaningful for both workshops.
    for (const metric of METRICS) {
      for (const id of [brest.id, morlaix.id]) expect({ metric, id, some: expected[id][metric] > 0 }).toEqual({ metric, id, some: true });
    }
    for (const metric of METRICS) {
      const mo = cell(html, 'data-workshop="MO"', metric);
      const sv = cell(html, `data-workshop="${brest.code}"`, metric);
      const network = cell(html, 'data-network="total"', metric);
      expect({ metric, mo, sv, network }).toEqual({
        metric,
        mo: Math.round(expected[morlaix.id][metric]),
        sv: Math.round(expected[brest.id][metric]),
        network: Math.round(expected.network[metric]),
      });
      if (metric === 'households') expect(network).toBeLessThanOrEqual(mo + sv);
      else expect(Math.round(expected[morlaix.id][metric] + expected[brest.id][metric])).toBe(network);
      // The network's cards show the same totals.
      expect({ metric, card: card(html, metric) }).toEqual({ metric, card: network });
    }
    // Every machine belongs to one of the two workshops: received adds up to the table.
    const { rows } = await app.sql.query('SELECT COUNT(*)::int AS n FROM machines');
    expect(cell(html, 'data-network="total"', 'received')).toBe(rows[0].n);
  });

  it('/reseau/MO shows Morlaix’s figures only; an unknown code is a French 404', async () => {
    const expected = await expectedFigures();
    const res = await app.http().get('/reseau/mo');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Atelier de Morlaix</h1>');
    for (const metric of METRICS) expect({ metric, shown: card(res.text, metric) }).toEqual({ metric, shown: Math.round(expected[morlaix.id][metric]) });
    expect(res.text).not.toContain(MORLAIX_COORDINATION);

    const missing = await app.http().get('/reseau/ZZ');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('Atelier introuvable');
  });
});

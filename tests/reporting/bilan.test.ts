import ExcelJS from 'exceljs';
import { startApp, type TestApp } from '../helpers/app';
import { adminToken } from '../helpers/admin';
import { binary } from '../documents/helpers/admin';
import type { VolunteerFigures } from '../../src/plugins/reporting/shared/contracts';

/**
 * The bilan on the demo data, every figure checked against a SQL query written here, apart from
 * the plugin's (one COUNT per figure, with EXISTS instead of its joins and ROLLUP).
 */
let app: TestApp;
let jwt: string;
const auth = () => ({ Authorization: `Bearer ${jwt}` });

const SEED_PERIOD = { from: '2011-09-01', to: '2012-08-31' };
const BMO = ['Bohars', 'Brest', 'Gouesnou', 'Guilers', 'Guipavas', 'Le Relecq-Kerhuon', 'Plougastel-Daoulas', 'Plouzané'];

interface Figure {
  value: number;
  link: string | null;
}
type Row = Record<string, Figure> & { name: string; donorId: number | null; prescriberId: number | null; commune: string };

const count = async (sql: string, params: unknown[]) => Number((await app.sql.query(sql, params)).rows[0].n);

const getBilan = async (query: Record<string, string>) => {
  const res = await app.http().get('/reporting/bilan').query(query).set(auth());
  expect(res.status).toBe(200);
  return res.body.data as {
    volunteers: VolunteerFigures;
    donors: Row[];
    donorTotal: Row;
    prescribers: Row[];
    prescriberTotal: Row;
    communes: Row[];
    households: Record<string, Figure>;
    activity: Record<string, Figure>;
    outreach: Record<string, Figure>;
    params: { territoryLabel: string };
    programme: { name: string } | null;
  };
};

// --- independent SQL, one figure at a time ---------------------------------------------------

function donorSql(donorId: number | null, stage: 'all' | 'reused' | 'handed_over' | 'dismantled' | 'recycled' | 'in_progress') {
  const stages: Record<string, string> = {
    all: 'TRUE',
    reused: "m.pipeline_stage IN ('ready', 'reserved', 'handed_over')",
    handed_over: "m.pipeline_stage = 'handed_over'",
    dismantled: "m.pipeline_stage = 'dismantled'",
    recycled: "m.pipeline_stage = 'recycled'",
    in_progress: "m.pipeline_stage NOT IN ('ready', 'reserved', 'handed_over', 'dismantled', 'recycled')",
  };
  return `SELECT count(*) AS n FROM machines m
           WHERE ${stages[stage]}
             AND EXISTS (SELECT 1 FROM machines_donation_lnk l JOIN donations dn ON dn.id = l.donation_id
                           JOIN donations_donor_lnk dl ON dl.donation_id = dn.id
                          WHERE l.machine_id = m.id AND dn.collected_at >= $1 AND dn.collected_at <= $2
                            ${donorId === null ? '' : `AND dl.donor_id = ${Number(donorId)}`})`;
}

type PFigure = 'received' | 'accepted' | 'handedOver' | 'pending';
function prescriptionSql(figure: PFigure, scope: { prescriberId?: number | null; commune?: string; communes?: string[] | null }) {
  const where: Record<PFigure, string> = {
    received: 'p.received_at >= $1 AND p.received_at <= $2',
    accepted: "p.decided_at >= $1 AND p.decided_at <= $2 AND p.pipeline_stage NOT IN ('received', 'reviewing', 'refused')",
    handedOver: 'p.handed_over_at >= $1 AND p.handed_over_at <= $2',
    pending: "p.received_at <= $2 AND (p.handed_over_at IS NULL OR p.handed_over_at > $2) AND p.pipeline_stage NOT IN ('refused', 'withdrawn') AND $1::date IS NOT NULL",
  };
  const conditions = [where[figure]];
  if (scope.communes) conditions.push(`EXISTS (SELECT 1 FROM prescriptions_household_lnk x JOIN households h ON h.id = x.household_id WHERE x.prescription_id = p.id AND h.commune = ANY($3::text[]))`);
  if (scope.commune) conditions.push(`EXISTS (SELECT 1 FROM prescriptions_household_lnk x JOIN households h ON h.id = x.household_id WHERE x.prescription_id = p.id AND h.commune = '${scope.commune.replace(/'/g, "''")}')`);
  if (scope.prescriberId) conditions.push(`EXISTS (SELECT 1 FROM prescriptions_prescriber_lnk y WHERE y.prescription_id = p.id AND y.prescriber_id = ${Number(scope.prescriberId)})`);
  return `SELECT count(*) AS n FROM prescriptions p WHERE ${conditions.join(' AND ')}`;
}

async function expectBilanMatchesSql(territory: string | null) {
  const communes = territory === 'bmo' ? BMO : territory === 'brest' ? ['Brest'] : null;
  const b = await getBilan({ ...SEED_PERIOD, ...(territory ? { territory } : {}) });
  const params = [SEED_PERIOD.from, SEED_PERIOD.to];
  const pParams = communes ? [...params, communes] : params;

  // Donors: units of the lots collected in the period, and what became of them.
  const donorNames = (await app.sql.query(
    `SELECT DISTINCT d.id, d.name FROM donors d JOIN donations_donor_lnk dl ON dl.donor_id = d.id JOIN donations dn ON dn.id = dl.donation_id
      WHERE dn.collected_at BETWEEN $1 AND $2 AND EXISTS (SELECT 1 FROM machines_donation_lnk l WHERE l.donation_id = dn.id) ORDER BY d.name`,
    params
  )).rows as Array<{ id: number; name: string }>;
  expect(b.donors.map((d) => d.name)).toEqual(donorNames.map((d) => d.name));
  for (const row of [...b.donors, b.donorTotal]) {
    const id = row.donorId;
    expect([row.name, row.received.value]).toEqual([row.name, await count(donorSql(id, 'all'), params)]);
    expect([row.name, row.reused.value]).toEqual([row.name, await count(donorSql(id, 'reused'), params)]);
    expect([row.name, row.handedOver.value]).toEqual([row.name, await count(donorSql(id, 'handed_over'), params)]);
    expect([row.name, row.dismantled.value]).toEqual([row.name, await count(donorSql(id, 'dismantled'), params)]);
    expect([row.name, row.recycled.value]).toEqual([row.name, await count(donorSql(id, 'recycled'), params)]);
    expect([row.name, row.inProgress.value]).toEqual([row.name, await count(donorSql(id, 'in_progress'), params)]);
  }

  // Prescribers (within the territory) and their total.
  for (const row of [...b.prescribers, b.prescriberTotal]) {
    for (const figure of ['received', 'accepted', 'handedOver', 'pending'] as const) {
      const expected = await count(prescriptionSql(figure, { prescriberId: row.prescriberId, communes }), pParams);
      expect([row.name, figure, row[figure].value]).toEqual([row.name, figure, expected]);
    }
  }

  // Communes.
  for (const row of b.communes) {
    for (const figure of ['received', 'handedOver', 'pending'] as const) {
      const expected = await count(prescriptionSql(figure, { commune: row.commune, communes }), pParams);
      expect([row.commune, figure, row[figure].value]).toEqual([row.commune, figure, expected]);
    }
  }
  const communeSum = b.communes.reduce((s, c) => s + c.handedOver.value, 0);
  expect(communeSum).toBe(b.prescriberTotal.handedOver.value);

  // Households equipped in the period, those with children in collège, and how many children.
  const householdScope = `FROM households h WHERE EXISTS (SELECT 1 FROM prescriptions_household_lnk x JOIN prescriptions p ON p.id = x.prescription_id
      WHERE x.household_id = h.id AND p.handed_over_at BETWEEN $1 AND $2)${communes ? ' AND h.commune = ANY($3::text[])' : ''}`;
  expect(b.households.equipped.value).toBe(await count(`SELECT count(*) AS n ${householdScope}`, pParams));
  expect(b.households.withCollegeChildren.value).toBe(await count(`SELECT count(*) AS n ${householdScope} AND h.children_in_college > 0`, pParams));
  expect(b.households.collegeChildren.value).toBe(await count(`SELECT coalesce(sum(h.children_in_college), 0) AS n ${householdScope} AND h.children_in_college > 0`, pParams));

  // What the line did in the period, from the history.
  const entered = (stage: string) =>
    count(
      `SELECT count(*) AS n FROM machines m WHERE EXISTS (SELECT 1 FROM sv_pipeline_events e WHERE e.subject_id = m.document_id
         AND e.subject_type = 'api::machine.machine' AND e.kind = 'transition' AND e.to_stage = '${stage}'
         AND e.at >= $1::date AND e.at < $2::date + 1)`,
      params
    );
  expect(b.activity.refurbished.value).toBe(await entered('ready'));
  expect(b.activity.handedOver.value).toBe(await entered('handed_over'));
  expect(b.activity.dismantled.value).toBe(await entered('dismantled'));
  expect(b.activity.recycled.value).toBe(await entered('recycled'));

  // Outreach.
  const outreach = `FROM sv_outreach_recipients r WHERE r.delivery IN ('sent', 'letter') AND r.sent_at >= $1::date AND r.sent_at < $2::date + 1`;
  expect(b.outreach.sent.value).toBe(await count(`SELECT count(*) AS n ${outreach}`, params));
  expect(b.outreach.answered.value).toBe(await count(`SELECT count(*) AS n ${outreach} AND r.outcome <> 'no_answer'`, params));
  return b;
}

// --- the content manager's own count for a link ----------------------------------------------

async function contentManagerTotal(link: string): Promise<number> {
  const [pathPart, query] = link.split('?');
  const uid = pathPart.split('/').pop();
  const res = await app.http().get(`/content-manager/collection-types/${uid}?${query}`).set(auth());
  expect(res.status).toBe(200);
  return res.body.pagination.total as number;
}

beforeAll(async () => {
  app = await startApp('demo');
  jwt = await adminToken(app);
  // A campaign of the outreach plugin, next to the demo's (4 letters to the collèges of Brest in
  // October 2011, never answered): 3 sent in the period, 2 answered, 1 sent after it, 2 never sent.
  const campaign = await app.strapi.db.query('plugin::outreach.campaign').create({
    data: { name: 'Courrier aux collèges 2012', audience: { target: 'prescriber' }, channel: 'both', subject: 'Ordinateurs pour les familles', body: 'Bonjour', status: 'sent', sentAt: '2012-07-10T08:00:00.000Z' },
  });
  const recipients = [
    { name: 'Collège de Kerhallet', delivery: 'letter', sentAt: '2012-07-10T08:00:00.000Z', outcome: 'no_answer' },
    { name: "Collège Penn ar C'hleuz", delivery: 'sent', sentAt: '2012-07-10T08:00:00.000Z', outcome: 'answered', outcomeAt: '2012-07-20T08:00:00.000Z' },
    { name: "Collège de l'Harteloire", delivery: 'sent', sentAt: '2012-07-10T08:00:00.000Z', outcome: 'meeting_set', outcomeAt: '2012-08-20T08:00:00.000Z' },
    { name: 'Collège des Quatre Moulins', delivery: 'failed', sentAt: null, outcome: 'no_answer' },
    { name: 'CCAS de Guipavas', delivery: 'sent', sentAt: '2012-09-15T08:00:00.000Z', outcome: 'declined' },
    { name: 'CDAS de Brest Bellevue', delivery: 'pending', sentAt: null, outcome: 'no_answer' },
  ];
  for (const r of recipients) await app.strapi.db.query('plugin::outreach.recipient').create({ data: { ...r, campaign: campaign.id } });
});

afterAll(async () => {
  await app?.stop();
});

describe('bilan on the demo data', () => {
  it('gives the seed report’s own figures for Sept. 2011 – Aug. 2012: 10 handed over in Brest, 2 pending', async () => {
    const b = await getBilan({ ...SEED_PERIOD, territory: 'brest' });
    expect(b.params.territoryLabel).toBe('Brest');
    expect(b.prescriberTotal.handedOver.value).toBe(10);
    expect(b.prescriberTotal.pending.value).toBe(2);
    expect(b.communes.map((c) => [c.commune, c.handedOver.value, c.pending.value])).toEqual([['Brest', 10, 2]]);
    expect(b.households.equipped.value).toBe(10);
  });

  it('counts the 2 households equipped elsewhere in Brest métropole (Guipavas, Plouzané)', async () => {
    const b = await getBilan({ ...SEED_PERIOD, territory: 'bmo' });
    expect(b.prescriberTotal.handedOver.value).toBe(12);
    const others = b.communes.filter((c) => c.commune !== 'Brest');
    expect(others.map((c) => [c.commune, c.handedOver.value])).toEqual([
      ['Guipavas', 1],
      ['Plouzané', 1],
    ]);
    expect(others.reduce((s, c) => s + c.handedOver.value, 0)).toBe(2);
  });

  it('gives the team’s figures of the demo: hours, active volunteers, trainings, valuation, equal to an independent SQL sum', async () => {
    const b = await getBilan(SEED_PERIOD);
    const v = b.volunteers;
    const [sql] = (
      await app.sql.query(
        `SELECT coalesce(sum(round(extract(epoch FROM p.signed_out_at - p.signed_in_at) / 60)), 0)::int AS minutes,
                count(p.signed_out_at)::int AS presences, count(DISTINCT l.volunteer_id)::int AS active,
                count(*) FILTER (WHERE p.signed_out_at IS NULL)::int AS open
           FROM volunteer_presences p JOIN volunteer_presences_volunteer_lnk l ON l.volunteer_presence_id = p.id
          WHERE ((p.signed_in_at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris')::date BETWEEN '2011-09-01' AND '2012-08-31'`
      )
    ).rows;
    expect(sql.minutes).toBeGreaterThan(100 * 60);
    expect(v).toMatchObject({ minutes: sql.minutes, presences: sql.presences, activeVolunteers: sql.active, toRegularise: sql.open, hourlyRate: 12.02, valuationUnit: 'month' });
    // The story's forgotten sign-out (Thierry G., 12 June 2012) counts nothing and is to regularise.
    expect(sql.open).toBe(1);
    expect(v.hours).toBe(Math.round((sql.minutes / 60) * 100) / 100);
    // Trainings held in the period: November 2011, January and March 2012.
    const [t] = (await app.sql.query("SELECT count(*)::int AS n FROM trainings WHERE date BETWEEN '2011-09-01' AND '2012-08-31'")).rows;
    expect(v.trainings.held).toBe(t.n);
    expect(t.n).toBe(3);
    // By month: each line hours × 12,02 €, rounded to the cent; the total their sum.
    const [months] = (
      await app.sql.query(
        `SELECT json_agg(json_build_array(m, minutes) ORDER BY m) AS rows FROM (
           SELECT to_char(((signed_in_at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris')::date, 'YYYY-MM') AS m,
                  sum(round(extract(epoch FROM signed_out_at - signed_in_at) / 60))::int AS minutes
             FROM volunteer_presences
            WHERE signed_out_at IS NOT NULL AND ((signed_in_at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris')::date BETWEEN '2011-09-01' AND '2012-08-31'
            GROUP BY 1) x`
      )
    ).rows;
    expect(v.valuation.map((r: { period: string; minutes: number }) => [r.period, r.minutes])).toEqual(months.rows);
    for (const r of v.valuation) expect(r.value).toBe(Math.round(((r.minutes * 12.02) / 60) * 100) / 100);
    expect(v.value).toBeCloseTo(v.valuation.reduce((s: number, r: { value: number }) => s + r.value, 0), 2);
  });

  it('values the hours by quarter over a period longer than a year', async () => {
    const v = (await getBilan({ from: '2011-09-01', to: '2012-12-31' })).volunteers;
    expect(v.valuationUnit).toBe('quarter');
    expect(v.valuation.map((r: { label: string }) => r.label)).toEqual(['T4 2011', 'T1 2012', 'T2 2012', 'T3 2012']);
  });

  it('matches an independent SQL query for every figure, all communes', async () => {
    const b = await expectBilanMatchesSql(null);
    // The four fleets of the period are all there: 200 + 290 + 120 + 430.
    expect(b.donorTotal.received.value).toBe(1040);
    // The demo's 4 unanswered letters of October 2011 and the 3 of the test's campaign sent in the period.
    expect(b.outreach.sent.value).toBe(7);
    expect(b.outreach.answered.value).toBe(2);
  });

  it('matches an independent SQL query for every figure, Brest métropole', async () => {
    await expectBilanMatchesSql('bmo');
  });

  it('matches an independent SQL query for every figure, Brest, on another period', async () => {
    const b = await getBilan({ from: '2012-01-01', to: '2012-03-31', territory: 'brest' });
    const params = ['2012-01-01', '2012-03-31', ['Brest']];
    expect(b.prescriberTotal.handedOver.value).toBe(await count(prescriptionSql('handedOver', { communes: ['Brest'] }), params));
    expect(b.prescriberTotal.received.value).toBe(await count(prescriptionSql('received', { communes: ['Brest'] }), params));
    expect(b.prescriberTotal.pending.value).toBe(await count(prescriptionSql('pending', { communes: ['Brest'] }), params));
    expect(b.donorTotal.received.value).toBe(290);
  });

  it('links each figure to a content-manager list that counts the same records', async () => {
    const b = await getBilan({ ...SEED_PERIOD, territory: 'bmo' });
    const checks: Figure[] = [
      b.prescriberTotal.received,
      b.prescriberTotal.accepted,
      b.prescriberTotal.handedOver,
      b.prescriberTotal.pending,
      ...b.prescribers.flatMap((p) => [p.handedOver, p.pending]),
      ...b.communes.flatMap((c) => [c.received, c.handedOver, c.pending]),
      b.donorTotal.received,
      ...b.donors.flatMap((d) => [d.received, d.reused, d.dismantled, d.recycled, d.inProgress]),
      b.households.equipped,
      b.households.withCollegeChildren,
    ];
    for (const f of checks) {
      expect(f.link).toMatch(/^\/content-manager\/collection-types\//);
      expect([f.link, await contentManagerTotal(f.link as string)]).toEqual([f.link, f.value]);
    }
  });
});

describe('bilan with a funder programme', () => {
  let programme: string;
  beforeAll(async () => {
    const p = await app.strapi.documents('api::funder-programme.funder-programme').create({
      data: { name: 'Programme de test Brest', funder: 'Fondation de test', periodStart: '2011-09-01', periodEnd: '2012-08-31', targetPublic: 'Foyers avec un enfant au collège', territory: 'brest' },
    });
    programme = p.documentId;
  });

  it('names the programme and counts the territory it is asked for', async () => {
    const brest = await getBilan({ ...SEED_PERIOD, programme, territory: 'brest' });
    expect(brest.programme?.name).toBe('Programme de test Brest');
    expect([brest.params.territoryLabel, brest.prescriberTotal.handedOver.value]).toEqual(['Brest', 10]);
    const everywhere = await getBilan({ ...SEED_PERIOD, programme });
    expect([everywhere.params.territoryLabel, everywhere.prescriberTotal.handedOver.value]).toEqual(['Toutes communes', 12]);
  });

  it('lists the programmes for the bilan form', async () => {
    const res = await app.http().get('/reporting/programmes').set(auth());
    expect(res.status).toBe(200);
    const names = res.body.data.map((p: { name: string }) => p.name);
    // The demo's own call for projects, and this test's.
    expect(names).toEqual(expect.arrayContaining(['Appel à projets Multimédia 2011', 'Programme de test Brest']));
  });
});

describe('bilan exports', () => {
  it('exports the bilan as XLSX that reads back with the same figures', async () => {
    const b = await getBilan({ ...SEED_PERIOD, territory: 'bmo' });
    const res = await app.http().get('/reporting/bilan').query({ ...SEED_PERIOD, territory: 'bmo', format: 'xlsx' }).set(auth()).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('bilan-2011-09-01-2012-08-31-bmo.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Synthèse', 'Donateurs', 'Prescripteurs', 'Communes', 'Valorisation du bénévolat']);
    const summary = new Map<string, unknown>();
    wb.getWorksheet('Synthèse')!.eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(summary.get('Ordinateurs remis à des foyers')).toBe(12);
    expect(summary.get('Dossiers en instance en fin de période')).toBe(b.prescriberTotal.pending.value);
    expect(summary.get('Unités reçues (lots collectés dans la période)')).toBe(1040);
    const communes: Array<[string, unknown]> = [];
    wb.getWorksheet('Communes')!.eachRow((row, i) => i > 1 && communes.push([String(row.getCell(1).value), row.getCell(3).value]));
    expect(communes).toEqual(b.communes.map((c) => [c.commune, c.handedOver.value]));
  });

  it('exports the volunteers’ valuation (hours × rate by month or quarter) and the team’s figures in the XLSX', async () => {
    const b = await getBilan(SEED_PERIOD);
    const res = await app.http().get('/reporting/bilan').query({ ...SEED_PERIOD, format: 'xlsx' }).set(auth()).buffer(true).parse(binary);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ExcelJS.Buffer);
    const rows: unknown[][] = [];
    wb.getWorksheet('Valorisation du bénévolat')!.eachRow((row) => rows.push([1, 2, 3, 4].map((c) => row.getCell(c).value)));
    expect(rows[0]).toEqual(['Mois', 'Heures', 'Taux horaire (€)', 'Valeur (€)']);
    expect(rows.slice(1, -1)).toEqual(b.volunteers.valuation.map((r: { label: string; hours: number; value: number }) => [r.label, r.hours, 12.02, r.value]));
    expect(rows.at(-1)).toEqual(['Total', b.volunteers.hours, 12.02, b.volunteers.value]);
    const summary = new Map<string, unknown>();
    wb.getWorksheet('Synthèse')!.eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(summary.get('Heures de bénévolat')).toBe(b.volunteers.hours);
    expect(summary.get('Bénévoles actifs (présents au moins une fois)')).toBe(b.volunteers.activeVolunteers);
    expect(summary.get('Valorisation du bénévolat (€)')).toBe(b.volunteers.value);
  });

  it('exports the bilan as CSV (semicolons, UTF-8) with the same figures', async () => {
    const res = await app.http().get('/reporting/bilan').query({ ...SEED_PERIOD, territory: 'brest', format: 'csv' }).set(auth()).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const text = (res.body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.split('\r\n');
    expect(lines).toContain('Ordinateurs remis à des foyers;10');
    expect(lines).toContain('Dossiers en instance en fin de période;2');
    expect(lines).toContain('Brest;12;10;2');
    expect(lines).toContain('Valorisation du bénévolat');
    // Decimal commas: a French spreadsheet reads « 12.02 » as a date.
    expect(lines.some((l) => /^Heures de bénévolat;\d+(,\d+)?$/.test(l))).toBe(true);
    expect(lines.some((l) => /;12,02(;|$)/.test(l))).toBe(true);
    expect(lines.some((l) => /;\d+\.\d+(;|$)/.test(l))).toBe(false);
  });
});

describe('bilan validation', () => {
  const bad = async (query: Record<string, string>, field: RegExp) => {
    const res = await app.http().get('/reporting/bilan').query(query).set(auth());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(field);
    return res;
  };

  it('refuses a missing or malformed period with a French message naming the field', async () => {
    await bad({ to: '2012-08-31' }, /Début de période \(from\)/);
    await bad({ from: '2011-09-01' }, /Fin de période \(to\)/);
    await bad({ from: '2011-02-30', to: '2012-08-31' }, /Début de période \(from\) : date invalide/);
    await bad({ from: '01/09/2011', to: '2012-08-31' }, /format attendu AAAA-MM-JJ/);
    const twice = await app.http().get('/reporting/bilan?from=2011-09-01&from=2011-10-01&to=2012-08-31').set(auth());
    expect([twice.status, twice.body.error.message]).toEqual([400, expect.stringMatching(/Début de période \(from\) : date invalide/)]);
  });

  it('refuses a period that ends before it starts', async () => {
    await bad({ from: '2012-09-01', to: '2012-08-31' }, /le début \(from\) doit précéder la fin \(to\)/);
  });

  it('refuses an unknown territory, programme or parameter', async () => {
    await bad({ ...SEED_PERIOD, territory: 'quimper' }, /Territoire \(territory\) inconnu/);
    await bad({ ...SEED_PERIOD, programme: 'abcdefghij1234567890abcd' }, /Programme de financement \(programme\) inconnu/);
    await bad({ ...SEED_PERIOD, programme: 'pas un id' }, /Programme \(programme\) : identifiant invalide/);
    await bad({ ...SEED_PERIOD, commune: 'Brest' }, /Paramètre inconnu : commune/);
    await bad({ ...SEED_PERIOD, format: 'pdf' }, /Format \(format\)/);
  });

  it('writes nothing when issuing a bilan with an unknown programme or a bad period', async () => {
    const written = () => count('SELECT (SELECT count(*) FROM sv_reporting_reports) + (SELECT count(*) FROM documents_generated) AS n', []);
    const before = await written();
    const unknown = await app.http().post('/reporting/bilans').set(auth()).send({ ...SEED_PERIOD, programme: 'abcdefghij1234567890abcd' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/Programme de financement \(programme\) inconnu/);
    const reversed = await app.http().post('/reporting/bilans').set(auth()).send({ from: '2012-09-01', to: '2012-01-01' });
    expect(reversed.status).toBe(400);
    const after = await written();
    expect(after).toBe(before);
  });
});

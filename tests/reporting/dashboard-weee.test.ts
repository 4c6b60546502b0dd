import ExcelJS from 'exceljs';
import { startApp, type TestApp } from '../helpers/app';
import { adminToken, staffToken } from '../helpers/admin';
import { binary, removeUploads } from '../documents/helpers/admin';
import { readPdf } from '../documents/helpers/pdf';
import { addDays, parisDay, parisInstant } from '../helpers/clock';

let app: TestApp;
let jwt: string;
const auth = () => ({ Authorization: `Bearer ${jwt}` });
const SEED_PERIOD = { from: '2011-09-01', to: '2012-08-31' };
const WEIGHTS: Record<string, number> = { desktop: 8, laptop: 2.5, all_in_one: 10, screen: 5, other: 3 };

beforeAll(async () => {
  app = await startApp('demo');
  jwt = await adminToken(app);
});

afterAll(async () => {
  app?.strapi.plugin('reporting').service('clock').set(null);
  if (app) await removeUploads(app);
  await app?.stop();
});

describe('dashboard', () => {
  it('counts the units at every stage as the database does', async () => {
    const res = await app.http().get('/reporting/dashboard').set(auth());
    expect(res.status).toBe(200);
    const { rows } = await app.sql.query('SELECT pipeline_stage AS stage, count(*)::int AS n FROM machines GROUP BY 1');
    const expected = Object.fromEntries(rows.map((r) => [r.stage, r.n]));
    for (const s of res.body.data.stages as Array<{ key: string; count: number; link: string }>) {
      expect([s.key, s.count]).toEqual([s.key, expected[s.key] ?? 0]);
      expect(s.link).toContain(encodeURIComponent('filters[$and][0][pipelineStage][$eq]'));
    }
    expect(res.body.data.stages.find((s: { key: string }) => s.key === 'ready').label).toBe('Prête');
  });

  it('counts units refurbished and handed over per month from the history', async () => {
    const res = await app.http().get('/reporting/dashboard').set(auth());
    const months = res.body.data.months as Array<{ month: string; refurbished: number; handedOver: number }>;
    // The twelve months end at the demo's last move (its recent stretch: this month).
    const { rows: [last] } = await app.sql.query("SELECT to_char(max(((at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris')), 'YYYY-MM') AS m FROM sv_pipeline_events WHERE subject_type = 'api::machine.machine'");
    expect(months[11].month).toBe(last.m);
    const { rows } = await app.sql.query(
      `SELECT to_char(((at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris'), 'YYYY-MM') AS m, to_stage, count(DISTINCT subject_id)::int AS n FROM sv_pipeline_events
        WHERE subject_type = 'api::machine.machine' AND kind = 'transition' AND to_stage IN ('ready', 'handed_over') GROUP BY 1, 2`
    );
    for (const m of months) {
      const of = (stage: string) => rows.find((r) => r.m === m.month && r.to_stage === stage)?.n ?? 0;
      expect([m.month, m.refurbished, m.handedOver]).toEqual([m.month, of('ready'), of('handed_over')]);
    }
    expect(months.reduce((s, m) => s + m.handedOver, 0)).toBeGreaterThan(0);
  });

  it('names the slowest working stage from the average time units spent in it', async () => {
    const res = await app.http().get('/reporting/dashboard').set(auth());
    const { dwell, slowest, months } = res.body.data as { dwell: Array<{ key: string; averageDays: number }>; slowest: { key: string; averageDays: number }; months: Array<{ month: string }> };
    const working = dwell.filter((d) => !['ready', 'reserved'].includes(d.key));
    expect(working.length).toBeGreaterThan(3);
    expect(slowest.averageDays).toBe(Math.max(...working.map((d) => d.averageDays)));
    // The recent stretch's pace: days, not years.
    expect(slowest.averageDays).toBeLessThan(30);
    // Independent: the mean gap between entering the slowest stage and the next move, for stays ended in the twelve months.
    const { rows: [r] } = await app.sql.query(
      `SELECT round(avg(EXTRACT(EPOCH FROM (n.at - e.at)) / 86400)::numeric, 1)::float AS d
         FROM sv_pipeline_events e
         JOIN sv_pipeline_events n ON n.subject_id = e.subject_id AND n.subject_type = e.subject_type
          AND n.seq = (SELECT min(seq) FROM sv_pipeline_events x WHERE x.subject_id = e.subject_id AND x.seq > e.seq AND x.to_stage IS NOT NULL)
        WHERE e.subject_type = 'api::machine.machine' AND e.to_stage = $1
          AND ((n.at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris') >= $2::date
          AND ((n.at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris') < ($3::date + interval '1 month')`,
      [slowest.key, `${months[0].month}-01`, `${months[11].month}-01`]
    );
    expect(slowest.averageDays).toBeCloseTo(r.d, 1);
  });

  it('lists the pending prescriptions with their age on the injected clock', async () => {
    // Ten days from now, half an hour after midnight in Brest (still the day before in UTC): the
    // open files of the recent stretch, each ten days older, counted in Brest's calendar days.
    const day = addDays(parisDay(new Date()), 10);
    const later = parisInstant(day, '00:30');
    expect(later.toISOString().slice(0, 10)).toBe(addDays(day, -1));
    app.strapi.plugin('reporting').service('clock').set(() => later);
    const res = await app.http().get('/reporting/dashboard').set(auth());
    const { rows } = await app.sql.query(
      "SELECT number, received_at::text AS received, ($1::date - received_at) AS age FROM prescriptions WHERE pipeline_stage IN ('received', 'reviewing', 'accepted', 'machine_reserved') ORDER BY received_at",
      [day]
    );
    expect(rows).toHaveLength(4);
    expect(res.body.data.today).toBe(day);
    expect(res.body.data.pending.map((p: { number: string; ageDays: number }) => [p.number, p.ageDays])).toEqual(rows.map((r) => [r.number, r.age]));
  });

  it('raises a stock alert for the flat screens, under their threshold', async () => {
    const res = await app.http().get('/reporting/dashboard').set(auth());
    const { rows } = await app.sql.query('SELECT description FROM parts WHERE quantity_on_hand <= low_stock_threshold AND low_stock_threshold > 0 ORDER BY description');
    expect(res.body.data.stock.map((s: { description: string }) => s.description).sort()).toEqual(rows.map((r) => r.description).sort());
    expect(res.body.data.stock[0].description).toBe('Écran plat 17" VGA');
  });
});

describe('dashboard: the team', () => {
  it('shows the last 12 months’ volunteer hours, volunteers present, value and the sign-outs to regularise, as the bilan of that period', async () => {
    const card = (await app.http().get('/reporting/dashboard').set(auth()).expect(200)).body.data.volunteers;
    const bilan = (await app.http().get('/reporting/bilan').query({ from: card.from, to: card.to }).set(auth()).expect(200)).body.data.volunteers;
    expect(card).toMatchObject({ hours: bilan.hours, activeVolunteers: bilan.activeVolunteers, value: bilan.value, hourlyRate: 12.02, toRegularise: bilan.toRegularise });
    // The recent stretch: Tuesday and Thursday afternoons, and Malo C.'s forgotten sign-out.
    expect(card.hours).toBeGreaterThan(100);
    expect(card.toRegularise).toBe(1);
    expect(decodeURIComponent(card.toRegulariseLink)).toContain('filters[$and][0][signedOutAt][$null]=true');
  });
});

describe('WEEE register', () => {
  let shipped: { label: string; type: string }[];

  beforeAll(async () => {
    const { rows } = await app.sql.query("SELECT id, document_id, label_code, type FROM machines WHERE pipeline_stage = 'recycled' ORDER BY label_code LIMIT 3");
    shipped = rows.map((r) => ({ label: r.label_code, type: r.type }));
    await app.strapi.documents('api::weee-shipment.weee-shipment').create({
      data: { shippedAt: '2012-06-15', recycler: 'Ecosystem — Envie 29', trackingReference: 'BSD-2012-0042', machines: rows.map((r) => r.document_id) },
    });
  });

  const expectedRegister = async (from: string, to: string) =>
    (await app.sql.query(
      `SELECT m.label_code, m.type FROM machines m
        WHERE m.pipeline_stage = 'recycled' AND EXISTS (SELECT 1 FROM sv_pipeline_events e WHERE e.subject_id = m.document_id
          AND e.to_stage = 'recycled' AND e.kind = 'transition' AND e.at >= $1::date AND e.at < $2::date + 1)
        ORDER BY m.label_code`,
      [from, to]
    )).rows as Array<{ label_code: string; type: string }>;

  it('lists every unit sent to recycling in the period with its estimated weight and shipment', async () => {
    const res = await app.http().get('/reporting/weee').query(SEED_PERIOD).set(auth());
    expect(res.status).toBe(200);
    const expected = await expectedRegister(SEED_PERIOD.from, SEED_PERIOD.to);
    expect(expected.length).toBeGreaterThan(10);
    const register = res.body.data as { count: number; totalWeightKg: number; rows: Array<{ labelCode: string; weightKg: number; recycler: string | null; trackingReference: string | null }> };
    expect(register.count).toBe(expected.length);
    expect([...register.rows.map((r) => r.labelCode)].sort()).toEqual(expected.map((e) => e.label_code));
    expect(register.totalWeightKg).toBeCloseTo(expected.reduce((s, e) => s + WEIGHTS[e.type], 0), 5);
    const first = register.rows.find((r) => r.labelCode === shipped[0].label)!;
    expect([first.recycler, first.trackingReference, first.weightKg]).toEqual(['Ecosystem — Envie 29', 'BSD-2012-0042', WEIGHTS[shipped[0].type]]);
    expect(register.rows.filter((r) => r.trackingReference === 'BSD-2012-0042')).toHaveLength(3);
  });

  it('exports the register as XLSX and CSV that read back row for row', async () => {
    const expected = await expectedRegister(SEED_PERIOD.from, SEED_PERIOD.to);
    const x = await app.http().get('/reporting/weee').query({ ...SEED_PERIOD, format: 'xlsx' }).set(auth()).buffer(true).parse(binary);
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Registre DEEE')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Date de sortie', 'Étiquette', 'Type', 'N° de série', 'Donateur', 'Poids estimé (kg)', 'Recycleur', 'Référence de suivi', "Date d'enlèvement"]);
    const labels: string[] = [];
    ws.eachRow((row, i) => i > 1 && labels.push(String(row.getCell(2).value)));
    expect(labels.sort()).toEqual(expected.map((e) => e.label_code));
    const shippedRow = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(2).value === shipped[0].label)!;
    expect([shippedRow.getCell(7).value, shippedRow.getCell(8).value, shippedRow.getCell(9).value]).toEqual(['Ecosystem — Envie 29', 'BSD-2012-0042', '2012-06-15']);

    const c = await app.http().get('/reporting/weee').query({ ...SEED_PERIOD, format: 'csv' }).set(auth()).buffer(true).parse(binary);
    const lines = (c.body as Buffer).toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe("Date de sortie;Étiquette;Type;N° de série;Donateur;Poids estimé (kg);Recycleur;Référence de suivi;Date d'enlèvement");
    expect(lines).toHaveLength(expected.length + 1);
    expect(lines.find((l) => l.includes(shipped[0].label))).toContain('Ecosystem — Envie 29;BSD-2012-0042;2012-06-15');
  });

  it('refuses a bad period with a French message', async () => {
    const res = await app.http().get('/reporting/weee').query({ from: '2012-09-01', to: '2012-01-01' }).set(auth());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/le début \(from\) doit précéder la fin \(to\)/);
  });
});

describe('bilan PDF', () => {
  it('issues the bilan as a numbered PDF (documents kind « bilan ») with the seed report’s figures', async () => {
    const res = await app.http().post('/reporting/bilans').set(auth()).send({ ...SEED_PERIOD, territory: 'brest' });
    expect(res.status).toBe(201);
    expect(res.body.data.document.number).toMatch(/^BIL-\d{4}-\d{6}$/);
    const { rows: [report] } = await app.sql.query('SELECT title, period_from::text AS f, period_to::text AS t, territory, author_name FROM sv_reporting_reports ORDER BY id DESC LIMIT 1');
    expect(report).toMatchObject({ f: '2011-09-01', t: '2012-08-31', territory: 'brest', author_name: 'Coordination Seconde Vie' });
    const issued = await app.http().get('/reporting/bilans').set(auth());
    expect(issued.body.data[0].document.number).toBe(res.body.data.document.number);
    const pdf = await app.http().get(`/documents/generated/${res.body.data.document.documentId}/download`).set(auth()).buffer(true).parse(binary);
    expect(pdf.status).toBe(200);
    const { text } = await readPdf(pdf.body as Buffer);
    expect(text).toContain("Bilan d'activité");
    expect(text).toContain(res.body.data.document.number);
    expect(text).toMatch(/Ordinateurs remis à des foyers\s+10/);
    expect(text).toMatch(/Dossiers en instance en fin de période\s+2/);
    expect(text).toMatch(/Brest\s+12\s+10\s+2/);
    // The team's place: hours, active volunteers, and the valuation table the accounts need.
    const bilan = (await app.http().get('/reporting/bilan').query({ ...SEED_PERIOD, territory: 'brest' }).set(auth())).body.data;
    const fr = (n: number) => new Intl.NumberFormat('fr-FR').format(n).replace(/\s/g, '\\s');
    expect(text).toContain('Valorisation du bénévolat');
    expect(text).toMatch(new RegExp(`Heures de bénévolat\\s+${fr(bilan.volunteers.hours)}\\s+h`));
    expect(text).toMatch(new RegExp(`Bénévoles actifs[^\\d]+${bilan.volunteers.activeVolunteers}`));
    expect(text).toContain('12,02');
  });
});

describe('access', () => {
  it('refuses the dashboard, the bilan and the register without a login', async () => {
    for (const url of ['/reporting/dashboard', `/reporting/bilan?from=${SEED_PERIOD.from}&to=${SEED_PERIOD.to}`, `/reporting/weee?from=${SEED_PERIOD.from}&to=${SEED_PERIOD.to}`]) {
      expect([url, (await app.http().get(url)).status]).toEqual([url, 401]);
    }
  });

  it('refuses workshop volunteers (Atelier): the figures count households and prescribers', async () => {
    const atelier = await staffToken(app, 'seconde-vie-atelier', 'benevole-bilans@seconde-vie.test');
    for (const url of ['/reporting/dashboard', `/reporting/bilan?from=${SEED_PERIOD.from}&to=${SEED_PERIOD.to}`, `/reporting/weee?from=${SEED_PERIOD.from}&to=${SEED_PERIOD.to}`]) {
      expect([url, (await app.http().get(url).set({ Authorization: `Bearer ${atelier}` })).status]).toEqual([url, 403]);
    }
    const before = (await app.sql.query('SELECT count(*)::int AS n FROM sv_reporting_reports')).rows[0].n;
    const issue = await app.http().post('/reporting/bilans').set({ Authorization: `Bearer ${atelier}` }).send(SEED_PERIOD);
    expect(issue.status).toBe(403);
    expect((await app.sql.query('SELECT count(*)::int AS n FROM sv_reporting_reports')).rows[0].n).toBe(before);
  });

  it('lets coordinators read the bilan and the dashboard', async () => {
    const coordination = await staffToken(app, 'seconde-vie-coordination', 'coordination-bilans@seconde-vie.test');
    const res = await app.http().get('/reporting/bilan').query(SEED_PERIOD).set({ Authorization: `Bearer ${coordination}` });
    expect(res.status).toBe(200);
    expect((await app.http().get('/reporting/dashboard').set({ Authorization: `Bearer ${coordination}` })).status).toBe(200);
  });
});

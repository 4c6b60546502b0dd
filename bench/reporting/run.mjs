#!/usr/bin/env node
// bench/reporting: the bilan over a synthetic workshop of N units (default 100,000) and their
// history, through its admin route (GET /reporting/bilan), against the same figures computed by
// hand-written SQL sent straight to PostgreSQL (the floor: no HTTP, no Strapi), interleaved in the
// same run so that the machine's drift hits both alike. Prints both, the ratio, and checks that
// both give the same totals.
//
//   npm run build && node bench/reporting/run.mjs [units=100000] [rounds=10]
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startBenchApp } from '../lib/app.mjs';

const UNITS = Number(process.argv[2] ?? 100000);
const ROUNDS = Number(process.argv[3] ?? 10);
const PRESCRIPTIONS = Math.max(100, Math.round(UNITS / 20));
const PERIOD = { from: '2011-09-01', to: '2012-08-31' };
const BMO = ['Bohars', 'Brest', 'Gouesnou', 'Guilers', 'Guipavas', 'Le Relecq-Kerhuon', 'Plougastel-Daoulas', 'Plouzané'];

const bench = await startBenchApp();
const { call } = bench;
const db = new pg.Client({ connectionString: bench.databaseUrl });

async function stop() {
  await db.end().catch(() => {});
  await bench.stop();
}

/** The synthetic workshop, written with set-based SQL (generate_series): seconds, not hours. */
async function seed() {
  const t = performance.now();
  await db.query('BEGIN');
  await db.query(`INSERT INTO donors (document_id, name, kind, stage, public_listing_consent, created_at, updated_at)
    SELECT 'bench-donor-' || i, 'Donateur ' || i, 'company', 'partner', false, now(), now() FROM generate_series(1, 20) i`);
  const lots = Math.ceil(UNITS / 500);
  await db.query(`INSERT INTO donations (document_id, reference, announced_count, collected_at, created_at, updated_at)
    SELECT 'bench-lot-' || i, 'LOT-2011-' || lpad(i::text, 4, '0'), 500, DATE '2011-01-03' + (i * 730 / $1) * INTERVAL '1 day', now(), now()
      FROM generate_series(1, $1) i`, [lots]);
  await db.query(`INSERT INTO donations_donor_lnk (donation_id, donor_id, donation_ord)
    SELECT dn.id, d.id, 1 FROM donations dn JOIN donors d ON d.name = 'Donateur ' || (1 + (dn.id % 20))`);
  // Final stage by a fixed spread: 30 % ready, 5 % reserved, 5 % handed over, 10 % dismantled, 10 % recycled, the rest on the line.
  await db.query(`INSERT INTO machines (document_id, label_code, type, pipeline_stage, created_at, updated_at)
    SELECT 'bench-m-' || i, 'SV-' || lpad(i::text, 6, '0'), (ARRAY['desktop','laptop','all_in_one','screen','other'])[1 + i % 5],
           CASE WHEN i % 100 < 30 THEN 'ready' WHEN i % 100 < 35 THEN 'reserved' WHEN i % 100 < 40 THEN 'handed_over'
                WHEN i % 100 < 50 THEN 'dismantled' WHEN i % 100 < 60 THEN 'recycled'
                ELSE (ARRAY['received','sorting','testing','erasing','cleaning','reinstalling'])[1 + i % 6] END,
           now(), now()
      FROM generate_series(1, $1) i`, [UNITS]);
  await db.query(`INSERT INTO machines_donation_lnk (machine_id, donation_id, machine_ord)
    SELECT m.id, dn.id, 1 FROM machines m JOIN donations dn ON dn.document_id = 'bench-lot-' || (1 + (m.id - 1) / 500)`);
  await db.query(`INSERT INTO sv_pipeline_events (document_id, subject_type, subject_id, seq, kind, from_stage, to_stage, actor_type, at, hash, created_at, updated_at)
    SELECT 'bench-e-' || m.id || '-' || s, 'api::machine.machine', m.document_id, s + 1, CASE WHEN s = 0 THEN 'created' ELSE 'transition' END,
           CASE WHEN s = 0 THEN NULL ELSE p.path[s] END, p.path[s + 1], 'system',
           dn.collected_at + (s * 2 + m.id % 3) * INTERVAL '1 day' + INTERVAL '9 hours', md5(m.id || '-' || s), now(), now()
      FROM machines m
      JOIN machines_donation_lnk l ON l.machine_id = m.id
      JOIN donations dn ON dn.id = l.donation_id
      CROSS JOIN LATERAL (SELECT CASE WHEN m.pipeline_stage IN ('dismantled', 'recycled') THEN ARRAY['received', 'sorting', m.pipeline_stage]
           ELSE (ARRAY['received','sorting','testing','erasing','cleaning','reinstalling','ready','reserved','handed_over'])[1:array_position(ARRAY['received','sorting','testing','erasing','cleaning','reinstalling','ready','reserved','handed_over'], m.pipeline_stage)]
           END AS path) p
      CROSS JOIN LATERAL generate_series(0, array_length(p.path, 1) - 1) s`);
  await db.query(`INSERT INTO prescribers (document_id, name, kind, commune, created_at, updated_at)
    SELECT 'bench-pr-' || i, 'Prescripteur ' || i, 'ccas', ($1::text[])[1 + i % 8], now(), now() FROM generate_series(1, 30) i`, [BMO]);
  await db.query(`INSERT INTO households (document_id, reference_name, commune, children_in_college, created_at, updated_at)
    SELECT 'bench-h-' || i, 'Foyer ' || i, (ARRAY['Brest','Brest','Brest','Guipavas','Plouzané','Guilers','Quimper','Morlaix'])[1 + i % 8], i % 3, now(), now()
      FROM generate_series(1, $1) i`, [PRESCRIPTIONS]);
  await db.query(`INSERT INTO prescriptions (document_id, number, received_at, decided_at, handed_over_at, pipeline_stage, created_at, updated_at)
    SELECT 'bench-p-' || i, 'PR-2011-' || lpad(i::text, 6, '0'), DATE '2011-01-03' + (i % 700),
           CASE WHEN i % 10 = 0 THEN NULL ELSE DATE '2011-01-10' + (i % 700) END,
           CASE WHEN i % 10 < 6 AND i % 10 > 0 THEN DATE '2011-02-01' + (i % 700) END,
           CASE WHEN i % 10 = 0 THEN 'reviewing' WHEN i % 10 < 6 THEN 'handed_over' WHEN i % 10 = 9 THEN 'refused' ELSE 'accepted' END,
           now(), now()
      FROM generate_series(1, $1) i`, [PRESCRIPTIONS]);
  await db.query(`INSERT INTO prescriptions_household_lnk (prescription_id, household_id, prescription_ord)
    SELECT p.id, h.id, 1 FROM prescriptions p JOIN households h ON h.document_id = 'bench-h-' || substr(p.document_id, 9)`);
  await db.query(`INSERT INTO prescriptions_prescriber_lnk (prescription_id, prescriber_id, prescription_ord)
    SELECT p.id, pr.id, 1 FROM prescriptions p JOIN prescribers pr ON pr.document_id = 'bench-pr-' || (1 + p.id % 30)`);
  await db.query(`INSERT INTO sv_outreach_recipients (document_id, name, delivery, sent_at, outcome, created_at, updated_at)
    SELECT 'bench-o-' || i, 'Structure ' || i, (ARRAY['sent','letter','failed','pending'])[1 + i % 4], TIMESTAMP '2011-06-01' + (i % 600) * INTERVAL '1 day',
           (ARRAY['no_answer','answered','meeting_set','declined','no_answer'])[1 + i % 5], now(), now()
      FROM generate_series(1, 2000) i`);
  await db.query('COMMIT');
  await db.query('ANALYZE');
  const { rows: [c] } = await db.query('SELECT (SELECT count(*) FROM machines)::int AS m, (SELECT count(*) FROM sv_pipeline_events)::int AS e');
  process.stderr.write(`seeded ${c.m} units, ${c.e} events, ${PRESCRIPTIONS} prescriptions in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
}

/** The floor: the bilan's figures by hand-written SQL, straight to PostgreSQL. */
async function floor() {
  const { from, to } = PERIOD;
  const donors = await db.query(
    `SELECT dd.donor_id, count(*) AS received,
            count(*) FILTER (WHERE m.pipeline_stage IN ('ready','reserved','handed_over')) AS reused,
            count(*) FILTER (WHERE m.pipeline_stage = 'handed_over') AS handed_over,
            count(*) FILTER (WHERE m.pipeline_stage = 'dismantled') AS dismantled,
            count(*) FILTER (WHERE m.pipeline_stage = 'recycled') AS recycled
       FROM machines m JOIN machines_donation_lnk l ON l.machine_id = m.id JOIN donations dn ON dn.id = l.donation_id
       JOIN donations_donor_lnk dd ON dd.donation_id = dn.id
      WHERE dn.collected_at BETWEEN $1 AND $2 GROUP BY dd.donor_id`,
    [from, to]
  );
  const scoped = `FROM prescriptions p JOIN prescriptions_household_lnk ph ON ph.prescription_id = p.id JOIN households h ON h.id = ph.household_id
                  LEFT JOIN prescriptions_prescriber_lnk pp ON pp.prescription_id = p.id WHERE h.commune = ANY($3)`;
  const figures = `count(*) FILTER (WHERE p.received_at BETWEEN $1 AND $2) AS received,
      count(*) FILTER (WHERE p.decided_at BETWEEN $1 AND $2 AND p.pipeline_stage NOT IN ('received','reviewing','refused')) AS accepted,
      count(*) FILTER (WHERE p.handed_over_at BETWEEN $1 AND $2) AS handed_over,
      count(*) FILTER (WHERE p.received_at <= $2 AND (p.handed_over_at IS NULL OR p.handed_over_at > $2) AND p.pipeline_stage NOT IN ('refused','withdrawn')) AS pending`;
  const prescribers = await db.query(`SELECT pp.prescriber_id, ${figures} ${scoped} GROUP BY pp.prescriber_id`, [from, to, BMO]);
  const communes = await db.query(`SELECT h.commune, ${figures} ${scoped} GROUP BY h.commune`, [from, to, BMO]);
  const households = await db.query(
    `SELECT count(DISTINCT h.id) AS equipped, count(DISTINCT h.id) FILTER (WHERE h.children_in_college > 0) AS with_children ${scoped} AND p.handed_over_at BETWEEN $1 AND $2`,
    [from, to, BMO]
  );
  const activity = await db.query(
    `SELECT to_stage, count(DISTINCT subject_id) AS n FROM sv_pipeline_events
      WHERE subject_type = 'api::machine.machine' AND kind = 'transition' AND to_stage IN ('ready','handed_over','dismantled','recycled')
        AND at >= $1::date AND at < $2::date + 1 GROUP BY to_stage`,
    [from, to]
  );
  const outreach = await db.query(
    `SELECT count(*) AS sent, count(*) FILTER (WHERE outcome <> 'no_answer') AS answered FROM sv_outreach_recipients
      WHERE delivery IN ('sent','letter') AND sent_at >= $1::date AND sent_at < $2::date + 1`,
    [from, to]
  );
  const sum = (rows, key) => rows.reduce((s, r) => s + Number(r[key]), 0);
  return {
    received: sum(donors.rows, 'received'),
    reused: sum(donors.rows, 'reused'),
    handedOver: sum(prescribers.rows, 'handed_over'),
    pending: sum(prescribers.rows, 'pending'),
    communes: communes.rows.length,
    equipped: Number(households.rows[0].equipped),
    refurbished: Number(activity.rows.find((r) => r.to_stage === 'ready')?.n ?? 0),
    outreachSent: Number(outreach.rows[0].sent),
  };
}

const fromBilan = (b) => ({
  received: b.donorTotal.received.value,
  reused: b.donorTotal.reused.value,
  handedOver: b.prescriberTotal.handedOver.value,
  pending: b.prescriberTotal.pending.value,
  communes: b.communes.length,
  equipped: b.households.equipped.value,
  refurbished: b.activity.refurbished.value,
  outreachSent: b.outreach.sent.value,
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  await bench.ready();
  await db.connect();
  await seed();
  const jwt = await bench.adminJwt();
  const url = `/reporting/bilan?from=${PERIOD.from}&to=${PERIOD.to}&territory=bmo`;

  // One warm-up each (plans, caches), then interleaved rounds.
  const first = fromBilan((await call('GET', url, null, jwt)).data);
  const reference = await floor();
  const routeMs = [];
  const floorMs = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    let t = performance.now();
    await call('GET', url, null, jwt);
    routeMs.push(performance.now() - t);
    t = performance.now();
    await floor();
    floorMs.push(performance.now() - t);
    process.stderr.write(`\rround ${r + 1}/${ROUNDS}`);
  }
  process.stderr.write('\n');
  const same = JSON.stringify(first) === JSON.stringify(reference);
  console.log(`units: ${UNITS}, events: ${(await db.query('SELECT count(*)::int AS n FROM sv_pipeline_events')).rows[0].n}, prescriptions: ${PRESCRIPTIONS}, rounds: ${ROUNDS}`);
  console.log(`figures (route): ${JSON.stringify(first)}`);
  console.log(`figures (floor): ${JSON.stringify(reference)}`);
  console.log(`same figures: ${same ? 'yes' : 'NO'}`);
  console.log(`bilan route (HTTP + Strapi + SQL): median ${median(routeMs).toFixed(0)} ms, mean ${(routeMs.reduce((a, b) => a + b, 0) / ROUNDS).toFixed(0)} ms`);
  console.log(`hand-written SQL (floor): median ${median(floorMs).toFixed(0)} ms, mean ${(floorMs.reduce((a, b) => a + b, 0) / ROUNDS).toFixed(0)} ms`);
  console.log(`ratio route / floor (medians): ${(median(routeMs) / median(floorMs)).toFixed(2)}`);
  if (!same) process.exitCode = 1;
} finally {
  await stop();
}

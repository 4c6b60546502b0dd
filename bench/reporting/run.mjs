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
import { report } from '../lib/report.mjs';
import { BMO, seedWorkshop } from '../lib/workshop.mjs';

const UNITS = Number(process.argv[2] ?? 100000);
const ROUNDS = Number(process.argv[3] ?? 10);
const PRESCRIPTIONS = Math.max(100, Math.round(UNITS / 20));
const PERIOD = { from: '2011-09-01', to: '2012-08-31' };

const bench = await startBenchApp();
const { call } = bench;
const db = new pg.Client({ connectionString: bench.databaseUrl });

async function stop() {
  await db.end().catch(() => {});
  await bench.stop();
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
  await seedWorkshop(db, UNITS, PRESCRIPTIONS);
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
  report([{ bench: 'reporting', measure: `bilan at ${UNITS} units: route vs hand-written SQL (median time)`, ours: `${median(routeMs).toFixed(0)} ms`, baseline: `${median(floorMs).toFixed(0)} ms`, ratio: median(routeMs) / median(floorMs), ok: same }]);
  if (!same) process.exitCode = 1;
} finally {
  await stop();
}

#!/usr/bin/env node
// bench/board: the pipeline board and the machines list at N units (default 100,000, the synthetic
// workshop of bench/lib/workshop.mjs), through their real admin routes, against hand-written SQL
// sent straight to PostgreSQL that returns the same data, interleaved round by round in one run.
//   board  GET /pipeline/board/machines: counts per stage, the 10 units waiting longest, and the
//          erasure gaps (units past Prête whose storage is not released). SQL: the same counts, the
//          same 10 units, and the units past Prête with their storage devices and erasure records.
//   list   GET /content-manager/collection-types/api::machine.machine (page 1, 10 a page, by label
//          code), as the admin's list view asks. SQL: the same 10 rows and the total.
// Fails when both sides disagree (counts, units, rows).
//
//   npm run build && node bench/board/run.mjs [units=100000] [rounds=3]
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startBenchApp } from '../lib/app.mjs';
import { report } from '../lib/report.mjs';
import { seedWorkshop } from '../lib/workshop.mjs';

const UNITS = Number(process.argv[2] ?? 100000);
const ROUNDS = Number(process.argv[3] ?? 3);
const RESTING = ['ready', 'reserved', 'handed_over', 'dismantled', 'recycled'];
const RELEASE = ['ready', 'reserved', 'handed_over'];

const bench = await startBenchApp();
const { call } = bench;
const db = new pg.Client({ connectionString: bench.databaseUrl });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function boardSql() {
  const counts = await db.query('SELECT pipeline_stage AS stage, count(*)::int AS count FROM machines GROUP BY pipeline_stage');
  const waiting = await db.query(
    `SELECT r.document_id, max(e.at) AS since FROM machines r
       JOIN sv_pipeline_events e ON e.subject_id = r.document_id AND e.to_stage = r.pipeline_stage
      WHERE e.subject_type = 'api::machine.machine' AND NOT (r.pipeline_stage = ANY($1))
      GROUP BY r.id, r.document_id ORDER BY since ASC LIMIT 10`,
    [RESTING]
  );
  const released = await db.query(
    `SELECT r.document_id, r.label_code, r.pipeline_stage, r.type,
            coalesce(json_agg(json_build_object('device', d.document_id, 'state', d.state)) FILTER (WHERE d.id IS NOT NULL), '[]') AS devices,
            (SELECT count(*) FROM sv_pipeline_erasures x WHERE x.machine_document_id = r.document_id) AS erasures
       FROM machines r
       LEFT JOIN storage_devices_machine_lnk dl ON dl.machine_id = r.id
       LEFT JOIN storage_devices d ON d.id = dl.storage_device_id
      WHERE r.pipeline_stage = ANY($1) GROUP BY r.id`,
    [RELEASE]
  );
  return { counts: Object.fromEntries(counts.rows.map((c) => [c.stage, c.count]).sort(([a], [b]) => a.localeCompare(b))), waiting: waiting.rows.map((w) => w.document_id), checked: released.rows.length };
}

async function listSql() {
  const rows = await db.query('SELECT id, document_id, label_code, type, pipeline_stage, brand, model, serial_number, updated_at FROM machines ORDER BY label_code ASC LIMIT 10 OFFSET 0');
  const total = await db.query('SELECT count(*)::int AS n FROM machines');
  return { ids: rows.rows.map((r) => r.document_id), total: total.rows[0].n };
}

const fromBoard = (b) => ({ counts: Object.fromEntries(b.columns.filter((c) => c.count > 0).map((c) => [c.key, c.count]).sort(([a], [b]) => a.localeCompare(b))), waiting: b.waitingLongest.map((w) => w.documentId), checked: b.erasureGaps.checked });
const fromList = (l) => ({ ids: l.results.map((r) => r.documentId), total: l.pagination.total });
const LIST = '/content-manager/collection-types/api::machine.machine?page=1&pageSize=10&sort=labelCode:ASC';

try {
  await bench.ready();
  await db.connect();
  await seedWorkshop(db, UNITS);
  const jwt = await bench.adminJwt();
  const sides = {
    board: { route: async () => fromBoard((await call('GET', '/pipeline/board/machines', null, jwt)).data), sql: boardSql },
    list: { route: async () => fromList(await call('GET', LIST, null, jwt)), sql: listSql },
  };
  const rows = [];
  let allSame = true;
  for (const [name, side] of Object.entries(sides)) {
    // One warm-up each (plans, caches), checked for equality, then interleaved rounds.
    const a = await side.route();
    const b = await side.sql();
    const same = JSON.stringify(a) === JSON.stringify(b);
    allSame &&= same;
    const routeMs = [];
    const sqlMs = [];
    for (let r = 0; r < ROUNDS; r += 1) {
      let t = performance.now();
      await side.route();
      routeMs.push(performance.now() - t);
      t = performance.now();
      await side.sql();
      sqlMs.push(performance.now() - t);
    }
    const ratio = median(routeMs) / median(sqlMs);
    console.log(`${name} at ${UNITS} units: route median ${median(routeMs).toFixed(0)} ms, hand-written SQL median ${median(sqlMs).toFixed(0)} ms, ratio ${ratio.toFixed(2)}, same data: ${same ? 'yes' : 'NO'}`);
    if (!same) console.log(`  route: ${JSON.stringify(a).slice(0, 400)}\n  sql:   ${JSON.stringify(b).slice(0, 400)}`);
    const label = name === 'board' ? `pipeline board at ${UNITS} units: GET /pipeline/board/machines vs SQL (median time)` : `machines list at ${UNITS} units: content-manager page 1 vs SQL (median time)`;
    rows.push({ bench: 'board', measure: label, ours: `${median(routeMs).toFixed(0)} ms`, baseline: `${median(sqlMs).toFixed(0)} ms`, ratio, ok: same });
  }
  report(rows);
  if (!allSame) process.exitCode = 1;
} finally {
  await db.end().catch(() => {});
  await bench.stop();
}

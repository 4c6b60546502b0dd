#!/usr/bin/env node
// bench/intake: a 10,000-row GLPI export imported through the route (HTTP upload, parsing, checks,
// the serial look-up, label codes, set-based writes, first events, commit), against the floor: the
// same rows written by hand-written set-based SQL straight to PostgreSQL, in one transaction, on
// the same database. Rounds interleaved so that the machine's drift hits both alike; prints both
// times (median), their ratio, and whether both wrote the same rows.
//
//   npm run build && node bench/intake/run.mjs [rows=10000] [rounds=3]
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createId } from '@paralleldrive/cuid2';
import { startBenchApp } from '../lib/app.mjs';
import { report } from '../lib/report.mjs';

const ROWS = Number(process.argv[2] ?? 10000);
const ROUNDS = Number(process.argv[3] ?? 3);
const HEADERS = ['Nom', 'Entité', 'Statut', 'Fabricant', 'Numéro de série', 'Type', 'Modèle', "Numéro d'inventaire", 'Lieu',
  'Composants - Processeur', 'Mémoire (Mio)', 'Disque(s) dur(s)', "Système d'exploitation - Nom"];

/** One unit of the fleet: the GLPI row, and the machine it stands for. */
function unit(i, prefix) {
  const laptop = i % 3 === 0;
  const n = String(i).padStart(5, '0');
  const row = [`PC-${prefix}-${n}`, 'Entité racine > DSIT', 'En stock', laptop ? 'Hewlett-Packard' : 'Dell Inc.', `${prefix}SN${100000 + i}`,
    laptop ? 'Ordinateur portable' : 'Unité centrale', laptop ? 'EliteBook 6930p' : 'OptiPlex 755', `${prefix}-INV-${n}`, 'Brest > Bâtiment B',
    'Intel(R) Core(TM)2 Duo CPU E6550 @ 2.33GHz', laptop ? '4096' : '2048',
    laptop ? 'FUJITSU MHZ2250BH G2 - 250 Go (SATA)' : 'ST3160815AS - 160 Go (SATA)\nWDC WD800JD-60LSA5 - 80 Go (SATA)', 'Microsoft Windows XP Professionnel'];
  const machine = { assetTag: row[7], serialNumber: row[4], type: laptop ? 'laptop' : 'desktop', brand: row[3], model: row[6], cpu: row[9],
    ramGb: laptop ? 4 : 2, osInstalled: row[12], notes: `Nom : ${row[0]}`,
    disks: laptop ? [{ gb: 250, model: 'FUJITSU MHZ2250BH G2' }] : [{ gb: 160, model: 'ST3160815AS' }, { gb: 80, model: 'WDC WD800JD-60LSA5' }] };
  return { row, machine };
}
const quote = (c) => (/[;"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
const glpiCsv = (units) => '\uFEFF' + [HEADERS, ...units.map((u) => u.row)].map((r) => r.map(quote).join(';')).join('\r\n') + '\r\n';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const canonical = (v) => (Array.isArray(v) ? `[${v.map(canonical).join(',')}]` : v && typeof v === 'object'
  ? `{${Object.keys(v).filter((k) => v[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}` : JSON.stringify(v ?? null));
const hash = (payload) => crypto.createHash('sha256').update(canonical(payload)).digest('hex');

/** With BENCH_PROFILE=1, each floor statement's time is printed: where PostgreSQL spends it. */
const profiled = (client) => (process.env.BENCH_PROFILE
  ? { query: async (sql, params) => { const t = performance.now(); const r = await client.query(sql, params); process.stderr.write(`  ${(performance.now() - t).toFixed(0).padStart(6)} ms  ${sql.replace(/\s+/g, ' ').slice(0, 70)}\n`); return r; } }
  : client);

/** The floor: the same rows, prepared in memory, written by hand-written set-based SQL in one transaction. */
async function floor(pgClient, donation, units) {
  const client = profiled(pgClient);
  const ids = units.map(() => createId());
  const at = new Date();
  const actor = { type: 'admin', id: '1', name: 'Bench' };
  const hashes = ids.map((subjectId) => hash({ subjectType: 'api::machine.machine', subjectId, seq: 1, kind: 'created', fromStage: null, toStage: 'received',
    actorType: actor.type, actorId: actor.id, actorName: actor.name, at: at.toISOString(), details: {}, prevHash: null }));
  const m = units.map((u) => u.machine);
  const col = (k) => m.map((x) => x[k]);
  const devices = m.flatMap((x, i) => x.disks.map((disk, o) => ({ i, o: o + 1, ...disk })));
  const t = performance.now();
  await client.query('BEGIN');
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [0x5356, donation.documentId]);
  const counter = await client.query(
    `INSERT INTO sv_counters (scope, value) VALUES ('label-code', $1) ON CONFLICT (scope) DO UPDATE SET value = sv_counters.value + EXCLUDED.value RETURNING value`, [units.length]);
  const first = Number(counter.rows[0].value) - units.length + 1;
  const machineIds = (await client.query(`SELECT nextval(pg_get_serial_sequence('machines', 'id'))::int AS id FROM generate_series(1, $1)`, [units.length])).rows.map((r) => r.id);
  await client.query(
    `INSERT INTO machines (id, document_id, label_code, asset_tag, serial_number, type, brand, model, cpu, ram_gb, os_installed, notes,
        pipeline_stage, created_at, updated_at, published_at)
     SELECT r.id, r.d, 'SV-' || lpad((($3::int) + r.n - 1)::text, 6, '0'), r.a, r.s, r.t, r.b, r.m, r.c, r.ram, r.os, r.notes, 'received', $1, $1, $1
       FROM unnest($2::int[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[], $8::varchar[], $9::varchar[], $10::varchar[], $11::numeric[], $12::varchar[], $13::text[])
            WITH ORDINALITY AS r(id, d, a, s, t, b, m, c, ram, os, notes, n)`,
    [at, machineIds, first, ids, col('assetTag'), col('serialNumber'), col('type'), col('brand'), col('model'), col('cpu'), col('ramGb'), col('osInstalled'), col('notes')]);
  for (const [table, column, target] of [['machines_donation_lnk', 'donation_id', donation.id], ['machines_donor_lnk', 'donor_id', donation.donorId], ['machines_workshop_lnk', 'workshop_id', donation.workshopId]]) {
    await client.query(
      `INSERT INTO ${table} (machine_id, ${column}, machine_ord)
       SELECT m.id, $1, (SELECT COALESCE(MAX(machine_ord), 0) FROM ${table} WHERE ${column} = $1) + m.n FROM unnest($2::int[]) WITH ORDINALITY AS m(id, n)`,
      [target, machineIds]);
  }
  const deviceIds = (await client.query(`SELECT nextval(pg_get_serial_sequence('storage_devices', 'id'))::int AS id FROM generate_series(1, $1)`, [devices.length])).rows.map((r) => r.id);
  await client.query(
    `INSERT INTO storage_devices (id, document_id, model, interface, capacity_gb, state, created_at, updated_at, published_at)
     SELECT i, d, m, 'sata', g, 'present', $1, $1, $1 FROM unnest($2::int[], $3::varchar[], $4::varchar[], $5::int[]) AS x(i, d, m, g)`,
    [at, deviceIds, devices.map(() => createId()), devices.map((d) => d.model), devices.map((d) => d.gb)]);
  await client.query(`INSERT INTO storage_devices_machine_lnk (storage_device_id, machine_id, storage_device_ord) SELECT * FROM unnest($1::int[], $2::int[], $3::float8[])`,
    [deviceIds, devices.map((d) => machineIds[d.i]), devices.map((d) => d.o)]);
  await client.query(
    `INSERT INTO sv_pipeline_events (document_id, subject_type, subject_id, seq, kind, to_stage, actor_type, actor_id, actor_name, at, details, hash, created_at, updated_at)
     SELECT e.d, 'api::machine.machine', e.s, 1, 'created', 'received', $1, $2, $3, $4, '{}'::jsonb, e.h, $4, $4
       FROM unnest($5::varchar[], $6::varchar[], $7::varchar[]) AS e(d, s, h)`,
    [actor.type, actor.id, actor.name, at, ids.map(() => createId()), ids, hashes]);
  await client.query('COMMIT');
  return performance.now() - t;
}

/** What a donation's units hold, their serial prefix taken out: to check both sides wrote the same rows. */
async function contents(client, donationId, prefix) {
  const { rows } = await client.query(
    `SELECT replace(m.serial_number, $2, '') AS s, replace(m.asset_tag, $2, '') AS a, m.type, m.brand, m.model, m.cpu, m.ram_gb::text AS ram,
            m.os_installed, replace(m.notes, $2, '') AS notes, m.pipeline_stage,
            (SELECT string_agg(d.interface || ':' || d.capacity_gb || ':' || d.model || ':' || d.state, ',' ORDER BY k.storage_device_ord)
               FROM storage_devices_machine_lnk k JOIN storage_devices d ON d.id = k.storage_device_id WHERE k.machine_id = m.id) AS disks,
            (SELECT count(*) FROM sv_pipeline_events e WHERE e.subject_type = 'api::machine.machine' AND e.subject_id = m.document_id
               AND e.seq = 1 AND e.to_stage = 'received')::int AS events,
            (SELECT count(*) FROM machines_donor_lnk o WHERE o.machine_id = m.id)::int AS donor
       FROM machines m JOIN machines_donation_lnk l ON l.machine_id = m.id WHERE l.donation_id = $1 ORDER BY 1`,
    [donationId, prefix]);
  return JSON.stringify(rows);
}

const bench = await startBenchApp();
const client = new pg.Client({ connectionString: bench.databaseUrl });
try {
  await bench.ready();
  await client.connect();
  const jwt = await bench.adminJwt();
  const token = (await bench.call('POST', '/admin/api-tokens', { name: 'bench', type: 'full-access', lifespan: null }, jwt)).data.accessKey;
  const donor = (await bench.call('POST', '/api/donors', { data: { name: 'DSIT Brest', kind: 'public_administration' } }, token)).data.documentId;
  const donation = async () => {
    const documentId = (await bench.call('POST', '/api/donations', { data: { donor, collectedAt: '2012-03-15' } }, token)).data.documentId;
    const { rows } = await client.query(
      `SELECT d.id, o.donor_id, w.workshop_id FROM donations d JOIN donations_donor_lnk o ON o.donation_id = d.id
         LEFT JOIN donations_workshop_lnk w ON w.donation_id = d.id WHERE d.document_id = $1`, [documentId]);
    return { documentId, id: rows[0].id, donorId: rows[0].donor_id, workshopId: rows[0].workshop_id };
  };

  const routeMs = [];
  const floorMs = [];
  let same = true;
  for (let round = 0; round < ROUNDS; round += 1) {
    const r = `R${round}X`;
    const f = `F${round}X`;
    const routeUnits = Array.from({ length: ROWS }, (_, i) => unit(i + 1, r));
    const form = new FormData();
    form.append('file', new Blob([glpiCsv(routeUnits)]), 'glpi.csv');
    form.append('background', 'false');
    const target = await donation();
    const t = performance.now();
    const res = await fetch(`${bench.base}/api/intake/donations/${target.documentId}/import`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
    const routeTime = performance.now() - t;
    const body = await res.json();
    if (res.status !== 201 || body.data.result.created !== ROWS) throw new Error(`route: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
    routeMs.push(routeTime);

    const floorTarget = await donation();
    floorMs.push(await floor(client, floorTarget, Array.from({ length: ROWS }, (_, i) => unit(i + 1, f))));
    same = same && (await contents(client, target.id, r)) === (await contents(client, floorTarget.id, f));
    process.stderr.write(`round ${round + 1}/${ROUNDS}: route ${routeTime.toFixed(0)} ms, floor ${floorMs[round].toFixed(0)} ms\n`);
  }
  console.log(`rows: ${ROWS}, rounds: ${ROUNDS}`);
  console.log(`import through the route (HTTP upload + parse + checks + set-based writes + commit): median ${(median(routeMs) / 1000).toFixed(2)} s (${routeMs.map((x) => (x / 1000).toFixed(2)).join(', ')})`);
  console.log(`hand-written set-based SQL (floor): median ${(median(floorMs) / 1000).toFixed(2)} s (${floorMs.map((x) => (x / 1000).toFixed(2)).join(', ')})`);
  console.log(`ratio route / floor (medians): ${(median(routeMs) / median(floorMs)).toFixed(2)}`);
  console.log(`same rows written: ${same ? 'yes' : 'NO'}`);
  report([{ bench: 'intake', measure: `GLPI import of ${ROWS} rows: route vs hand-written set-based SQL (median time)`, ours: `${(median(routeMs) / 1000).toFixed(2)} s`, baseline: `${(median(floorMs) / 1000).toFixed(2)} s`, ratio: median(routeMs) / median(floorMs), ok: same }]);
  if (!same) process.exitCode = 1;
} finally {
  await client.end().catch(() => {});
  await bench.stop();
}

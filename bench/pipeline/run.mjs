#!/usr/bin/env node
// bench/pipeline: N units taken through a full refurbishment cycle over HTTP (Réception → Prête:
// 6 moves, a test checklist, an erasure report = 8 requests a unit), against the same number of
// plain Strapi REST updates of one field (PUT /api/machines/:id), both measured in the same run,
// interleaved in blocks so that the machine's drift hits both alike. Reports the ratio.
//
//   npm run build && node bench/pipeline/run.mjs [units=1000]
import { performance } from 'node:perf_hooks';
import { startBenchApp } from '../lib/app.mjs';
import { report } from '../lib/report.mjs';

const UNITS = Number(process.argv[2] ?? 1000);
const BLOCK = 25;

const bench = await startBenchApp();
const { call, stop } = bench;

try {
  await bench.ready();
  const token = (await call('POST', '/admin/api-tokens', { name: 'bench', type: 'full-access', lifespan: null }, await bench.adminJwt())).data.accessKey;

  process.stderr.write(`creating ${UNITS} units…\n`);
  const units = [];
  for (let i = 0; i < UNITS; i += 1) {
    const serial = `BENCH-${i}`;
    const m = await call('POST', '/api/machines', { data: { type: 'desktop' } }, token);
    await call('POST', '/api/storage-devices', { data: { machine: m.data.documentId, interface: 'sata', capacityGb: 160, serial } }, token);
    units.push({ id: m.data.documentId, serial });
  }

  const cycle = async ({ id, serial }) => {
    const move = (to) => call('POST', `/api/pipeline/records/machines/${id}/transitions`, { to }, token);
    await move('sorting');
    await move('testing');
    await call('POST', `/api/pipeline/records/machines/${id}/checklists`, { stage: 'testing', items: { boots: true, memory: true, disk_smart: true } }, token);
    await move('erasing');
    await call('POST', `/api/pipeline/machines/${id}/erasures`, { deviceSerial: serial, method: 'nist_clear', result: 'success', tool: 'nwipe' }, token);
    await move('cleaning');
    await move('reinstalling');
    await move('ready');
  };
  const REQUESTS_PER_UNIT = 8;
  const plain = async ({ id }, n) => call('PUT', `/api/machines/${id}`, { data: { notes: `note ${n}` } }, token);

  let pipelineMs = 0;
  let plainMs = 0;
  for (let start = 0; start < UNITS; start += BLOCK) {
    const block = units.slice(start, start + BLOCK);
    let t = performance.now();
    for (const u of block) await cycle(u);
    pipelineMs += performance.now() - t;
    t = performance.now();
    for (const u of block) for (let n = 0; n < REQUESTS_PER_UNIT; n += 1) await plain(u, n);
    plainMs += performance.now() - t;
    process.stderr.write(`\r${Math.min(start + BLOCK, UNITS)}/${UNITS}`);
  }
  const requests = UNITS * REQUESTS_PER_UNIT;
  process.stderr.write('\n');
  console.log(`units: ${UNITS}, requests each side: ${requests}`);
  console.log(`pipeline cycle: ${(pipelineMs / 1000).toFixed(1)} s total, ${(pipelineMs / UNITS).toFixed(1)} ms a unit, ${(pipelineMs / requests).toFixed(2)} ms a request`);
  console.log(`plain REST update (baseline): ${(plainMs / 1000).toFixed(1)} s total, ${(plainMs / requests).toFixed(2)} ms a request`);
  console.log(`ratio pipeline / plain update, per request: ${(pipelineMs / plainMs).toFixed(2)}`);
  report([{ bench: 'pipeline', measure: `${UNITS} units Réception → Prête over HTTP vs plain REST updates (time per request)`, ours: `${(pipelineMs / requests).toFixed(2)} ms`, baseline: `${(plainMs / requests).toFixed(2)} ms`, ratio: pipelineMs / plainMs }]);
} finally {
  await stop();
}

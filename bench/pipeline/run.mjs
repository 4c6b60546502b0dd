#!/usr/bin/env node
// bench/pipeline: N units taken through a full refurbishment cycle over HTTP (Réception → Prête:
// 6 moves, a test checklist, an erasure report = 8 requests a unit), against the same number of
// plain Strapi REST updates of one field (PUT /api/machines/:id), both measured in the same run,
// interleaved in blocks so that the machine's drift hits both alike. Reports the ratio.
//
//   npm run build && node bench/pipeline/run.mjs [units=1000]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createDatabaseIfMissing, embeddedUrl, startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const UNITS = Number(process.argv[2] ?? 1000);
const BLOCK = 25;

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sv-bench-'));
fs.chmodSync(dataDir, 0o755);
const pgPort = await freePort();
const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: pgPort, persistent: false });
await createDatabaseIfMissing(embeddedUrl(pgPort, 'postgres'), 'bench');
const appPort = await freePort();
const app = spawn('npx', ['strapi', 'start'], {
  cwd: root,
  env: { ...process.env, DATABASE_URL: embeddedUrl(pgPort, 'bench'), PORT: String(appPort), HOST: '127.0.0.1', STRAPI_TELEMETRY_DISABLED: 'true', NODE_ENV: 'development' },
  stdio: ['ignore', 'ignore', 'inherit'],
  detached: true,
});
const base = `http://127.0.0.1:${appPort}`;

async function stop() {
  try {
    process.kill(-app.pid, 'SIGTERM');
  } catch {}
  await new Promise((r) => setTimeout(r, 1500));
  await pg.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

async function call(method, url, body, token) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = res.status === 204 ? null : await res.json();
  if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

try {
  for (let i = 0; ; i += 1) {
    if (i > 240) throw new Error('the app did not start');
    try {
      if ((await fetch(`${base}/_health`)).status === 204) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  const login = await call('POST', '/admin/login', { email: 'admin@seconde-vie.test', password: 'SecondeVie-2012' });
  const token = (await call('POST', '/admin/api-tokens', { name: 'bench', type: 'full-access', lifespan: null }, login.data.token)).data.accessKey;

  process.stderr.write(`creating ${UNITS} units…\n`);
  const units = [];
  for (let i = 0; i < UNITS; i += 1) {
    const serial = `BENCH-${i}`;
    const m = await call('POST', '/api/machines', { data: { type: 'desktop', storageDevices: [{ interface: 'sata', capacityGb: 160, serial }] } }, token);
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
} finally {
  await stop();
}

import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { formatLabelCode } from '../../src/shared/server/numbering';
import { adminUrl, onServer, withDatabase } from '../helpers/app';
import { csv, GLPI_FR_HEADERS, glpiRow } from './fixtures';

// The app is killed (SIGKILL: no shutdown hook runs) in the middle of an import, with 2,000 of its
// rows written in its transaction, then started again: nothing of the cut run stayed, and the
// import (a pg-boss job) runs again from the start and writes the whole file, once.

const root = path.resolve(__dirname, '..', '..');
const database = `sv_t_${crypto.randomBytes(6).toString('hex')}`;
const dbUrl = () => withDatabase(adminUrl(), database);

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** The built app in a process of its own, on this test's database. */
async function startProcess(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: dbUrl(), PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'test', STRAPI_TELEMETRY_DISABLED: 'true' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 240; i += 1) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/_health`)).status === 204) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("l'application ne démarre pas");
}

let app: ChildProcess | null = null;
let sql: Client;

beforeAll(async () => {
  const templates = JSON.parse(process.env.SV_TEST_TEMPLATES ?? '{}') as Record<string, string>;
  await onServer(`CREATE DATABASE ${database} TEMPLATE ${templates.base}`);
  sql = new Client({ connectionString: dbUrl() });
  await sql.connect();
});

afterAll(async () => {
  app?.kill('SIGKILL');
  await sql?.end();
  await onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
});

const count = async (query: string, params: unknown[] = []) => Number((await sql.query(query, params)).rows[0].count);

it('leaves nothing of an import cut by a crash, and runs it again whole once the app is back', async () => {
  const port = await freePort();
  app = await startProcess(port);
  const base = `http://127.0.0.1:${port}`;
  const call = async (method: string, url: string, token: string, body?: unknown) => {
    const res = await fetch(`${base}${url}`, { method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: body ? JSON.stringify(body) : undefined });
    return (await res.json()) as { data: Record<string, unknown> & { documentId: string; accessKey: string } };
  };
  const login = await fetch(`${base}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'admin@seconde-vie.test', password: 'SecondeVie-2012' }) });
  const jwt = ((await login.json()) as { data: { token: string } }).data.token;
  const token = (await call('POST', '/admin/api-tokens', jwt, { name: 'redemarrage', type: 'full-access', lifespan: null })).data.accessKey;
  const donor = (await call('POST', '/api/donors', token, { data: { name: 'CHU de Brest', kind: 'public_administration' } })).data.documentId;
  const donation = (await call('POST', '/api/donations', token, { data: { donor, collectedAt: '2012-03-15' } })).data.documentId;
  const before = {
    machines: await count('SELECT count(*) FROM machines'),
    events: await count('SELECT count(*) FROM sv_pipeline_events'),
    devices: await count('SELECT count(*) FROM storage_devices'),
  };

  // A unit being typed in by hand, not yet saved, holds the label the import gives its 2,001st
  // row: the import writes its first 2,000 rows, then waits on that label, in the middle.
  const counter = Number((await sql.query("SELECT value FROM sv_counters WHERE scope = 'label-code'")).rows[0]?.value ?? 0);
  const blocker = new Client({ connectionString: dbUrl() });
  await blocker.connect();
  await blocker.query('BEGIN');
  await blocker.query(
    `INSERT INTO machines (document_id, label_code, type, created_at, updated_at, published_at) VALUES ('saisiealamainpendantimpo', $1, 'other', now(), now(), now())`,
    [formatLabelCode(counter + 2001)],
  );

  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(csv([GLPI_FR_HEADERS, ...Array.from({ length: 6000 }, (_, i) => glpiRow(i + 1, 'CRASH'))]))]), 'chu.csv');
  form.append('background', 'true');
  const started = (await (await fetch(`${base}/api/intake/donations/${donation}/import`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form })).json()) as { data: { job: { id: string } } };
  const jobId = started.data.job.id;
  for (;;) {
    const job = (await call('GET', `/api/intake/jobs/${jobId}`, token)).data;
    if (Number(job.written) >= 2000) {
      expect(job).toMatchObject({ status: 'running', phase: 'writing', checked: 6000, written: 2000 });
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  app.kill('SIGKILL');
  await new Promise((resolve) => app?.once('exit', resolve));
  app = null;
  // The hand-typed unit is abandoned too; the dead process's transaction is rolled back by PostgreSQL.
  await blocker.query('ROLLBACK');
  await blocker.end();
  for (let i = 0; i < 50 && (await count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")) > 0; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect({
    machines: await count('SELECT count(*) FROM machines'),
    events: await count('SELECT count(*) FROM sv_pipeline_events'),
    devices: await count('SELECT count(*) FROM storage_devices'),
  }).toEqual(before);
  expect(await count("SELECT count(*) FROM machines WHERE serial_number LIKE 'CRASHSN%'")).toBe(0);

  // Started again, the app finds the import without a process (its lock free, silent) and pg-boss
  // runs it again from the start: the whole file, once.
  app = await startProcess(port);
  let job: Record<string, unknown> = {};
  for (let i = 0; i < 600; i += 1) {
    job = (await call('GET', `/api/intake/jobs/${jobId}`, token)).data;
    if (!['queued', 'running'].includes(String(job.status))) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(job).toMatchObject({ status: 'done', phase: 'finished', written: 6000, errors: [] });
  expect(await count("SELECT count(*) FROM machines WHERE serial_number LIKE 'CRASHSN%'")).toBe(6000);
  expect(await count('SELECT count(*) FROM machines')).toBe(before.machines + 6000);
  expect(await count('SELECT count(*) FROM sv_pipeline_events')).toBe(before.events + 6000);
  // The file it ran from is not kept once the import has ended.
  expect(await count('SELECT count(*) FROM sv_intake_job_inputs')).toBe(0);
}, 15 * 60 * 1000);

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runSql } from '../helpers/database';
import { DATABASE_UNAVAILABLE_MESSAGE } from '../../src/middlewares/service-unavailable';
import { freePort, login, sleep, startAppProcess, waitFor, type AppProcess } from './app-process';

// PostgreSQL is stopped (fast shutdown: every session cut, transactions in flight rolled back)
// and started again while 20 clients move units along the line. The app, never restarted, must
// answer a French 503 meanwhile, be ready again afterwards, and every move be whole or absent.

/** Réception → … → Réinstallation: moves that need no erasure. */
const LINE = ['received', 'sorting', 'testing', 'erasing', 'cleaning', 'reinstalling'];
const CLIENTS = 20;
const UNITS_PER_CLIENT = 3;
/** Moves done before PostgreSQL is stopped: the restart falls in the middle of the run. */
const RESTART_AFTER = 90;

/** This test's PostgreSQL, in a process of its own (tests/reliability/postgres-server.mjs). */
async function startPostgres(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(__dirname, 'postgres-server.mjs'), dataDir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`PostgreSQL ne démarre pas (code ${code})`)));
  });
  return child;
}

async function stopPostgres(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { error?: { message?: string; details?: { currentStage?: string } } } | null;
  text: string;
}

let folder: string;
let port: number;
let postgres: ChildProcess | null = null;
let app: AppProcess | null = null;
let databaseUrl: string;

beforeAll(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'seconde-vie-faults-pg-'));
  // PostgreSQL runs as the postgres user: it must reach the folder.
  fs.chmodSync(folder, 0o755);
  port = await freePort();
  postgres = await startPostgres(path.join(folder, 'data'), port);
  const server = `postgres://postgres:postgres@127.0.0.1:${port}`;
  await runSql(`${server}/postgres`, 'CREATE DATABASE sv_faults');
  databaseUrl = `${server}/sv_faults`;
  // The app builds its schema and its first admin on the empty database, as the test templates are built.
  app = await startAppProcess(databaseUrl);
}, 300000);

afterAll(async () => {
  if (app?.alive()) {
    app.child.kill('SIGKILL');
    await app.exited;
  }
  if (postgres) await stopPostgres(postgres);
  fs.rmSync(folder, { recursive: true, force: true });
});

it('PostgreSQL restarted while 20 clients move units: French 503 meanwhile, ready again without restart, every move whole or absent', async () => {
  const running = app as AppProcess;
  const jwt = await login(running.base);
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${jwt}` };
  const call = async (method: string, url: string, body?: unknown): Promise<Answer> => {
    try {
      const res = await fetch(`${running.base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      let parsed: Answer['body'] = null;
      try {
        parsed = JSON.parse(text) as Answer['body'];
      } catch {
        // Not JSON: kept as text for the assertions.
      }
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: parsed, text };
    } catch (error) {
      return { status: 0, retryAfter: null, body: null, text: String((error as Error).cause ?? error) };
    }
  };

  const units: string[] = [];
  for (let i = 0; i < CLIENTS * UNITS_PER_CLIENT; i += 1) {
    const created = await call('POST', '/content-manager/collection-types/api::machine.machine', { type: 'desktop', brand: 'Dell', model: `Optiplex ${i}` });
    expect(created.status).toBe(201);
    units.push((created.body as unknown as { data: { documentId: string } }).data.documentId);
  }

  const answers: Answer[] = [];
  let moved = 0;
  /** One volunteer at the bench: takes each of its units along the line, retrying what the outage refused. */
  const client = async (mine: string[]) => {
    for (const unit of mine) {
      for (let step = 1; step < LINE.length; step += 1) {
        for (let attempt = 0; ; attempt += 1) {
          if (attempt > 600) throw new Error(`déplacement de ${unit} vers ${LINE[step]} jamais abouti`);
          const answer = await call('POST', `/pipeline/records/machines/${unit}/transitions`, { to: LINE[step], from: LINE[step - 1] });
          answers.push(answer);
          // 409 with the unit already there: an earlier try committed but its answer was lost with the connection.
          if (answer.status === 200 || (answer.status === 409 && answer.body?.error?.details?.currentStage === LINE[step])) break;
          await sleep(100);
        }
        moved += 1;
      }
    }
  };
  const clients = Array.from({ length: CLIENTS }, (_, c) => client(units.slice(c * UNITS_PER_CLIENT, (c + 1) * UNITS_PER_CLIENT)));
  const done = Promise.all(clients);

  await waitFor('les premiers déplacements', () => (moved >= RESTART_AFTER ? true : undefined), 2400, 50);
  await stopPostgres(postgres as ChildProcess);
  postgres = null;
  // While PostgreSQL is down: clients are refused in French, and readiness says why.
  await waitFor('des refus pendant la panne', () => (answers.filter((a) => a.status === 503).length >= CLIENTS ? true : undefined), 600, 50);
  const duringOutage = await call('GET', '/_health/ready');
  postgres = await startPostgres(path.join(folder, 'data'), port);
  await done;

  expect(duringOutage.status).toBe(503);
  expect(duringOutage.body).toMatchObject({ status: 'error', checks: { database: { status: 'error' } } });

  // Ready again, the same process: it was never restarted.
  await waitFor('/_health/ready de nouveau à 200', async () => ((await call('GET', '/_health/ready')).status === 200 ? true : undefined), 120, 250);
  expect(running.alive()).toBe(true);
  expect((await call('GET', `/pipeline/records/machines/${units[0]}`)).status).toBe(200);

  expect(answers.filter((a) => ![200, 409, 503].includes(a.status)).map((a) => `${a.status} ${a.text}`)).toEqual([]);
  const refused = answers.filter((a) => a.status === 503);
  expect(refused.length).toBeGreaterThanOrEqual(CLIENTS);
  for (const a of refused) expect([a.body?.error?.message, a.retryAfter]).toEqual([DATABASE_UNAVAILABLE_MESSAGE, '5']);
  for (const a of answers) expect(a.text).not.toMatch(/Internal Server Error|\n\s+at /);

  // Whole or absent: each unit has exactly one event per move, each starting where the last ended,
  // the stage is where the last one leads, and the chain of custody verifies.
  const events = await runSql(
    databaseUrl,
    "SELECT subject_id, from_stage, to_stage FROM sv_pipeline_events WHERE kind = 'transition' AND subject_id = ANY($1) ORDER BY subject_id, seq",
    [units],
  );
  const stages = await runSql(databaseUrl, 'SELECT document_id, pipeline_stage FROM machines WHERE document_id = ANY($1)', [units]);
  for (const unit of units) {
    const mine = events.filter((e) => e.subject_id === unit);
    expect(mine.map((e) => [e.from_stage, e.to_stage])).toEqual(LINE.slice(1).map((to, i) => [LINE[i], to]));
    expect(stages.find((s) => s.document_id === unit)?.pipeline_stage).toBe(mine[mine.length - 1].to_stage);
    const chain = await call('GET', `/pipeline/records/machines/${unit}/verify`);
    expect(chain.status).toBe(200);
    expect((chain.body as unknown as { data: { valid: boolean } }).data.valid).toBe(true);
  }
}, 300000);

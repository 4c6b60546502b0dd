import { ownDatabase, type OwnDatabase } from '../helpers/database';
import { connects, descendants, login, running, startAppProcess, waitFor, type AppProcess } from './app-process';

// The built app in its own process gets SIGTERM while it renders PDFs and serves a long list.
// What a user must see: requests in flight finish (or, past SHUTDOWN_TIMEOUT_MS, fail without
// leaving half a document), no new connection is taken, the process exits 0 and leaves no Chromium.

const GENERATIONS = 8;

let db: OwnDatabase;
let donations: string[];

beforeAll(async () => {
  db = await ownDatabase('demo');
  // The demo has a few donations: each gets more than one report (its next version).
  const all = (await db.query('SELECT DISTINCT document_id FROM donations ORDER BY document_id')).map((r) => String(r.document_id));
  expect(all.length).toBeGreaterThan(0);
  donations = Array.from({ length: GENERATIONS }, (_, i) => all[i % all.length]);
});

afterAll(async () => {
  await db?.drop();
});

interface Outcome {
  status: number;
  body: string;
}

/** Fires the slow requests: one traceability report per donation (a PDF each) and two lists of 100 units. */
function fireSlowRequests(app: AppProcess, jwt: string, onDone: () => void) {
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${jwt}` };
  const settle = (request: Promise<Response>): Promise<Outcome> =>
    request
      .then(async (res) => ({ status: res.status, body: await res.text() }))
      .catch((error: Error) => ({ status: 0, body: String(error.cause ?? error) }))
      .finally(onDone);
  const generations = donations.map((documentId) =>
    settle(fetch(`${app.base}/documents/generate`, { method: 'POST', headers, body: JSON.stringify({ kind: 'traceability-report', documentId }) })),
  );
  const lists = [1, 2].map((page) =>
    settle(fetch(`${app.base}/content-manager/collection-types/api::machine.machine?page=${page}&pageSize=100`, { headers })),
  );
  return { generations, lists };
}

/** The renderer's browser and its children, collected while the app runs. */
function watchChromium(app: AppProcess) {
  const seen = new Set<number>();
  const look = () => {
    for (const p of descendants(app.pid)) if (/chrom/i.test(p.command)) seen.add(p.pid);
  };
  const timer = setInterval(look, 20);
  return {
    seen,
    look,
    stop: () => clearInterval(timer),
  };
}

/** The documents issued since `afterId`, each with its number, its stored file and the file's hash. */
async function issuedDocuments(afterId: number) {
  return db.query(
    `SELECT g.number, g.sha_256 AS sha256, f.content IS NOT NULL AS has_file, encode(sha256(f.content), 'hex') AS file_sha256
       FROM documents_generated g LEFT JOIN sv_document_files f ON f.generated_id = g.id
      WHERE g.id > $1`,
    [afterId],
  );
}

async function sigtermWhileBusy(shutdownTimeoutMs: number) {
  const [{ last }] = await db.query('SELECT coalesce(max(id), 0)::int AS last FROM documents_generated');
  const app = await startAppProcess(db.url, { SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs) });
  try {
    const jwt = await login(app.base);
    let finished = 0;
    const chromium = watchChromium(app);
    const { generations, lists } = fireSlowRequests(app, jwt, () => (finished += 1));
    // Renders are under way once the app has started its browser (it starts it on the first render).
    await waitFor('Chromium lancé pour les rendus', () => (chromium.look(), chromium.seen.size > 0 ? true : undefined), 600, 20);
    process.kill(app.pid, 'SIGTERM');
    const refusal = await waitFor(
      'refus des nouvelles connexions',
      async () => ((await connects(app.port)) ? undefined : { alive: app.alive(), finished }),
      2000,
      5,
    );
    const exit = await Promise.race([
      app.exited,
      new Promise<'pas arrêté'>((resolve) => setTimeout(() => resolve('pas arrêté'), shutdownTimeoutMs + 30000)),
    ]);
    chromium.stop();
    return { lastDocument: Number(last), refusal, exit, generations: await Promise.all(generations), lists: await Promise.all(lists), chromium: [...chromium.seen], output: app.output() };
  } finally {
    if (app.alive()) app.child.kill('SIGKILL');
  }
}

describe('SIGTERM while the app renders PDFs and serves lists', () => {
  it('lets every request in flight finish, refuses new connections meanwhile, exits 0 and leaves no Chromium', async () => {
    const run = await sigtermWhileBusy(120000);
    // Refused while the process was still at work: draining, not dead.
    expect(run.refusal.alive).toBe(true);
    expect(run.refusal.finished).toBeLessThan(GENERATIONS + 2);
    expect(run.exit).toEqual({ code: 0, signal: null });
    expect(run.generations.map((g) => g.status)).toEqual(Array(GENERATIONS).fill(201));
    expect(run.lists.map((l) => l.status)).toEqual([200, 200]);
    expect(run.output).toMatch(/Arrêt demandé : plus aucune nouvelle connexion ; \d+ requête\(s\) en cours/);
    const documents = await issuedDocuments(run.lastDocument);
    expect(documents).toHaveLength(GENERATIONS);
    for (const d of documents) expect(d).toMatchObject({ has_file: true, file_sha256: d.sha256 });
    expect(new Set(documents.map((d) => d.number)).size).toBe(GENERATIONS);
    expect(run.chromium.length).toBeGreaterThan(0);
    expect(run.chromium.filter(running)).toEqual([]);
  }, 300000);

  it('past SHUTDOWN_TIMEOUT_MS, cuts what is left cleanly: no half-written document, exit 0, no Chromium', async () => {
    const run = await sigtermWhileBusy(0);
    expect(run.exit).toEqual({ code: 0, signal: null });
    const statuses = [...run.generations, ...run.lists].map((o) => o.status);
    // Cut: the connection closed (0) or a French 503; never an English 500.
    for (const o of [...run.generations, ...run.lists]) {
      expect([0, 200, 201, 503]).toContain(o.status);
      if (o.status === 503) expect(JSON.parse(o.body).error.message).toMatch(/moteur de rendu|base de données/i);
    }
    expect(statuses.filter((s) => s === 201).length).toBeLessThan(GENERATIONS);
    const documents = await issuedDocuments(run.lastDocument);
    // A document committed just before its connection was cut is whole too; none is half-written.
    expect(documents.length).toBeGreaterThanOrEqual(statuses.filter((s) => s === 201).length);
    for (const d of documents) expect(d).toMatchObject({ has_file: true, file_sha256: d.sha256 });
    expect(run.chromium.filter(running)).toEqual([]);
  }, 300000);
});

import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createStrapi, type Core } from '@strapi/strapi';
import request from 'supertest';
import { binary } from '../documents/helpers/admin';
import { DEV_ADMIN } from '../helpers/admin';
import { runSql } from '../helpers/database';

// The restore drill of README « Sauvegardes »: a workshop's database on a real PostgreSQL server
// (Debian's, not the embedded one) with units erased and certified, a donation's report, a
// media-library file; `npm run backup` as the cron would run it; `npm run restore` into a new database and a new
// uploads folder; the app booted on the copy must hold the same rows, chains that verify and PDFs
// that hash as recorded.
const root = path.resolve(__dirname, '..', '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sv-backup-drill-'));
const pgState = path.join(work, 'pg.json');
const source = { publicDir: path.join(work, 'source', 'public') };
const restored = { publicDir: path.join(work, 'restored', 'public') };
const backupDir = path.join(work, 'backups');
let serverUrl = '';
const dbUrl = (name: string) => serverUrl.replace(/\/[^/]*$/, `/${name}`);

function node(script: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [path.join(root, script), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
}

function npm(args: string[], env: Record<string, string>) {
  return spawnSync('npm', ['run', '--silent', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
}

const sql = async <T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []) => (await runSql(url, text, params)) as T[];

/** Boots the compiled app on `databaseUrl`, its media library in `publicDir`. */
async function boot(databaseUrl: string, publicDir: string): Promise<Core.Strapi> {
  process.env.DATABASE_URL = databaseUrl;
  fs.mkdirSync(path.join(publicDir, 'uploads'), { recursive: true });
  const created = createStrapi({ appDir: root, distDir: path.join(root, 'dist') });
  // This test's own uploads folder: other test files write to public/uploads at the same time.
  created.dirs.static.public = publicDir;
  const strapi = await created.load();
  strapi.log.level = 'error';
  strapi.server.mount();
  return strapi;
}

/** Waits until the listeners that still query after a write (webhooks, after-commit actions) are done. */
async function settle(strapi: Core.Strapi): Promise<void> {
  const pool = (strapi.db.connection.client as unknown as { pool: { numPendingAcquires(): number; numUsed(): number } }).pool;
  for (let i = 0; i < 600 && (pool.numPendingAcquires() > 0 || pool.numUsed() > 0); i += 1) await new Promise((r) => setTimeout(r, 100));
}

async function shutdown(strapi: Core.Strapi | undefined): Promise<void> {
  if (!strapi) return;
  await settle(strapi);
  await strapi.destroy();
}

async function login(strapi: Core.Strapi): Promise<string> {
  const res = await request(strapi.server.httpServer).post('/admin/login').send(DEV_ADMIN);
  expect(res.status).toBe(200);
  return res.body.data.token as string;
}

/** Everything the drill compares, read from a database with SQL (and the app for the chains). */
interface Snapshot {
  counts: Record<string, number>;
  chains: Record<string, boolean>;
  documents: Record<string, { recorded: string; stored: string | null }>;
}

/** Rows per table of the app's schema. */
async function countRows(url: string): Promise<Record<string, number>> {
  const tables = await sql<{ tablename: string }>(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  const counts: Record<string, number> = {};
  for (const { tablename } of tables) counts[tablename] = Number((await sql<{ n: string }>(url, `SELECT count(*) AS n FROM "${tablename}"`))[0].n);
  return counts;
}

async function snapshot(strapi: Core.Strapi, url: string): Promise<Snapshot> {
  const counts = await countRows(url);

  const history = strapi.plugin('pipeline').service('history');
  const subjects = await sql<{ subject_type: string; subject_id: string }>(url, 'SELECT DISTINCT subject_type, subject_id FROM sv_pipeline_events ORDER BY 1, 2');
  const chains: Record<string, boolean> = {};
  for (const s of subjects) chains[`${s.subject_type}/${s.subject_id}`] = ((await history.verify(s.subject_type, s.subject_id)) as { valid: boolean }).valid;

  const rows = await sql<{ number: string; sha256: string; content: Buffer | null }>(
    url,
    'SELECT d.number, d.sha_256 AS sha256, f.content FROM documents_generated d LEFT JOIN sv_document_files f ON f.generated_id = d.id ORDER BY d.number'
  );
  const documents: Snapshot['documents'] = {};
  for (const r of rows) documents[r.number] = { recorded: r.sha256, stored: r.content ? crypto.createHash('sha256').update(r.content).digest('hex') : null };
  return { counts, chains, documents };
}

describe('backup and restore drill on a PostgreSQL server', () => {
  let before: Snapshot;
  let after: Snapshot;
  let restoredCounts: Record<string, number>;
  let archive = '';
  let issued: Array<{ documentId: string; number: string }> = [];
  let upload = { url: '', sha256: '' };
  let restoredApp: Core.Strapi | undefined;

  beforeAll(async () => {
    // Debian's PostgreSQL server (installed first if missing and we are root), in a temporary folder.
    const started = node('scripts/lib/system-postgres-cli.mjs', ['start', pgState]);
    if (started.status !== 0) throw new Error(started.stderr || started.stdout);
    serverUrl = JSON.parse(fs.readFileSync(pgState, 'utf8')).url as string;

    // The workshop: units erased at the bench and certified, a donation's traceability report, a logo.
    const app = await boot(serverUrl, source.publicDir);
    try {
      const http = () => request(app.server.httpServer);
      const auth = { Authorization: `Bearer ${await login(app)}` };
      const donor = await http().post('/content-manager/collection-types/api::donor.donor').set(auth).send({ name: 'CHU de Brest', kind: 'public_administration', relationship: 'partner', publicListingConsent: false });
      expect(donor.status).toBe(201);
      const donation = await http().post('/content-manager/collection-types/api::donation.donation').set(auth).send({ donor: { connect: [{ documentId: donor.body.data.documentId }] } });
      expect(donation.status).toBe(201);
      for (const serial of ['DRILL-DISK-1', 'DRILL-DISK-2', 'DRILL-DISK-3']) {
        const unit = await http()
          .post('/content-manager/collection-types/api::machine.machine')
          .set(auth)
          .send({ type: 'laptop', brand: 'Dell', model: 'Latitude E6410', donation: { connect: [{ documentId: donation.body.data.documentId }] } });
        expect(unit.status).toBe(201);
        const id = unit.body.data.documentId as string;
        const disk = await http().post(`/pipeline/machines/${id}/devices`).set(auth).send({ serial, interface: 'sata', capacityGb: 250 });
        expect(disk.status).toBe(201);
        const erased = await http()
          .post(`/pipeline/machines/${id}/erasures`)
          .set(auth)
          .send({ deviceDocumentId: disk.body.data?.documentId ?? disk.body.documentId, method: 'nist_clear', passes: 1, tool: 'nwipe', toolVersion: '0.34', result: 'success' });
        expect(erased.status).toBe(201);
        const doc = await http().post('/documents/generate').set(auth).send({ kind: 'erasure-certificate', documentId: id });
        expect(doc.status).toBe(201);
        issued.push(doc.body.data ?? doc.body);
      }
      const report = await http().post('/documents/generate').set(auth).send({ kind: 'traceability-report', documentId: donation.body.data.documentId });
      expect(report.status).toBe(201);
      issued.push(report.body.data ?? report.body);
      issued = issued.map((d) => ({ documentId: d.documentId, number: d.number }));

      const logo = crypto.randomBytes(2048);
      const uploaded = await http().post('/upload').set(auth).attach('files', logo, { filename: 'logo-donateur.png', contentType: 'image/png' });
      expect(uploaded.status).toBe(201);
      upload = { url: uploaded.body[0].url as string, sha256: crypto.createHash('sha256').update(logo).digest('hex') };
      await settle(app);
      before = await snapshot(app, serverUrl);
    } finally {
      await shutdown(app);
    }
  }, 600_000);

  afterAll(async () => {
    await shutdown(restoredApp);
    if (fs.existsSync(pgState)) node('scripts/lib/system-postgres-cli.mjs', ['stop', pgState]);
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('npm run backup writes one archive with the dump, the uploads and a manifest of every table', () => {
    const run = npm(['backup'], { DATABASE_URL: serverUrl, BACKUP_DIR: backupDir, UPLOADS_DIR: path.join(source.publicDir, 'uploads') });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const archives = fs.readdirSync(backupDir);
    expect(archives).toEqual([expect.stringMatching(/^seconde-vie-\d{8}-\d{6}\.tar\.gz$/)]);
    archive = path.join(backupDir, archives[0]);
    const listing = spawnSync('tar', ['-tzf', archive], { encoding: 'utf8' }).stdout.split('\n');
    expect(listing).toEqual(expect.arrayContaining(['manifest.json', 'database.dump', `uploads${upload.url.replace(/^\/uploads/, '')}`]));
    const manifest = JSON.parse(spawnSync('tar', ['-xzOf', archive, 'manifest.json'], { encoding: 'utf8' }).stdout);
    expect(manifest.tables).toEqual(before.counts);
    expect(manifest.postgres.server).toMatch(/^15\./);
    expect(manifest.app.version).toBe(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version);
  });

  it('npm run restore refuses a database that is not empty, and changes nothing', async () => {
    const counts = await sql(serverUrl, 'SELECT count(*)::int AS n FROM machines');
    const run = npm(['restore', '--', archive], { DATABASE_URL: serverUrl, UPLOADS_DIR: path.join(restored.publicDir, 'uploads') });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/n'est pas vide .* rien n'a été modifié/);
    expect(await sql(serverUrl, 'SELECT count(*)::int AS n FROM machines')).toEqual(counts);
    expect(fs.existsSync(path.join(restored.publicDir, 'uploads'))).toBe(false);
  });

  it('npm run restore puts the archive into a new database and a new uploads folder', async () => {
    // A boot and a check of every chain after the restore: more than the default on a busy machine.
    const run = npm(['restore', '--', archive], { DATABASE_URL: dbUrl('seconde_vie_restored'), UPLOADS_DIR: path.join(restored.publicDir, 'uploads') });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Restauration terminée/);
    // Counted before the app boots on the copy: a boot writes its own bookkeeping (core store).
    restoredCounts = await countRows(dbUrl('seconde_vie_restored'));
    restoredApp = await boot(dbUrl('seconde_vie_restored'), restored.publicDir);
    after = await snapshot(restoredApp, dbUrl('seconde_vie_restored'));
  }, 600_000);

  it('the restored copy holds as many rows in every table', () => {
    expect(Object.keys(before.counts).length).toBeGreaterThan(50);
    expect(before.counts.machines).toBe(3);
    expect(before.counts.sv_document_files).toBe(4);
    expect(restoredCounts).toEqual(before.counts);
  });

  it('every hash chain of the restored copy verifies, as it did before', () => {
    expect(Object.keys(before.chains).length).toBeGreaterThanOrEqual(3);
    expect(Object.values(before.chains).every(Boolean)).toBe(true);
    expect(after.chains).toEqual(before.chains);
  });

  it('every issued PDF of the restored copy hashes to its recorded SHA-256', () => {
    expect(Object.keys(before.documents)).toEqual(expect.arrayContaining(issued.map((d) => d.number)));
    for (const doc of Object.values(after.documents)) expect(doc.stored).toBe(doc.recorded);
    expect(after.documents).toEqual(before.documents);
  });

  it('the restored app serves the issued PDFs and the media-library file, byte for byte', async () => {
    const http = () => request(restoredApp!.server.httpServer);
    const auth = { Authorization: `Bearer ${await login(restoredApp!)}` };
    for (const doc of issued) {
      const res = await http().get(`/documents/generated/${doc.documentId}/download`).set(auth).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(crypto.createHash('sha256').update(res.body as Buffer).digest('hex')).toBe(before.documents[doc.number].recorded);
    }
    const file = await http().get(upload.url).buffer(true).parse(binary);
    expect(file.status).toBe(200);
    expect(crypto.createHash('sha256').update(file.body as Buffer).digest('hex')).toBe(upload.sha256);
  });
});

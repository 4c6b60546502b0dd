#!/usr/bin/env node
// npm run backup: one archive BACKUP_DIR/seconde-vie-<date>.tar.gz holding
//   database.dump  pg_dump -Fc of the app's database (records, history, issued PDFs)
//   uploads/       the media library's files (public/uploads)
//   manifest.json  date, app version, commit, PostgreSQL versions, row count of every table
// The counts and the dump read the same snapshot, so the manifest describes the dump exactly.
// Then only the BACKUP_KEEP newest archives are kept.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connection, countRows, fail, loadEnv, pickProgram, root, run, serverMajor, uploadsDir } from './lib/backup-tools.mjs';

loadEnv();
const url = process.env.DATABASE_URL;
if (!url) fail('DATABASE_URL manque : la sauvegarde lit la base de l\'application (voir README, « Sauvegardes »).');
const backupDir = path.resolve(root, process.env.BACKUP_DIR || 'backups');
const keep = Number(process.env.BACKUP_KEEP ?? 14);
if (!Number.isInteger(keep) || keep < 0) fail(`BACKUP_KEEP doit être un entier positif ou nul (0 : tout garder), pas « ${process.env.BACKUP_KEEP} ».`);

const db = connection(url);
const client = db.client();
try {
  await client.connect();
} catch (error) {
  fail(`connexion à la base ${db.database} impossible (${error.message}).`);
}

const major = await serverMajor(client);
const pgDump = pickProgram('pg_dump', 'PG_DUMP', { minMajor: major, preferredMajor: major });

const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
fs.mkdirSync(backupDir, { recursive: true });
const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'seconde-vie-backup-'));
// Also on a failure (fail() exits): no half-written dump left in the temporary folder.
process.on('exit', () => fs.rmSync(staging, { recursive: true, force: true }));
try {
  // One snapshot for the counts and the dump: pg_dump --snapshot reads what this transaction sees.
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const snapshot = (await client.query('SELECT pg_export_snapshot() AS s')).rows[0].s;
  const counts = await countRows(client);
  const dumpFile = path.join(staging, 'database.dump');
  run(pgDump.program, ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`, `--file=${dumpFile}`], {
    env: db.libpq,
    what: `${pgDump.program} (PostgreSQL ${major})`,
  });
  await client.query('COMMIT');

  const uploads = uploadsDir();
  const files = fs.existsSync(uploads) ? fs.readdirSync(uploads, { recursive: true }).filter((f) => fs.statSync(path.join(uploads, f)).isFile() && path.basename(f) !== '.gitkeep') : [];
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const git = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' });
  const manifest = {
    format: 1,
    createdAt: new Date().toISOString(),
    app: { name: pkg.name, version: pkg.version, commit: git.status === 0 ? git.stdout.trim() : null },
    postgres: { server: (await client.query('SHOW server_version')).rows[0].server_version, pgDump: pgDump.major, database: db.database },
    uploads: { files: files.length },
    tables: counts,
  };
  fs.writeFileSync(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.mkdirSync(path.join(staging, 'uploads'));
  if (files.length > 0) fs.cpSync(uploads, path.join(staging, 'uploads'), { recursive: true, filter: (src) => path.basename(src) !== '.gitkeep' });

  // Written under a temporary name, then renamed: an archive with the final name is complete.
  const archive = path.join(backupDir, `seconde-vie-${stamp}.tar.gz`);
  const partial = `${archive}.partial`;
  run('tar', ['-czf', partial, '-C', staging, 'manifest.json', 'database.dump', 'uploads'], { what: 'tar' });
  fs.renameSync(partial, archive);

  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const size = (fs.statSync(archive).size / 1024 / 1024).toFixed(1);
  console.log(`Sauvegarde écrite : ${archive} (${size} Mo ; ${Object.keys(counts).length} tables, ${total} lignes ; ${files.length} fichier(s) téléversé(s) ; PostgreSQL ${manifest.postgres.server}, pg_dump ${pgDump.major}).`);

  if (keep > 0) {
    const archives = fs.readdirSync(backupDir).filter((f) => /^seconde-vie-\d{8}-\d{6}\.tar\.gz$/.test(f)).sort();
    for (const old of archives.slice(0, Math.max(0, archives.length - keep))) {
      fs.rmSync(path.join(backupDir, old));
      console.log(`Ancienne sauvegarde supprimée (BACKUP_KEEP=${keep}) : ${old}`);
    }
  }
} finally {
  await client.end().catch(() => {});
}

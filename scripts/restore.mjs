#!/usr/bin/env node
// npm run restore -- <archive> [--force]: puts a `npm run backup` archive back into the database
// of DATABASE_URL (created when missing) and the uploads folder. Refuses a database that holds
// tables or an uploads folder that holds files, unless --force (which empties them first).
// Everything is checked before anything is changed; the database is restored in one transaction,
// then its row counts are compared with the manifest's.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connection, countRows, fail, loadEnv, pickProgram, run, schema, uploadsDir } from './lib/backup-tools.mjs';

loadEnv();
const args = process.argv.slice(2);
const force = args.includes('--force');
const [archiveArg, ...rest] = args.filter((a) => a !== '--force');
if (!archiveArg || rest.length > 0) fail('usage : npm run restore -- <archive.tar.gz> [--force]');
const archive = path.resolve(archiveArg);
if (!fs.existsSync(archive)) fail(`archive introuvable : ${archive}`);
const url = process.env.DATABASE_URL;
if (!url) fail('DATABASE_URL manque : indiquez la base où restaurer (une base vide, ou qui sera créée).');

const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'seconde-vie-restore-'));
const cleanup = () => fs.rmSync(staging, { recursive: true, force: true });
process.on('exit', cleanup);

// 1. The archive: readable, with its three parts.
run('tar', ['-xzf', archive, '-C', staging], { what: `la lecture de l'archive ${archive}` });
const manifestFile = path.join(staging, 'manifest.json');
if (!fs.existsSync(manifestFile) || !fs.existsSync(path.join(staging, 'database.dump'))) {
  fail(`${archive} n'est pas une sauvegarde de Seconde Vie (manifest.json ou database.dump manque).`);
}
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
if (manifest.format !== 1 || !manifest.tables) fail(`manifeste de format inconnu dans ${archive}.`);

// 2. A pg_restore that reads this dump (at least the major of the pg_dump that wrote it).
const dumpMajor = Number(manifest.postgres.pgDump);
const pgRestore = pickProgram('pg_restore', 'PG_RESTORE', { minMajor: dumpMajor, preferredMajor: dumpMajor });

// 3. The target database: reachable (created when missing), empty unless --force.
const db = connection(url);
const adminUrl = new URL(url);
adminUrl.pathname = '/postgres';
let client = db.client();
try {
  await client.connect();
} catch (error) {
  if (error.code !== '3D000') fail(`connexion à la base ${db.database} impossible (${error.message}).`);
  const admin = connection(adminUrl.toString()).client();
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(db.database)}`);
  } catch (createError) {
    fail(`la base ${db.database} n'existe pas et n'a pas pu être créée (${createError.message}) : créez-la vide, puis relancez.`);
  } finally {
    await admin.end().catch(() => {});
  }
  console.log(`Base ${db.database} créée.`);
  client = db.client();
  await client.connect();
}
const schemaName = schema();
const existing = (await client.query('SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1', [schemaName])).rows[0].n;
if (existing > 0 && !force) {
  fail(`la base ${db.database} n'est pas vide (${existing} tables dans le schéma ${schemaName}) : rien n'a été modifié. Restaurez dans une base neuve, ou ajoutez --force pour la vider d'abord.`);
}
const uploads = uploadsDir();
const present = fs.existsSync(uploads) ? fs.readdirSync(uploads).filter((f) => f !== '.gitkeep') : [];
if (present.length > 0 && !force) {
  fail(`le dossier ${uploads} contient déjà ${present.length} fichier(s) : rien n'a été modifié. Videz-le (ou indiquez un autre UPLOADS_DIR), ou ajoutez --force.`);
}

// 4. Now change things: the database in one transaction, then the files.
if (existing > 0) {
  await client.query(`DROP SCHEMA ${client.escapeIdentifier(schemaName)} CASCADE`);
  await client.query(`CREATE SCHEMA ${client.escapeIdentifier(schemaName)}`);
  console.log(`Base ${db.database} vidée (--force).`);
}
run(pgRestore.program, ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${db.database}`, path.join(staging, 'database.dump')], {
  env: db.libpq,
  what: `${pgRestore.program} (restauration dans ${db.database} ; la base est restée telle qu'avant)`,
});

fs.mkdirSync(uploads, { recursive: true });
if (force) for (const f of present) fs.rmSync(path.join(uploads, f), { recursive: true, force: true });
fs.cpSync(path.join(staging, 'uploads'), uploads, { recursive: true });

// 5. Check: every table holds as many rows as the manifest says.
const counts = await countRows(client, schemaName);
await client.end();
const differences = Object.keys({ ...manifest.tables, ...counts })
  .filter((t) => manifest.tables[t] !== counts[t])
  .map((t) => `${t} : ${manifest.tables[t] ?? 'absente'} attendue(s), ${counts[t] ?? 'absente'} trouvée(s)`);
if (differences.length > 0) fail(`la base restaurée ne correspond pas au manifeste :\n  ${differences.join('\n  ')}`);
const total = Object.values(counts).reduce((a, b) => a + b, 0);
const files = fs.readdirSync(path.join(staging, 'uploads'), { recursive: true }).length;
console.log(
  `Restauration terminée : ${db.database} (${Object.keys(counts).length} tables, ${total} lignes, comme au manifeste), ${files} fichier(s) dans ${uploads}. ` +
    `Sauvegarde du ${manifest.createdAt}, version ${manifest.app.version}${manifest.app.commit ? ` (${manifest.app.commit.slice(0, 12)})` : ''}. ` +
    'Les migrations d\'une version plus récente s\'appliqueront au prochain démarrage.'
);

// What `npm run backup` and `npm run restore` share: the settings they read, the PostgreSQL
// client programs they pick, the connection they pass to them and the per-table counts that the
// manifest records and the restore checks.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Loads .env (or ENV_PATH) as the app does, without overriding the environment. */
export function loadEnv() {
  const envFile = process.env.ENV_PATH || path.join(root, '.env');
  if (fs.existsSync(envFile)) process.loadEnvFile(envFile);
}

/** Stops with a French message for the sysadmin (no stack trace: it is not a bug). */
export function fail(message) {
  console.error(`Erreur : ${message}`);
  process.exit(1);
}

/** The folder of the media library's files (the upload provider writes to public/uploads). */
export function uploadsDir() {
  return path.resolve(root, process.env.UPLOADS_DIR || path.join('public', 'uploads'));
}

export function schema() {
  return process.env.DATABASE_SCHEMA || 'public';
}

/** Connection for pg and for libpq programs (password in PGPASSWORD, never on a command line). */
export function connection(url) {
  const u = new URL(url);
  const ssl = process.env.DATABASE_SSL === 'true';
  const libpq = {
    PGHOST: u.hostname,
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: decodeURIComponent(u.pathname.replace(/^\//, '')),
    PGSSLMODE: ssl ? (process.env.DATABASE_SSL_REJECT_UNAUTHORIZED === 'false' ? 'require' : 'verify-full') : 'disable',
  };
  const client = () =>
    new pg.Client({
      connectionString: url,
      ssl: ssl ? { rejectUnauthorized: process.env.DATABASE_SSL_REJECT_UNAUTHORIZED !== 'false' } : false,
    });
  return { database: libpq.PGDATABASE, libpq, client };
}

/** The server's major version (15 for 15.18). */
export async function serverMajor(client) {
  const { rows } = await client.query('SHOW server_version_num');
  return Math.floor(Number(rows[0].server_version_num) / 10000);
}

/** Exact row count of every table of the schema, in the client's current transaction. */
export async function countRows(client, schemaName = schema()) {
  const { rows } = await client.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename`,
    [schemaName]
  );
  const counts = {};
  for (const { tablename } of rows) {
    const table = `${client.escapeIdentifier(schemaName)}.${client.escapeIdentifier(tablename)}`;
    counts[tablename] = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  }
  return counts;
}

function majorOf(program) {
  const result = spawnSync(program, ['--version'], { encoding: 'utf8' });
  if (result.status !== 0) return null;
  const match = /(\d+)(?:\.\d+)?/.exec(result.stdout);
  return match ? Number(match[1]) : null;
}

/**
 * The PostgreSQL client program `name` (pg_dump, pg_restore) of a major ≥ `minMajor`: the one
 * named by `envVar`, else the distribution's for `preferredMajor`
 * (/usr/lib/postgresql/<major>/bin), else a newer one installed there, else the PATH's.
 * Exits with a French message naming what to install when none fits.
 */
export function pickProgram(name, envVar, { minMajor, preferredMajor }) {
  const explicit = process.env[envVar];
  if (explicit) {
    const major = majorOf(explicit);
    if (major === null) fail(`${envVar}=${explicit} ne s'exécute pas (${name} --version a échoué).`);
    if (major < minMajor) fail(`${envVar}=${explicit} est ${name} ${major} : il faut la version ${minMajor} ou plus récente.`);
    return { program: explicit, major };
  }
  const debian = '/usr/lib/postgresql';
  const installed = fs.existsSync(debian)
    ? fs.readdirSync(debian).filter((d) => /^\d+$/.test(d)).map(Number).sort((a, b) => a - b)
    : [];
  const ordered = [preferredMajor, ...installed.filter((m) => m !== preferredMajor)];
  for (const major of ordered) {
    const program = path.join(debian, String(major), 'bin', name);
    if (major >= minMajor && fs.existsSync(program)) return { program, major: majorOf(program) ?? major };
  }
  const onPath = majorOf(name);
  if (onPath !== null && onPath >= minMajor) return { program: name, major: onPath };
  const found = onPath === null ? `aucun ${name} trouvé` : `le ${name} trouvé est de version ${onPath}`;
  fail(
    `${name} ${minMajor} ou plus récent est nécessaire (${found}). Installez le client PostgreSQL ` +
      `${preferredMajor} (Debian/Ubuntu : apt-get install postgresql-client-${preferredMajor}, depuis apt.postgresql.org ` +
      `si votre distribution ne l'a pas), ou indiquez son chemin dans ${envVar}.`
  );
}

/** Runs a program, streams nothing, returns stderr; exits with a French message on failure. */
export function run(program, args, { env = {}, what }) {
  const result = spawnSync(program, args, { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) fail(`${what} a échoué : ${(result.stderr || String(result.error ?? '')).trim()}`);
  return result;
}

#!/usr/bin/env node
// Runs a command with DATABASE_URL set. When the environment (or .env) gives none, starts the
// project's embedded PostgreSQL (data in .data/postgres) for as long as the command runs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabaseIfMissing, embeddedUrl, startEmbeddedPostgres } from './lib/embedded-postgres.mjs';
import { startMailCapture } from './lib/mail-capture.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// ENV_PATH as Strapi reads it: the test suite points it away from the developer's .env.
const envFile = process.env.ENV_PATH || path.join(root, '.env');
if (fs.existsSync(envFile)) process.loadEnvFile(envFile);

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: with-db <command> [args...]');
  process.exit(2);
}

// Seconde Vie sends nothing about its users anywhere unless told to.
process.env.STRAPI_TELEMETRY_DISABLED ??= 'true';

let server = null;
if (!process.env.DATABASE_URL) {
  const port = Number(process.env.EMBEDDED_DB_PORT || 5433);
  const database = process.env.EMBEDDED_DB_NAME || 'seconde_vie';
  const dataDir = path.resolve(root, process.env.EMBEDDED_DB_DIR || '.data/postgres');
  server = await startEmbeddedPostgres({ dataDir, port });
  await createDatabaseIfMissing(embeddedUrl(port, 'postgres'), database);
  process.env.DATABASE_URL = embeddedUrl(port, database);
  console.log(`PostgreSQL embarqué : ${dataDir} (port ${port}${server.owner ? '' : ', déjà démarré'})`);
}

// In development, what the app e-mails lands in .data/mail (one .eml per message) instead of
// nowhere: a capture SMTP server on the port the app sends to, unless an SMTP_HOST is configured.
let mail = null;
if (!process.env.SMTP_HOST && process.env.NODE_ENV !== 'production') {
  const port = Number(process.env.SMTP_PORT || 1025);
  const dir = path.resolve(root, process.env.MAIL_CAPTURE_DIR || '.data/mail');
  mail = await startMailCapture({ host: '127.0.0.1', port, dir });
  if (mail) console.log(`E-mails capturés dans ${dir} (SMTP 127.0.0.1:${mail.port} ; définissez SMTP_HOST pour envoyer pour de vrai)`);
}

const child = spawn(command, args, { stdio: 'inherit', cwd: root, env: process.env });
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', async (code, signal) => {
  if (mail) await mail.stop().catch((e) => console.error(e));
  if (server) await server.stop().catch((e) => console.error(e));
  process.exit(code ?? (signal ? 1 : 0));
});

// Starts PostgreSQL for the whole run (TEST_DATABASE_URL, or an embedded server in a temporary
// folder) and prepares two template databases that each test file copies in a few hundred ms:
// sv_tpl_base (schema + bootstrap) and sv_tpl_demo (the same + the demo data).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres, embeddedUrl } from '../../scripts/lib/embedded-postgres.mjs';
import { freePort } from '../../scripts/lib/system-postgres.mjs';
import { makeHermetic } from './hermetic-env.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin(url, sql) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Jest's global setup. `options` is for the harness's own test (tests/api/hermetic-env.test.ts):
 * other template names, fewer kinds.
 */
export default async function globalSetup(_globalConfig, _projectConfig, options = {}) {
  // Before anything boots Strapi: the workers and template builds inherit this environment.
  const ignored = makeHermetic(process.env, root);
  if (ignored.length > 0) console.log(`Tests : réglages du développeur ignorés (${ignored.join(', ')}).`);
  if (!fs.existsSync(path.join(root, 'dist', 'src', 'index.js'))) {
    throw new Error('dist/ manque : lancez "npm test" (qui compile l\'application) plutôt que jest seul.');
  }
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const port = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seconde-vie-test-pg-'));
    fs.chmodSync(dataDir, 0o755);
    const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'data'), port, persistent: false });
    globalThis.__SV_PG__ = { server, dataDir };
    adminUrl = embeddedUrl(port, 'postgres');
  }
  process.env.SV_TEST_ADMIN_URL = adminUrl;

  const templates = options.templates ?? { base: 'sv_tpl_base', demo: 'sv_tpl_demo' };
  for (const [kind, name] of Object.entries(templates)) {
    await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin(adminUrl, kind === 'demo' ? `CREATE DATABASE ${name} TEMPLATE ${templates.base}` : `CREATE DATABASE ${name}`);
    // In a child process: booting Strapi sets globals that Jest's own process must not keep.
    const result = spawnSync(process.execPath, [path.join(root, 'tests', 'setup', 'prepare-template.mjs'), kind], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, DATABASE_URL: withDatabase(adminUrl, name), NODE_ENV: 'test' },
    });
    if (result.status !== 0) throw new Error(`Préparation de la base modèle ${name} impossible.`);
  }
  process.env.SV_TEST_TEMPLATES = JSON.stringify(templates);
}

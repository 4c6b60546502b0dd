import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createStrapi, type Core } from '@strapi/strapi';
import { Client } from 'pg';
import request from 'supertest';

const root = path.resolve(__dirname, '..', '..');

export interface TestApp {
  strapi: Core.Strapi;
  /** Starts listening on a free loopback port (for a browser); returns the base URL. */
  listen: () => Promise<string>;
  /** supertest bound to the app's HTTP server (routes mounted, nothing listening). */
  http: () => ReturnType<typeof request>;
  /** A SQL client on this test file's own database, to check what was really written. */
  sql: Client;
  databaseUrl: string;
  stop: () => Promise<void>;
}

/** The test PostgreSQL server's address (any database of it). */
export function adminUrl(): string {
  const url = process.env.SV_TEST_ADMIN_URL;
  if (!url) throw new Error('SV_TEST_ADMIN_URL manque : les tests se lancent par "npm test".');
  return url;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs one statement on the test server itself (CREATE / DROP DATABASE). */
export async function onServer(sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Boots the real app (compiled in dist/) on a fresh database copied from a template:
 * `base` (empty, bootstrapped) or `demo` (with the demo data).
 */
export async function startApp(template: 'base' | 'demo' = 'base', options: { beforeLoad?: (strapi: Core.Strapi) => void } = {}): Promise<TestApp> {
  const templates = JSON.parse(process.env.SV_TEST_TEMPLATES ?? '{}') as Record<string, string>;
  const database = `sv_t_${crypto.randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE ${database} TEMPLATE ${templates[template]}`);
  const databaseUrl = withDatabase(adminUrl(), database);
  process.env.DATABASE_URL = databaseUrl;
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';

  const created = createStrapi({ appDir: root, distDir: path.join(root, 'dist') });
  // E.g. to watch the start-up log, which bootstrap writes during load().
  options.beforeLoad?.(created);
  const strapi = await created.load();
  strapi.log.level = 'warn';
  strapi.server.mount();
  const sql = new Client({ connectionString: databaseUrl });
  await sql.connect();

  return {
    strapi,
    http: () => request(strapi.server.httpServer),
    listen: () =>
      new Promise((resolve) => {
        strapi.server.httpServer.listen(0, '127.0.0.1', () => {
          const address = strapi.server.httpServer.address() as AddressInfo;
          resolve(`http://127.0.0.1:${address.port}`);
        });
      }),
    sql,
    databaseUrl,
    stop: async () => {
      await sql.end();
      await settle(strapi);
      await strapi.destroy();
      await onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
  };
}

/** Waits until the event listeners that query after a write (webhooks) are done. */
async function settle(strapi: Core.Strapi): Promise<void> {
  // knex's pool is not in Strapi's public types.
  const pool = (strapi.db.connection.client as unknown as { pool: { numPendingAcquires(): number; numUsed(): number } }).pool;
  for (let i = 0; i < 100 && (pool.numPendingAcquires() > 0 || pool.numUsed() > 0); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A full-access API token, as an integration (wipe station, script) would use. */
export async function createFullAccessToken(strapi: Core.Strapi, name = 'tests'): Promise<string> {
  const token = (await strapi.service('admin::api-token').create({
    name: `${name}-${crypto.randomBytes(4).toString('hex')}`,
    type: 'full-access',
    lifespan: null,
  })) as { accessKey: string };
  return token.accessKey;
}

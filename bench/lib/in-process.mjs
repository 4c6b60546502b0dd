// The built app (`npm run build` first) booted inside the bench's own process, on a throwaway
// embedded PostgreSQL and a free loopback port: a bench can then call the real routes over HTTP
// and, in the same run, the plugins' services directly (e.g. the renderer alone on the same HTML).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabaseIfMissing, embeddedUrl, startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

export const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** The demo super-administrator's admin JWT (created by the bootstrap outside production). */
export async function adminJwt(call) {
  return (await call('POST', '/admin/login', { email: 'admin@seconde-vie.test', password: 'SecondeVie-2012' })).data.token;
}

/** A JSON client of the app at `base`: call(method, url, body?, token?) → the body; throws on 4xx/5xx. */
export function jsonClient(base) {
  return async function call(method, url, body, token) {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = res.status === 204 ? null : await res.json();
    if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

/** Boots PostgreSQL and the app in this process; `stop()` removes everything. */
export async function startInProcessApp() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sv-bench-'));
  fs.chmodSync(dataDir, 0o755);
  const pgPort = await freePort();
  const pgServer = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: pgPort, persistent: false });
  await createDatabaseIfMissing(embeddedUrl(pgPort, 'postgres'), 'bench');
  const databaseUrl = embeddedUrl(pgPort, 'bench');
  Object.assign(process.env, { DATABASE_URL: databaseUrl, STRAPI_TELEMETRY_DISABLED: 'true', NODE_ENV: process.env.NODE_ENV ?? 'development' });
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir: root, distDir: path.join(root, 'dist') }).load();
  strapi.log.level = 'warn';
  const port = await freePort();
  await new Promise((resolve) => strapi.server.listen(port, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${port}`;

  const call = jsonClient(base);

  return {
    strapi,
    base,
    databaseUrl,
    call,
    adminJwt: () => adminJwt(call),
    async stop() {
      await strapi.destroy();
      await pgServer.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

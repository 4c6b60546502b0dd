// The benches' harness: the built app (`npm run build` first) on a throwaway embedded PostgreSQL,
// on free ports, with a JSON client and the demo administrator's login. Shared by bench/pipeline and
// bench/reporting so both measure the same app the same way.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabaseIfMissing, embeddedUrl, startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres.mjs';
import { adminJwt, freePort, jsonClient } from './in-process.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Starts PostgreSQL and the app (not yet ready: call `ready()`); `stop()` removes everything. */
export async function startBenchApp() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sv-bench-'));
  fs.chmodSync(dataDir, 0o755);
  const pgPort = await freePort();
  const pgServer = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: pgPort, persistent: false });
  await createDatabaseIfMissing(embeddedUrl(pgPort, 'postgres'), 'bench');
  const databaseUrl = embeddedUrl(pgPort, 'bench');
  const appPort = await freePort();
  const app = spawn('npx', ['strapi', 'start'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(appPort), HOST: '127.0.0.1', STRAPI_TELEMETRY_DISABLED: 'true', NODE_ENV: 'development' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const base = `http://127.0.0.1:${appPort}`;

  const call = jsonClient(base);

  return {
    base,
    databaseUrl,
    call,
    /** Waits until the app answers its health check (two minutes at most). */
    async ready() {
      for (let i = 0; ; i += 1) {
        if (i > 240) throw new Error('the app did not start');
        try {
          if ((await fetch(`${base}/_health`)).status === 204) return;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    },
    /** The demo super-administrator's admin JWT. */
    adminJwt: () => adminJwt(call),
    async stop() {
      try {
        process.kill(-app.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 1500));
      await pgServer.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

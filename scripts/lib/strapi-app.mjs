// Boots the compiled app in this process (no HTTP server) for scripts that work on its data.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Compiles the TypeScript sources (types + server code) into dist/. */
export async function compile() {
  const { compileStrapi } = require('@strapi/strapi');
  return compileStrapi({ appDir: root });
}

/** Loads the app from dist/ and runs `fn(strapi)`, then shuts it down. */
export async function withStrapi(fn) {
  const { createStrapi } = require('@strapi/strapi');
  const app = await createStrapi({ appDir: root, distDir: path.join(root, 'dist') }).load();
  app.log.level = 'warn';
  try {
    return await fn(app);
  } finally {
    await settle(app);
    await app.destroy();
  }
}

// Every write emits events whose listeners (webhooks) still query the database after the write
// returns: let them finish, or destroying the pool aborts them. The demo's ~1,000 units and their
// devices queue thousands of them: on a loaded machine draining takes more than 30 s.
async function settle(app) {
  const pool = app.db.connection.client.pool;
  for (let i = 0; i < 1200; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (pool.numPendingAcquires() === 0 && pool.numUsed() === 0) return;
  }
}

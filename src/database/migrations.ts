import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

interface Migration {
  up: (knex: Core.Strapi['db']['connection']) => Promise<void>;
}

/**
 * Strapi runs `database/migrations` before its schema sync creates the content-type tables,
 * so on a fresh database a migration that indexes those tables finds nothing to index.
 * After the sync, this runs the project's migrations once more; each is idempotent.
 */
export async function reapplyMigrationsAfterSync(strapi: Core.Strapi): Promise<void> {
  const dir = path.join(strapi.dirs.app.root, 'database', 'migrations');
  if (!fs.existsSync(dir)) return;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
    // Plain CommonJS files, loaded the way Strapi's own migration runner loads them.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const migration = require(path.join(dir, file)) as Migration;
    await migration.up(strapi.db.connection);
  }
}

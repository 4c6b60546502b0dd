import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * The project's migrations, `database/migrations/*.js`, run once each, in two halves:
 *
 * - `up(knex)`, BEFORE Strapi's schema sync, by Strapi's own runner, which records the file in
 *   `strapi_migrations`. For what the sync would otherwise destroy or miss: a renamed column, data
 *   copied out of a table the sync drops, the project's own tables.
 * - `afterSync(knex)`, optional, AFTER the sync (the content types' tables exist), by
 *   `runMigrationsAfterSync` below, which records the file in `sv_migrations_after_sync`. For
 *   indexes, triggers and data moves on Strapi's tables.
 *
 * Each `afterSync` runs in a transaction that also records it: it is applied entirely or not at
 * all, and never twice. Two instances starting together take turns (an advisory lock). A shipped
 * file is never edited afterwards: a change is a new file.
 */
export const AFTER_SYNC_TABLE = 'sv_migrations_after_sync';

export interface Migration {
  up: (knex: Knex) => Promise<void>;
  afterSync?: (knex: Knex) => Promise<void>;
}

/** The migration files, in the order they run (their names start with their date). */
export function migrationFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .sort();
}

/** Runs, once each, the `afterSync` halves not yet recorded; returns the files it ran. */
export async function runMigrationsAfterSync(strapi: Core.Strapi, dir = path.join(strapi.dirs.app.root, 'database', 'migrations')): Promise<string[]> {
  const knex = strapi.db.connection;
  // Raw SQL: the project's own bookkeeping table, outside Strapi's schema.
  await knex.raw(`CREATE TABLE IF NOT EXISTS ${AFTER_SYNC_TABLE} (
    name varchar(255) PRIMARY KEY,
    ran_at timestamptz NOT NULL DEFAULT now()
  )`);
  const ran: string[] = [];
  for (const file of migrationFiles(dir)) {
    // Plain CommonJS files, loaded the way Strapi's own migration runner loads them.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const migration = require(path.join(dir, file)) as Migration;
    const afterSync = migration.afterSync;
    if (!afterSync) continue;
    let applied: boolean;
    try {
      applied = await knex.transaction(async (trx) => {
        await trx.raw("SELECT pg_advisory_xact_lock(hashtext('sv_migrations_after_sync'))");
        if (await trx(AFTER_SYNC_TABLE).where({ name: file }).first()) return false;
        await afterSync(trx);
        await trx(AFTER_SYNC_TABLE).insert({ name: file });
        return true;
      });
    } catch (error) {
      // Nothing of it was applied: it runs again at the next start.
      throw new Error(`migration ${file} (après synchronisation) : ${(error as Error).message ?? String(error)}`, { cause: error });
    }
    if (applied) {
      ran.push(file);
      strapi.log.info(`migration après synchronisation appliquée : ${file}`);
    }
  }
  return ran;
}

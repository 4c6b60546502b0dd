import crypto from 'node:crypto';
import path from 'node:path';
import { createStrapi, type Core } from '@strapi/strapi';
import { Client } from 'pg';

const root = path.resolve(__dirname, '..', '..');

/** Runs one statement on a database given by URL (a fresh connection: for tests that manage their own database). */
export async function runSql(url: string | undefined, sql: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Array<Record<string, unknown>>;
  } finally {
    await client.end();
  }
}

export interface OwnDatabase {
  url: string;
  query: (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;
  drop: () => Promise<void>;
}

/**
 * A database of its own, copied from a template, for a test that boots the app several times on
 * it (a migration seen before and after); startApp's databases live for one boot.
 */
export async function ownDatabase(template: 'base' | 'demo'): Promise<OwnDatabase> {
  const templates = JSON.parse(process.env.SV_TEST_TEMPLATES ?? '{}') as Record<string, string>;
  const name = `sv_t_${crypto.randomBytes(6).toString('hex')}`;
  await runSql(process.env.SV_TEST_ADMIN_URL, `CREATE DATABASE ${name} TEMPLATE ${templates[template]}`);
  const u = new URL(String(process.env.SV_TEST_ADMIN_URL));
  u.pathname = `/${name}`;
  const url = u.toString();
  return {
    url,
    query: (sql, params = []) => runSql(url, sql, params),
    drop: async () => {
      await runSql(process.env.SV_TEST_ADMIN_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

type StoredSchema = { tables: Array<{ name: string; columns: Array<{ name: string }>; indexes?: Array<{ name: string; columns: string[] }> }> };

/**
 * For a test of a column rename: Strapi's stored schema and migration log put back as before it
 * (`columns` maps a table to its new column name and the old one), with another hash, as the old
 * schema had: Strapi syncs on a hash change even with no migration pending.
 */
export async function forgetRename(db: OwnDatabase, migration: string, columns: Record<string, [current: string, old: string]>): Promise<void> {
  await db.query('DELETE FROM strapi_migrations WHERE name = $1', [migration]);
  const [stored] = await db.query('SELECT id, schema FROM strapi_database_schema ORDER BY id DESC LIMIT 1');
  const schema = stored.schema as StoredSchema;
  for (const table of schema.tables.filter((t) => t.name in columns)) {
    const [current, old] = columns[table.name];
    for (const column of table.columns) if (column.name === current) column.name = old;
    for (const index of table.indexes ?? []) index.columns = index.columns.map((c) => (c === current ? old : c));
  }
  await db.query("UPDATE strapi_database_schema SET schema = $1, hash = 'before-rename' WHERE id = $2", [JSON.stringify(schema), stored.id]);
}

/**
 * Boots the compiled app on the database at `url` (its migrations run), for tests that stop and
 * restart it themselves; `mount` builds its HTTP server (for supertest) without listening.
 */
export async function bootApp(url: string, { mount = false, logLevel = 'warn' }: { mount?: boolean; logLevel?: 'warn' | 'error' } = {}): Promise<Core.Strapi> {
  process.env.DATABASE_URL = url;
  const strapi = await createStrapi({ appDir: root, distDir: path.join(root, 'dist') }).load();
  strapi.log.level = logLevel;
  if (mount) strapi.server.mount();
  return strapi;
}

/** Boots the app once on `db` (its migrations run), hands it to `use`, and stops it. */
export async function bootOnce<T>(db: OwnDatabase, use: (strapi: Core.Strapi) => Promise<T>): Promise<T> {
  const strapi = await bootApp(db.url);
  try {
    return await use(strapi);
  } finally {
    await strapi.destroy();
  }
}

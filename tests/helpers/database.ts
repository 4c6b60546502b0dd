import crypto from 'node:crypto';
import { Client } from 'pg';

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

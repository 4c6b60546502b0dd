import crypto from 'node:crypto';
import { Client } from 'pg';

/** Runs one statement on a database (its own connection) and returns the rows. */
export async function onDatabase(url: string | undefined, sql: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Array<Record<string, unknown>>;
  } finally {
    await client.end();
  }
}

/**
 * A copy of a template database (`demo`, `base`) for a test that boots the app itself, e.g. on a
 * database turned back into an older shape to test a migration. Drop it with `drop()`.
 */
export async function copyOfTemplate(template: 'base' | 'demo'): Promise<{ url: string; drop: () => Promise<void> }> {
  const templates = JSON.parse(process.env.SV_TEST_TEMPLATES ?? '{}') as Record<string, string>;
  const database = `sv_t_${crypto.randomBytes(6).toString('hex')}`;
  await onDatabase(process.env.SV_TEST_ADMIN_URL, `CREATE DATABASE ${database} TEMPLATE ${templates[template]}`);
  const u = new URL(String(process.env.SV_TEST_ADMIN_URL));
  u.pathname = `/${database}`;
  return { url: u.toString(), drop: async () => void (await onDatabase(process.env.SV_TEST_ADMIN_URL, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)) };
}

import type { Core } from '@strapi/strapi';

/** Table created by database/migrations/2026.11.29T00.00.00.counters.js. */
export const COUNTERS_TABLE = 'sv_counters';

/**
 * Returns the next value of a named counter, atomically, inside the current transaction
 * when there is one (so a refused creation does not keep its number).
 */
export async function nextCounterValue(strapi: Core.Strapi, scope: string): Promise<number> {
  // Raw SQL: an atomic increment-or-insert has no Query Engine equivalent.
  const sql = `INSERT INTO ${COUNTERS_TABLE} (scope, value) VALUES (?, 1)
       ON CONFLICT (scope) DO UPDATE SET value = ${COUNTERS_TABLE}.value + 1
       RETURNING value`;
  const valueOf = (result: unknown) => Number((result as { rows: Array<{ value: number | string }> }).rows[0].value);
  // Outside a transaction the one statement is atomic on its own: no BEGIN and COMMIT round trips.
  if (!strapi.db.inTransaction()) return valueOf(await strapi.db.connection.raw(sql, [scope]));
  return strapi.db.transaction(async ({ trx }) => valueOf(await trx.raw(sql, [scope])));
}

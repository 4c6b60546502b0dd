import type { Core } from '@strapi/strapi';

/** Table created by database/migrations/2026.11.29T00.00.00.counters.js. */
export const COUNTERS_TABLE = 'sv_counters';

/**
 * Returns the next value of a named counter, atomically, inside the current transaction
 * when there is one (so a refused creation does not keep its number).
 */
export async function nextCounterValue(strapi: Core.Strapi, scope: string): Promise<number> {
  return strapi.db.transaction(async ({ trx }) => {
    // Raw SQL: an atomic increment-or-insert has no Query Engine equivalent.
    const result = await trx.raw(
      `INSERT INTO ${COUNTERS_TABLE} (scope, value) VALUES (?, 1)
       ON CONFLICT (scope) DO UPDATE SET value = ${COUNTERS_TABLE}.value + 1
       RETURNING value`,
      [scope]
    );
    return Number((result as { rows: Array<{ value: number | string }> }).rows[0].value);
  });
}

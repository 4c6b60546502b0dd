import { bootOnce, forgetRename, ownDatabase, type OwnDatabase } from '../helpers/database';

// Conventions and pickups renamed `status` to `state` (strapi/strapi#22201). A database from
// before the rename must keep its values: the migration renames the column before Strapi's
// schema sync, which would otherwise drop `status` and add an empty `state`.
// Two states of one database (before/after boot), so this file manages its database itself.
const MIGRATION = '2026.11.29T04.00.00.status-to-state.js';
let db: OwnDatabase;
const query = (sql: string, params: unknown[] = []) => db.query(sql, params);

/** Puts the database back as it was before the rename: column, list indexes, Strapi's stored schema, migration log. */
async function makeItOld(): Promise<void> {
  await query(`ALTER TABLE conventions RENAME COLUMN state TO status;
    ALTER TABLE pickups RENAME COLUMN state TO status;
    ALTER INDEX sv_conventions_state_end_date_idx RENAME TO sv_conventions_status_end_date_idx;
    ALTER INDEX sv_conventions_kind_state_idx RENAME TO sv_conventions_kind_status_idx;`);
  await forgetRename(db, MIGRATION, { conventions: ['state', 'status'], pickups: ['state', 'status'] });
}

const columns = async (table: string) =>
  (await query("SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND column_name IN ('status', 'state')", [table])).map((r) => r.column_name);

beforeAll(async () => {
  db = await ownDatabase('demo');
});

afterAll(async () => {
  await db?.drop();
});

it('keeps the conventions’ and pickups’ values when a database from before the rename boots', async () => {
  await makeItOld();
  expect(await columns('conventions')).toEqual(['status']);
  const conventionsBefore = await query('SELECT document_id, status FROM conventions ORDER BY id');
  const pickupsBefore = await query('SELECT document_id, status FROM pickups ORDER BY id');
  // The demo has several states, so a column refilled with its default would show.
  expect(new Set(conventionsBefore.map((r) => r.status)).size).toBeGreaterThan(2);
  expect(pickupsBefore.length).toBeGreaterThan(0);

  const signed = await bootOnce(db, async (strapi) => (await strapi.db.query('api::convention.convention').count({ where: { state: 'signed' } })) as number);
  expect(signed).toBe(conventionsBefore.filter((r) => r.status === 'signed').length);

  expect(await columns('conventions')).toEqual(['state']);
  expect(await columns('pickups')).toEqual(['state']);
  expect(await query('SELECT document_id, state AS status FROM conventions ORDER BY id')).toEqual(conventionsBefore);
  expect(await query('SELECT document_id, state AS status FROM pickups ORDER BY id')).toEqual(pickupsBefore);
  const indexes = (await query("SELECT indexname FROM pg_indexes WHERE tablename = 'conventions' AND indexname LIKE 'sv_conventions_%' ORDER BY indexname")).map((r) => r.indexname);
  expect(indexes).toEqual(['sv_conventions_kind_state_idx', 'sv_conventions_number_uq', 'sv_conventions_state_end_date_idx']);
  expect(await query('SELECT name FROM strapi_migrations WHERE name = $1', [MIGRATION])).toEqual([{ name: MIGRATION }]);
});

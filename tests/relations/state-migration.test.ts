import path from 'node:path';
import { createStrapi } from '@strapi/strapi';
import { copyOfTemplate, onDatabase } from '../helpers/database';

// Conventions and pickups renamed `status` to `state` (strapi/strapi#22201). A database from
// before the rename must keep its values: the migration renames the column before Strapi's
// schema sync, which would otherwise drop `status` and add an empty `state`.
// Two states of one database (before/after boot), so this file manages its database itself.
const root = path.resolve(__dirname, '..', '..');
const MIGRATION = '2026.11.29T04.00.00.status-to-state.js';
let database: { url: string; drop: () => Promise<void> };
let databaseUrl: string;

const query = (sql: string, params: unknown[] = []) => onDatabase(databaseUrl, sql, params);

type StoredColumn = { name: string };
type StoredIndex = { name: string; columns: string[] };
type StoredSchema = { tables: Array<{ name: string; columns: StoredColumn[]; indexes?: StoredIndex[] }> };

/** Puts the database back as it was before the rename: column, list indexes, Strapi's stored schema, migration log. */
async function makeItOld(): Promise<void> {
  await query(`ALTER TABLE conventions RENAME COLUMN state TO status;
    ALTER TABLE pickups RENAME COLUMN state TO status;
    ALTER INDEX sv_conventions_state_end_date_idx RENAME TO sv_conventions_status_end_date_idx;
    ALTER INDEX sv_conventions_kind_state_idx RENAME TO sv_conventions_kind_status_idx;`);
  await query('DELETE FROM strapi_migrations WHERE name = $1', [MIGRATION]);
  const [stored] = await query('SELECT id, schema FROM strapi_database_schema ORDER BY id DESC LIMIT 1');
  const schema = stored.schema as StoredSchema;
  for (const table of schema.tables.filter((t) => t.name === 'conventions' || t.name === 'pickups')) {
    for (const column of table.columns) if (column.name === 'state') column.name = 'status';
    for (const index of table.indexes ?? []) index.columns = index.columns.map((c) => (c === 'state' ? 'status' : c));
  }
  // Another hash, as the old schema had: Strapi syncs on a hash change even with no migration pending.
  await query("UPDATE strapi_database_schema SET schema = $1, hash = 'before-rename' WHERE id = $2", [JSON.stringify(schema), stored.id]);
}

const columns = async (table: string) =>
  (await query("SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND column_name IN ('status', 'state')", [table])).map((r) => r.column_name);

beforeAll(async () => {
  database = await copyOfTemplate('demo');
  databaseUrl = database.url;
});

afterAll(async () => {
  await database?.drop();
});

it('keeps the conventions’ and pickups’ values when a database from before the rename boots', async () => {
  await makeItOld();
  expect(await columns('conventions')).toEqual(['status']);
  const conventionsBefore = await query('SELECT document_id, status FROM conventions ORDER BY id');
  const pickupsBefore = await query('SELECT document_id, status FROM pickups ORDER BY id');
  // The demo has several states, so a column refilled with its default would show.
  expect(new Set(conventionsBefore.map((r) => r.status)).size).toBeGreaterThan(2);
  expect(pickupsBefore.length).toBeGreaterThan(0);

  process.env.DATABASE_URL = databaseUrl;
  const strapi = await createStrapi({ appDir: root, distDir: path.join(root, 'dist') }).load();
  strapi.log.level = 'warn';
  try {
    const signed = (await strapi.db.query('api::convention.convention').count({ where: { state: 'signed' } })) as number;
    expect(signed).toBe(conventionsBefore.filter((r) => r.status === 'signed').length);
  } finally {
    await strapi.destroy();
  }

  expect(await columns('conventions')).toEqual(['state']);
  expect(await columns('pickups')).toEqual(['state']);
  expect(await query('SELECT document_id, state AS status FROM conventions ORDER BY id')).toEqual(conventionsBefore);
  expect(await query('SELECT document_id, state AS status FROM pickups ORDER BY id')).toEqual(pickupsBefore);
  const indexes = (await query("SELECT indexname FROM pg_indexes WHERE tablename = 'conventions' AND indexname LIKE 'sv_conventions_%' ORDER BY indexname")).map((r) => r.indexname);
  expect(indexes).toEqual(['sv_conventions_kind_state_idx', 'sv_conventions_number_uq', 'sv_conventions_state_end_date_idx']);
  expect(await query('SELECT name FROM strapi_migrations WHERE name = $1', [MIGRATION])).toEqual([{ name: MIGRATION }]);
});

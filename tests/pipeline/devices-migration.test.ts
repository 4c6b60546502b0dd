import crypto from 'node:crypto';
import path from 'node:path';
import { createStrapi } from '@strapi/strapi';
import { ownDatabase, runSql } from '../helpers/database';

// Storage devices used to be rows of the repeatable component machine.storage-device, and erasure
// records named them by serial, else by position (#1, #2…). A demo database is turned back into
// that old shape (component tables, no device table, erasure records without device ids, the
// old removal-as-erasure, Strapi's stored schema and migration log as they were), then the app
// boots on it: every device must come back as a record of its own, on its unit, in order, each
// erasure pointing to its device, the old removal recorded as a removal, and the component tables
// gone. Two states of one database, so this file manages its database itself.
const root = path.resolve(__dirname, '..', '..');
const MIGRATION = '2026.12.02T00.00.00.storage-devices.js';
let database: { url: string; drop: () => Promise<void> };
let databaseUrl: string;

const query = (sql: string, params: unknown[] = []) => runSql(databaseUrl, sql, params);

type StoredColumn = { name: string; type: string; args: unknown[]; defaultTo: unknown; notNullable: boolean; unsigned: boolean };
type StoredTable = { name: string; columns: StoredColumn[]; indexes: unknown[]; foreignKeys: unknown[] };
type StoredSchema = { tables: StoredTable[] };

const column = (name: string, type: string, args: unknown[] = []): StoredColumn => ({ name, type, args, defaultTo: null, notNullable: false, unsigned: false });

/** What the old database held, to compare with what the migration makes of it. */
interface OldState {
  /** Per machine document id: its devices' serials in list order (null for none). */
  lists: Map<string, Array<string | null>>;
  /** Per erasure record id: the machine and the key the old rule named its device by. */
  erasures: Map<number, { machine: string; key: string }>;
  noSerial: { machine: string };
  removal: { machine: string; serial: string };
}

/** Puts the database back as it was before devices had an identity. */
async function makeItOld(): Promise<OldState> {
  await query(`
    CREATE TABLE components_machine_storage_devices (id serial PRIMARY KEY, interface varchar(255), capacity_gb integer, serial varchar(255));
    CREATE TABLE machines_cmps (id serial PRIMARY KEY, entity_id integer REFERENCES machines(id) ON DELETE CASCADE, cmp_id integer,
                                component_type varchar(255), field varchar(255), "order" double precision);
    INSERT INTO components_machine_storage_devices (id, interface, capacity_gb, serial)
      SELECT d.id, d.interface, d.capacity_gb, d.serial FROM storage_devices d;
    INSERT INTO machines_cmps (entity_id, cmp_id, component_type, field, "order")
      SELECT l.machine_id, d.id, 'machine.storage-device', 'storageDevices', row_number() OVER (PARTITION BY l.machine_id ORDER BY l.storage_device_ord, d.id)
        FROM storage_devices d JOIN storage_devices_machine_lnk l ON l.storage_device_id = d.id;
    SELECT setval(pg_get_serial_sequence('components_machine_storage_devices', 'id'), (SELECT max(id) FROM components_machine_storage_devices));`);

  // A handed-over unit whose only disk had no serial: its erasure named it « #1 ».
  const [noSerial] = await query(`
    SELECT m.id, m.document_id, c.cmp_id FROM machines m JOIN machines_cmps c ON c.entity_id = m.id
     WHERE m.pipeline_stage = 'handed_over' AND (SELECT count(*) FROM machines_cmps c2 WHERE c2.entity_id = m.id) = 1
     ORDER BY m.id LIMIT 1`);
  const [{ serial: oldSerial }] = await query('SELECT serial FROM components_machine_storage_devices WHERE id = $1', [noSerial.cmp_id]);
  await query('UPDATE components_machine_storage_devices SET serial = NULL WHERE id = $1', [noSerial.cmp_id]);
  await query("UPDATE sv_pipeline_erasures SET device_serial = '#1' WHERE machine_document_id = $1 AND device_serial = $2", [noSerial.document_id, oldSerial]);

  // A unit still in Réception whose disk the donor destroyed, recorded the old way: an erasure « retiré ».
  const [removal] = await query(`
    SELECT m.document_id, d.serial FROM machines m JOIN machines_cmps c ON c.entity_id = m.id JOIN components_machine_storage_devices d ON d.id = c.cmp_id
     WHERE m.pipeline_stage = 'received' AND (SELECT count(*) FROM machines_cmps c2 WHERE c2.entity_id = m.id) = 1
     ORDER BY m.id LIMIT 1`);
  await query(
    `INSERT INTO sv_pipeline_erasures (document_id, machine_document_id, device_serial, method, result, operator, source, notes, ended_at, created_at, updated_at, published_at)
     VALUES ($1, $2, $3, 'removed', 'success', 'Gaël T. (bénévole)', 'manual', 'Disque détruit par le donateur', '2011-10-03T10:00:00Z', now(), now(), now())`,
    [`x${crypto.randomBytes(11).toString('hex')}`, removal.document_id, removal.serial]
  );

  // The new tables and columns go; the erasure records lose their device ids.
  await query(`
    DROP TABLE storage_devices_machine_lnk; DROP TABLE storage_devices;
    DROP FUNCTION sv_storage_devices_guard(); DROP FUNCTION sv_storage_device_links_guard();
    DROP TRIGGER sv_machines_custody_guard ON machines; DROP FUNCTION sv_machines_custody_guard();
    ALTER TABLE sv_pipeline_erasures DROP COLUMN device_document_id;
    ALTER TABLE documents_generated DROP COLUMN certified;`);
  await query('DELETE FROM strapi_migrations WHERE name = $1', [MIGRATION]);
  // A database from before migrations ran once had no record of the halves run after the sync.
  await query('DROP TABLE sv_migrations_after_sync');
  const [stored] = await query('SELECT id, schema FROM strapi_database_schema ORDER BY id DESC LIMIT 1');
  const schema = stored.schema as StoredSchema;
  schema.tables = schema.tables.filter((t) => !['storage_devices', 'storage_devices_machine_lnk'].includes(t.name));
  for (const table of schema.tables) {
    if (table.name === 'sv_pipeline_erasures') table.columns = table.columns.filter((c) => c.name !== 'device_document_id');
    if (table.name === 'documents_generated') table.columns = table.columns.filter((c) => c.name !== 'certified');
  }
  schema.tables.push(
    { name: 'components_machine_storage_devices', columns: [column('id', 'increments'), column('interface', 'string'), column('capacity_gb', 'integer'), column('serial', 'string')], indexes: [], foreignKeys: [] },
    {
      name: 'machines_cmps',
      columns: [column('id', 'increments'), column('entity_id', 'integer'), column('cmp_id', 'integer'), column('component_type', 'string'), column('field', 'string'), column('order', 'double')],
      indexes: [],
      foreignKeys: [],
    }
  );
  // Another hash, as the old schema had.
  await query("UPDATE strapi_database_schema SET schema = $1, hash = 'before-devices' WHERE id = $2", [JSON.stringify(schema), stored.id]);

  const lists = new Map<string, Array<string | null>>();
  for (const row of await query(`
      SELECT m.document_id, d.serial FROM machines_cmps c JOIN machines m ON m.id = c.entity_id JOIN components_machine_storage_devices d ON d.id = c.cmp_id
       ORDER BY m.document_id, c."order"`)) {
    lists.set(String(row.document_id), [...(lists.get(String(row.document_id)) ?? []), (row.serial as string | null) ?? null]);
  }
  const erasures = new Map((await query('SELECT id, machine_document_id, device_serial FROM sv_pipeline_erasures')).map((r) => [Number(r.id), { machine: String(r.machine_document_id), key: String(r.device_serial) }]));
  return { lists, erasures, noSerial: { machine: String(noSerial.document_id) }, removal: { machine: String(removal.document_id), serial: String(removal.serial) } };
}

beforeAll(async () => {
  database = await ownDatabase('demo');
  databaseUrl = database.url;
});

afterAll(async () => {
  await database?.drop();
});

it('gives every disk of a database from before device identity a record of its own, with its erasures, in order', async () => {
  const old = await makeItOld();
  expect(old.lists.size).toBeGreaterThan(800);

  process.env.DATABASE_URL = databaseUrl;
  const strapi = await createStrapi({ appDir: root, distDir: path.join(root, 'dist') }).load();
  strapi.log.level = 'warn';
  try {
    // Every unit has its disks back, in the same order, as records.
    const rows = await query(`
      SELECT m.document_id, d.serial, d.document_id AS device FROM storage_devices d
        JOIN storage_devices_machine_lnk l ON l.storage_device_id = d.id JOIN machines m ON m.id = l.machine_id
       ORDER BY m.document_id, l.storage_device_ord`);
    const lists = new Map<string, Array<string | null>>();
    for (const r of rows) lists.set(String(r.document_id), [...(lists.get(String(r.document_id)) ?? []), (r.serial as string | null) ?? null]);
    expect(lists).toEqual(old.lists);

    // Each erasure points to the device the old rule named (serial, else position), of its own unit.
    const position = new Map<string, number>();
    const devices = new Map(
      rows.map((r) => {
        position.set(String(r.document_id), (position.get(String(r.document_id)) ?? 0) + 1);
        return [String(r.device), { machine: String(r.document_id), serial: (r.serial as string | null) ?? null, position: position.get(String(r.document_id))! }];
      })
    );
    const erasures = await query('SELECT id, device_document_id FROM sv_pipeline_erasures');
    let linked = 0;
    for (const e of erasures) {
      const was = old.erasures.get(Number(e.id))!;
      const device = devices.get(String(e.device_document_id));
      expect(device?.machine).toBe(was.machine);
      const key = device!.serial ?? `#${device!.position}`;
      expect(key).toBe(was.key);
      linked += 1;
    }
    expect(linked).toBe(old.erasures.size);

    // The disk without serial is still erased: the unit handed over is still released.
    const status = strapi.plugin('pipeline').service('erasure-status');
    await expect(status.forMachine(old.noSerial.machine)).resolves.toMatchObject({ released: true, basis: 'devices' });
    // The old removal-as-erasure became a recorded removal.
    const [removed] = await query(`
      SELECT d.state, d.removed_by, d.removal_reason, d.removal_destination, d.removed_at FROM storage_devices d
        JOIN storage_devices_machine_lnk l ON l.storage_device_id = d.id JOIN machines m ON m.id = l.machine_id WHERE m.document_id = $1`, [old.removal.machine]);
    expect(removed).toMatchObject({ state: 'removed', removed_by: 'Gaël T. (bénévole)', removal_reason: 'Disque détruit par le donateur', removal_destination: 'other' });
    expect(new Date(removed.removed_at as string).toISOString()).toBe('2011-10-03T10:00:00.000Z');

    // Every unit the old data had at Prête, Réservée or Remise is still released by the one status.
    const released = await query("SELECT document_id FROM machines WHERE pipeline_stage IN ('ready', 'reserved', 'handed_over')");
    const statuses = (await status.forMachines(released.map((r) => String(r.document_id)))) as Map<string, { released: boolean }>;
    expect([...statuses.values()].every((s) => s.released)).toBe(true);
  } finally {
    await strapi.destroy();
  }

  const tables = (await query("SELECT table_name FROM information_schema.tables WHERE table_name IN ('components_machine_storage_devices', 'machines_cmps', 'sv_storage_devices_staging')")).map((r) => r.table_name);
  expect(tables).toEqual([]);
  const triggers = (await query("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'sv_%guard' ORDER BY tgname")).map((r) => r.tgname);
  expect(triggers).toEqual(['sv_machines_custody_guard', 'sv_storage_device_links_guard', 'sv_storage_devices_guard']);
  expect(await query('SELECT name FROM strapi_migrations WHERE name = $1', [MIGRATION])).toEqual([{ name: MIGRATION }]);
});

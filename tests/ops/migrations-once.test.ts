import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrationFiles, runMigrationsAfterSync, type Migration } from '../../src/database/migrations';
import { bootApp, ownDatabase, type OwnDatabase } from '../helpers/database';

// The project's migrations run once each: `up` before Strapi's schema sync (Strapi's runner,
// recorded in strapi_migrations), `afterSync` after it (src/database/migrations.ts, recorded in
// sv_migrations_after_sync). Seen on copies of the demo database: as built, restarted, and as a
// database from before this rule, where every migration ran again at each start.
const root = path.resolve(__dirname, '..', '..');
const dir = path.join(root, 'database', 'migrations');
const files = migrationFiles(dir);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const afterSync = files.filter((f) => typeof (require(path.join(dir, f)) as Migration).afterSync === 'function');

let database: OwnDatabase;

const boot = () => bootApp(database.url);

const recorded = async () => (await database.query('SELECT name, ran_at FROM sv_migrations_after_sync ORDER BY name')).map((r) => ({ name: String(r.name), ranAt: new Date(r.ran_at as string).toISOString() }));
const counts = async () => (await database.query('SELECT (SELECT count(*) FROM machines)::int machines, (SELECT count(*) FROM sv_pipeline_events)::int events, (SELECT count(*) FROM storage_devices)::int devices'))[0];
const objects = async () =>
  (
    await database.query(
      `SELECT (SELECT count(*) FROM pg_trigger WHERE tgname IN ('sv_pipeline_events_append_only', 'sv_storage_devices_guard', 'sv_machines_custody_guard'))::int triggers,
              (SELECT count(*) FROM pg_trigger WHERE tgname = 'sv_admin_permissions_version')::int permission_triggers,
              (SELECT count(*) FROM pg_indexes WHERE indexname IN ('sv_machines_serial_key_idx', 'sv_pipeline_events_subject_seq_uq', 'sv_auth_attempts_bucket_at_idx'))::int indexes`,
    )
  )[0];

beforeAll(async () => {
  database = await ownDatabase('demo');
});

afterAll(async () => {
  await database?.drop();
});

it('has each migration recorded once, both halves, on the demo database as built', async () => {
  expect(afterSync.length).toBeGreaterThan(3);
  const strapiRuns = (await database.query('SELECT name FROM strapi_migrations')).map((r) => String(r.name));
  expect([...strapiRuns].sort()).toEqual(files);
  expect((await recorded()).map((r) => r.name)).toEqual(afterSync);
  // Permission-version triggers: roles, permissions, their links, users' roles, and (docs/network.md) a workshop's members and the workshops.
  expect(await objects()).toEqual({ triggers: 3, permission_triggers: 6, indexes: 3 });
});

it('runs nothing again when the app starts again', async () => {
  const before = await recorded();
  const data = await counts();
  const strapi = await boot();
  await strapi.destroy();
  expect(await recorded()).toEqual(before);
  expect(await counts()).toEqual(data);
});

it('runs each half after the sync once on a database from before, where migrations ran at every start, and changes no data', async () => {
  await database.query('DROP TABLE sv_migrations_after_sync');
  const data = await counts();
  let strapi = await boot();
  await strapi.destroy();
  const first = await recorded();
  expect(first.map((r) => r.name)).toEqual(afterSync);
  expect(await counts()).toEqual(data);
  expect(await objects()).toEqual({ triggers: 3, permission_triggers: 6, indexes: 3 });

  strapi = await boot();
  await strapi.destroy();
  expect(await recorded()).toEqual(first);
});

it('applies a half after the sync entirely or not at all: a failed one is not recorded and runs again at the next start', async () => {
  const own = fs.mkdtempSync(path.join(os.tmpdir(), 'sv-migrations-'));
  const write = (name: string, body: string) => fs.writeFileSync(path.join(own, name), `'use strict';\nmodule.exports = { async up() {}, async afterSync(knex) { ${body} } };\n`);
  write('0001.ok.js', "await knex.raw('CREATE TABLE sv_test_ok (id int)');");
  write('0002.fails.js', "await knex.raw('CREATE TABLE sv_test_half_done (id int)'); throw new Error('échec au milieu');");
  const strapi = await boot();
  try {
    await expect(runMigrationsAfterSync(strapi, own)).rejects.toThrow('migration 0002.fails.js (après synchronisation) : échec au milieu');
    const tables = async () => (await database.query("SELECT to_regclass('sv_test_ok')::text ok, to_regclass('sv_test_half_done')::text half"))[0];
    expect(await tables()).toEqual({ ok: 'sv_test_ok', half: null });
    expect((await recorded()).map((r) => r.name).filter((n) => n.startsWith('000'))).toEqual(['0001.ok.js']);

    // Fixed (a new start loads the file anew): only the one not recorded runs.
    write('0002.fails.js', "await knex.raw('CREATE TABLE sv_test_half_done (id int)');");
    jest.resetModules();
    expect(await runMigrationsAfterSync(strapi, own)).toEqual(['0002.fails.js']);
    expect(await tables()).toEqual({ ok: 'sv_test_ok', half: 'sv_test_half_done' });
    expect(await runMigrationsAfterSync(strapi, own)).toEqual([]);
  } finally {
    await strapi.destroy();
    fs.rmSync(own, { recursive: true, force: true });
  }
});

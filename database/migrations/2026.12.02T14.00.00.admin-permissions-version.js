'use strict';

// A version of the admin panel's permissions, bumped by PostgreSQL itself whenever a role, a
// permission, a permission's role or a user's roles change, whatever path the change takes (the
// admin's Roles screen, a user's edit, a migration, raw SQL, another instance). The app caches
// each admin user's computed permissions (src/shared/server/admin-abilities.ts) and recomputes
// them as soon as this version moves. Runs once, after Strapi's schema sync has created the admin
// tables.
const TABLES = ['admin_permissions', 'admin_permissions_role_lnk', 'admin_roles', 'admin_users_roles_lnk'];

module.exports = {
  // Nothing to do before Strapi's schema sync: the admin tables come from it.
  async up() {},

  async afterSync(knex) {
    await knex.raw(`CREATE TABLE IF NOT EXISTS sv_admin_permissions_version (
      id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
      value bigint NOT NULL DEFAULT 1
    )`);
    await knex.raw('INSERT INTO sv_admin_permissions_version (id, value) VALUES (1, 1) ON CONFLICT (id) DO NOTHING');
    await knex.raw(`CREATE OR REPLACE FUNCTION sv_bump_admin_permissions_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE sv_admin_permissions_version SET value = value + 1 WHERE id = 1;
        RETURN NULL;
      END $$`);
    for (const table of TABLES) {
      const { rows } = await knex.raw('SELECT to_regclass(?) AS t', [table]);
      if (!rows[0].t) continue;
      await knex.raw(`DROP TRIGGER IF EXISTS sv_admin_permissions_version ON ??`, [table]);
      await knex.raw(
        `CREATE TRIGGER sv_admin_permissions_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ?? FOR EACH STATEMENT EXECUTE FUNCTION sv_bump_admin_permissions_version()`,
        [table],
      );
    }
  },
};

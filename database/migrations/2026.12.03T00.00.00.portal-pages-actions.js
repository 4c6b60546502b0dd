'use strict';

// The portal pages' API was a plugin of its own, « portail », merged into the portal plugin: its
// permission actions were stored as `plugin::portail.<controller>.<action>` and are now
// `plugin::portal.<controller>.<action>` (same controllers, same actions, same URLs). Runs once,
// BEFORE Strapi's schema sync and bootstrap: users-permissions' and the admin's bootstraps delete
// the permissions whose action no longer exists, so the rows must carry the new names by then
// (a role keeps its grants and their ids). On a fresh database the tables do not exist yet: nothing
// to do.
const OLD = 'plugin::portail.';
const NEW = 'plugin::portal.';
const TABLES = ['up_permissions', 'admin_permissions'];

module.exports = {
  async up(knex) {
    for (const table of TABLES) {
      if (!(await knex.schema.hasTable(table))) continue;
      await knex(table)
        .where('action', 'like', `${OLD}%`)
        .update({ action: knex.raw('? || substr(action, ?)', [NEW, OLD.length + 1]) });
    }
  },
};

'use strict';

// Conventions and pickups: the attribute `status` became `state`, because Strapi 5's content
// manager takes an attribute named `status` for the draft/publish status (strapi/strapi#22201).
// Strapi runs this before its schema sync (`db.schema.sync()` runs pending migrations first), so
// the sync finds `state` with its values instead of dropping `status` and adding an empty `state`.
// The list indexes built on `status` follow the column; they are renamed to the names
// 2026.11.29T00.01.00.list-indexes.js now gives them. Run once, by Strapi's runner
// (recorded in `strapi_migrations`).
const TABLES = ['conventions', 'pickups'];
const INDEXES = [
  ['sv_conventions_status_end_date_idx', 'sv_conventions_state_end_date_idx'],
  ['sv_conventions_kind_status_idx', 'sv_conventions_kind_state_idx'],
];

module.exports = {
  async up(knex) {
    for (const table of TABLES) {
      if (!(await knex.schema.hasTable(table))) continue;
      if ((await knex.schema.hasColumn(table, 'status')) && !(await knex.schema.hasColumn(table, 'state'))) {
        await knex.schema.alterTable(table, (t) => t.renameColumn('status', 'state'));
      }
    }
    for (const [from, to] of INDEXES) {
      const found = await knex.raw('SELECT to_regclass(?) AS old, to_regclass(?) AS new', [from, to]);
      const { old: oldIndex, new: newIndex } = found.rows[0];
      if (oldIndex && !newIndex) await knex.raw('ALTER INDEX ?? RENAME TO ??', [from, to]);
    }
  },
};

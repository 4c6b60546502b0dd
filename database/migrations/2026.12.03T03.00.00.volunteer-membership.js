'use strict';

// Volunteers get a `membership` (candidate, active, left: docs/volunteers.md). Run by Strapi's runner
// before its schema sync, which would otherwise add an empty column: every volunteer recorded
// before is in the team, or left when a departure date is recorded (the departure date is what
// ends their skills, as before). Guarded by what exists: on a fresh database nothing happens.
module.exports = {
  async up(knex) {
    if (!(await knex.schema.hasTable('volunteers'))) return;
    if (!(await knex.schema.hasColumn('volunteers', 'membership'))) {
      await knex.schema.alterTable('volunteers', (t) => t.string('membership', 255));
    }
    await knex('volunteers').whereNull('membership').whereNotNull('end_date').update({ membership: 'left' });
    await knex('volunteers').whereNull('membership').update({ membership: 'active' });
  },
};

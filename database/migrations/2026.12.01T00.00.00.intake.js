'use strict';

// The intake looks up every serial of an inventory at once, compared without case, spaces or
// dashes ("CZC 1234-X" = "czc1234x"): an expression index makes that one look-up fast for 20,000
// serials. Its jobs are listed per donation. Runs once, after the schema sync.
module.exports = {
  // Nothing to do before Strapi's schema sync: the tables come from it.
  async up() {},

  async afterSync(knex) {
    if (await knex.schema.hasTable('machines')) {
      await knex.raw(
        "CREATE INDEX IF NOT EXISTS sv_machines_serial_key_idx ON machines (lower(regexp_replace(serial_number, '[[:space:]-]', '', 'g')))",
      );
    }
    if (await knex.schema.hasTable('sv_intake_jobs')) {
      await knex.raw('CREATE INDEX IF NOT EXISTS sv_intake_jobs_donation_idx ON sv_intake_jobs (donation, id)');
    }
  },
};

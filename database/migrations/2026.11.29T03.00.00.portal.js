'use strict';

// The portal plugin's tables: the throttle counts attempts per bucket in a time window on every
// login, and an invitation token hash must be unique in the database itself. Runs once, after the
// schema sync, since the tables come from it.
module.exports = {
  // Nothing to do before Strapi's schema sync: the tables come from it.
  async up() {},

  async afterSync(knex) {
    if (await knex.schema.hasTable('sv_auth_attempts')) {
      await knex.raw('CREATE INDEX IF NOT EXISTS sv_auth_attempts_bucket_at_idx ON sv_auth_attempts (bucket, at)');
    }
    if (await knex.schema.hasTable('sv_portal_invitations')) {
      await knex.raw('CREATE UNIQUE INDEX IF NOT EXISTS sv_portal_invitations_token_hash_uq ON sv_portal_invitations (token_hash)');
    }
  },
};

'use strict';

// The outreach send queue's rate limit across instances: when the last e-mail was claimed.
// One row, locked by each claim (src/plugins/outreach/server/src/services/sender.ts).
module.exports = {
  async up(knex) {
    await knex.raw('CREATE TABLE IF NOT EXISTS sv_outreach_send_state (id integer PRIMARY KEY CHECK (id = 1), last_claim_at timestamptz)');
    await knex.raw('INSERT INTO sv_outreach_send_state (id, last_claim_at) VALUES (1, NULL) ON CONFLICT (id) DO NOTHING');
  },
};

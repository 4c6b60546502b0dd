'use strict';

// Counters behind the human numbers (CP-2012-004, SV-000123): one row per series, incremented
// atomically by src/shared/server/counters.ts.
module.exports = {
  async up(knex) {
    await knex.raw(`CREATE TABLE IF NOT EXISTS sv_counters (
      scope varchar(40) PRIMARY KEY,
      value integer NOT NULL CHECK (value >= 0)
    )`);
  },
};

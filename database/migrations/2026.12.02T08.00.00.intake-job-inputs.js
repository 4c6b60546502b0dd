'use strict';

// A background import's input, kept until the import ends: the file and what staff chose, so that
// whichever instance takes the pg-boss job (or the next start, after a crash) can run it.
// Deleted when the import is done, failed or interrupted (src/plugins/intake/server/src/services/jobs.ts).
module.exports = {
  async up(knex) {
    await knex.raw(`CREATE TABLE IF NOT EXISTS sv_intake_job_inputs (
      job_document_id varchar(255) PRIMARY KEY,
      filename text NOT NULL,
      bytes bytea NOT NULL,
      mapping jsonb,
      options jsonb NOT NULL DEFAULT '{}'::jsonb,
      boss_id uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
  },
};

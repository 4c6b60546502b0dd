'use strict';

// Certificate batches in the database, worked as pg-boss jobs by any instance
// (src/plugins/documents/server/src/services/batches.ts): the batch, and one row per unit saying
// whether its certificate is issued, refused, or still to do — what a resumed batch starts from.
module.exports = {
  async up(knex) {
    await knex.raw(`CREATE TABLE IF NOT EXISTS sv_document_batches (
      id uuid PRIMARY KEY,
      donation_document_id varchar(255) NOT NULL,
      reference text,
      status varchar(16) NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done')),
      total integer NOT NULL CHECK (total > 0),
      author jsonb,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      heartbeat_at timestamptz NOT NULL DEFAULT now(),
      boss_id uuid
    )`);
    // One running batch per donation, whichever instance is asked.
    await knex.raw(
      "CREATE UNIQUE INDEX IF NOT EXISTS sv_document_batches_one_running ON sv_document_batches (donation_document_id) WHERE status = 'running'",
    );
    await knex.raw(`CREATE TABLE IF NOT EXISTS sv_document_batch_units (
      batch_id uuid NOT NULL REFERENCES sv_document_batches (id) ON DELETE CASCADE,
      unit_document_id varchar(255) NOT NULL,
      label_code varchar(255) NOT NULL,
      state varchar(16) NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'issued', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      document_id varchar(255),
      number varchar(255),
      message text,
      PRIMARY KEY (batch_id, unit_document_id)
    )`);
  },
};

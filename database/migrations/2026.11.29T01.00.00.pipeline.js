'use strict';

// The pipeline's history is append-only and chained: one event number per record, enforced by
// the database, and no UPDATE or DELETE of an event by anyone but a superuser who first disables
// the trigger (which the chain check then exposes). Runs once, after the schema sync (the tables come from it).
module.exports = {
  // Nothing to do before Strapi's schema sync: the tables come from it.
  async up() {},

  async afterSync(knex) {
    if (await knex.schema.hasTable('sv_pipeline_events')) {
      await knex.raw('CREATE UNIQUE INDEX IF NOT EXISTS sv_pipeline_events_subject_seq_uq ON sv_pipeline_events (subject_type, subject_id, seq)');
      await knex.raw('CREATE INDEX IF NOT EXISTS sv_pipeline_events_to_stage_idx ON sv_pipeline_events (subject_type, to_stage, at)');
      const { rows } = await knex.raw("SELECT 1 FROM pg_trigger WHERE tgname = 'sv_pipeline_events_append_only'");
      if (rows.length === 0) {
        await knex.raw(`CREATE OR REPLACE FUNCTION sv_pipeline_events_append_only() RETURNS trigger AS $$
          BEGIN
            RAISE EXCEPTION 'sv_pipeline_events est en ajout seul : un événement ne se modifie ni ne se supprime';
          END $$ LANGUAGE plpgsql`);
        await knex.raw(`CREATE TRIGGER sv_pipeline_events_append_only BEFORE UPDATE OR DELETE ON sv_pipeline_events
          FOR EACH ROW EXECUTE FUNCTION sv_pipeline_events_append_only()`);
      }
    }
    for (const table of ['machines', 'prescriptions']) {
      if ((await knex.schema.hasTable(table)) && (await knex.schema.hasColumn(table, 'pipeline_stage'))) {
        await knex.raw(`CREATE INDEX IF NOT EXISTS sv_${table}_pipeline_stage_idx ON ${table} (pipeline_stage)`);
      }
    }
    if (await knex.schema.hasTable('sv_pipeline_erasures')) {
      await knex.raw('CREATE INDEX IF NOT EXISTS sv_pipeline_erasures_machine_idx ON sv_pipeline_erasures (machine_document_id, device_serial)');
    }
    if (await knex.schema.hasTable('sv_pipeline_checklist_results')) {
      await knex.raw('CREATE INDEX IF NOT EXISTS sv_pipeline_checklists_subject_idx ON sv_pipeline_checklist_results (subject_type, subject_id, stage_key)');
    }
  },
};

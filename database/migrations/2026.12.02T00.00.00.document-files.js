'use strict';

// Issued documents (prescription forms name a household) leave the public upload folder: their
// PDFs live in PostgreSQL, in `sv_document_files`, read only by the documents plugin's routes.
// Before this, each PDF was a media-library file (public/uploads) linked to its document through
// the `file` media field (`files_related_mph`). This migration, which runs before Strapi's schema
// sync, notes each such link in `sv_document_files_to_move`; at start-up the documents plugin
// copies each file into `sv_document_files` (checking its SHA-256), then deletes it from the media
// library and from disk (plugins/documents/server/src/services/storage.ts). Run once, by Strapi's
// runner (recorded in `strapi_migrations`).
module.exports = {
  async up(knex) {
    await knex.raw(`CREATE TABLE IF NOT EXISTS sv_document_files (
      generated_id integer PRIMARY KEY,
      content bytea NOT NULL,
      stored_at timestamptz NOT NULL DEFAULT now()
    )`);
    await knex.raw(`CREATE TABLE IF NOT EXISTS sv_document_files_to_move (
      generated_id integer PRIMARY KEY,
      file_id integer NOT NULL
    )`);
    if (!(await knex.schema.hasTable('files_related_mph')) || !(await knex.schema.hasTable('documents_generated'))) return;
    await knex.raw(`INSERT INTO sv_document_files_to_move (generated_id, file_id)
      SELECT DISTINCT ON (l.related_id) l.related_id, l.file_id
        FROM files_related_mph l
        JOIN documents_generated d ON d.id = l.related_id
       WHERE l.related_type = 'plugin::documents.generated-document' AND l.field = 'file'
         AND NOT EXISTS (SELECT 1 FROM sv_document_files f WHERE f.generated_id = l.related_id)
       ORDER BY l.related_id, l.id
      ON CONFLICT (generated_id) DO NOTHING`);
  },
};

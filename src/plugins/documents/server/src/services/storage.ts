import fs from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { sha256 } from '../domain/hash';
import { UID } from '../utils';

/** Tables created by database/migrations/2026.12.02T00.00.00.document-files.js. */
export const FILES_TABLE = 'sv_document_files';
export const TO_MOVE_TABLE = 'sv_document_files_to_move';

interface UploadFile {
  id: number;
  url: string;
  provider?: string;
}

/**
 * Where issued PDFs live: in PostgreSQL, one row per issued document, never under public/ and
 * never in the media library. They are read only through this plugin's services (the download
 * route checks who may read the record first), and backed up with the database.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Stores a document's PDF, inside the caller's transaction when there is one. */
  async put(generatedId: number, pdf: Buffer): Promise<void> {
    await strapi.db.transaction(async ({ trx }) => {
      // Raw SQL: the PDF is not an attribute, so that no populate or list ever loads it by accident.
      await trx(FILES_TABLE).insert({ generated_id: generatedId, content: pdf });
    });
  },

  /** The stored PDF; null when it was erased (household anonymised) or is still waiting to be moved. */
  async get(generatedId: number): Promise<Buffer | null> {
    const row = (await strapi.db.connection(FILES_TABLE).where({ generated_id: generatedId }).first('content')) as { content: Buffer } | undefined;
    return row?.content ?? null;
  },

  /** Whether the PDF of an older document still waits in the public folder (see moveLegacyFiles). */
  async pending(generatedId: number): Promise<boolean> {
    return Boolean(await strapi.db.connection(TO_MOVE_TABLE).where({ generated_id: generatedId }).first('generated_id'));
  },

  /** Deletes the PDFs of these documents, inside the caller's transaction; returns how many went. */
  async erase(generatedIds: number[]): Promise<number> {
    if (generatedIds.length === 0) return 0;
    return strapi.db.transaction(async ({ trx }) => Number(await trx(FILES_TABLE).whereIn('generated_id', generatedIds).del()));
  },

  /**
   * Moves the PDFs issued before the private storage (media-library files under public/uploads)
   * into it: copy, check, then delete the media-library file and its disk copy. A file missing
   * from disk stays pending and is retried at the next start. Idempotent.
   */
  async moveLegacyFiles(): Promise<{ moved: number; pending: number }> {
    const knex = strapi.db.connection;
    const rows = (await knex(TO_MOVE_TABLE).select('generated_id', 'file_id').orderBy('generated_id')) as Array<{ generated_id: number; file_id: number }>;
    let moved = 0;
    for (const row of rows) {
      const doc = (await strapi.db.query(UID.generated).findOne({ where: { id: row.generated_id }, select: ['id', 'number', 'sha256'] })) as { id: number; number: string; sha256: string } | null;
      const file = (await strapi.db.query('plugin::upload.file').findOne({ where: { id: row.file_id } })) as UploadFile | null;
      if (!doc || !file) {
        // Nothing left to move: the document or its media-library file was deleted by hand.
        strapi.log.warn(`documents : fichier ${row.file_id} du document ${doc?.number ?? row.generated_id} introuvable dans la médiathèque ; rien à déplacer.`);
        await knex(TO_MOVE_TABLE).where({ generated_id: row.generated_id }).del();
        continue;
      }
      if (!(await knex(FILES_TABLE).where({ generated_id: doc.id }).first('generated_id'))) {
        const pdf = await readPublicFile(strapi, file);
        if (!pdf) {
          strapi.log.error(`documents : le PDF de ${doc.number} (${file.url}) est introuvable ; il reste en attente et sera déplacé au prochain démarrage s'il revient.`);
          continue;
        }
        if (sha256(pdf) !== doc.sha256) strapi.log.error(`documents : le PDF de ${doc.number} ne correspond pas à son empreinte ; il est tout de même mis à l'abri.`);
        await knex(FILES_TABLE).insert({ generated_id: doc.id, content: pdf }).onConflict('generated_id').ignore();
      }
      // Removes the media-library row, its links and the file on disk (through the upload provider).
      await strapi.plugin('upload').service('upload').remove(file);
      await knex(TO_MOVE_TABLE).where({ generated_id: doc.id }).del();
      moved += 1;
    }
    if (moved > 0) strapi.log.info(`documents : ${moved} PDF émis déplacé(s) hors du dossier public, dans la base.`);
    return { moved, pending: rows.length - moved };
  },
});

/** Reads a file of the local upload provider (the only one this app configured); null when absent. */
async function readPublicFile(strapi: Core.Strapi, file: UploadFile): Promise<Buffer | null> {
  const publicDir = path.resolve(strapi.dirs.static.public);
  const url = decodeURIComponent(file.url);
  const target = path.resolve(publicDir, `.${url}`);
  if (!url.startsWith('/uploads/') || !target.startsWith(publicDir + path.sep)) return null;
  try {
    return await fs.readFile(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

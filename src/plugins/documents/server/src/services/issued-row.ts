import { createId } from '@paralleldrive/cuid2';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { TemplateKind } from '../domain/kinds';
import type { VerifySummary } from '../domain/verify-summary';
import { UID } from '../utils';
import type { Author, GeneratedDocument } from './documents';
import type { TemplateRow } from './templates';

export interface IssuedRow {
  number: string;
  kind: TemplateKind;
  targetUid: string;
  targetDocumentId: string;
  sha256: string;
  template: Pick<TemplateRow, 'id' | 'version'>;
  author: Author | null;
  issuedAt: Date;
  certified: VerifySummary;
}

interface Tables {
  documents: string;
  templateLinks: string;
}

/** The generated-document table and its template link table, as Strapi named them. */
function tablesOf(strapi: Core.Strapi): Tables {
  const meta = strapi.db.metadata.get(UID.generated) as unknown as { tableName: string; attributes: { template: { joinTable: { name: string } } } };
  return { documents: meta.tableName, templateLinks: meta.attributes.template.joinTable.name };
}

/**
 * Records an issued document inside the caller's transaction `trx`: the row, numbered as the
 * next version for its record, and its template link, in two statements. The caller holds the
 * record's advisory lock, so the count this statement reads (its snapshot is taken after the lock)
 * is the one no other issuance can change before commit. Columns as the Query Engine writes them
 * for a type without draft and publish: published at creation, no locale, no admin author link.
 */
export async function insertIssued(strapi: Core.Strapi, trx: Knex.Transaction, row: IssuedRow): Promise<Omit<GeneratedDocument, 'template'>> {
  const tables = tablesOf(strapi);
  const documentId = createId();
  const now = new Date();
  // Raw SQL: the version is counted and the row inserted in one statement, the link from its RETURNING.
  const inserted = (await trx.raw(
    `WITH doc AS (
       INSERT INTO ?? (document_id, number, kind, target_uid, target_document_id, version, sha_256, template_version,
                       generated_by_id, generated_by_name, generated_at, certified, created_at, updated_at, published_at, locale)
       SELECT ?, ?, ?, ?, ?, COUNT(*) + 1, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, NULL
         FROM ?? WHERE kind = ? AND target_uid = ? AND target_document_id = ?
       RETURNING id, version)
     , link AS (INSERT INTO ?? (generated_document_id, template_id) SELECT id, ? FROM doc)
     SELECT id, version FROM doc`,
    [
      tables.documents,
      documentId, row.number, row.kind, row.targetUid, row.targetDocumentId, row.sha256, row.template.version,
      row.author?.id ?? null, row.author?.name ?? null, row.issuedAt, JSON.stringify(row.certified), now, now, now,
      tables.documents, row.kind, row.targetUid, row.targetDocumentId,
      tables.templateLinks, row.template.id,
    ]
  )) as { rows: Array<{ id: number; version: number }> };
  const { id, version } = inserted.rows[0];
  return {
    id,
    documentId,
    number: row.number,
    kind: row.kind,
    targetUid: row.targetUid,
    targetDocumentId: row.targetDocumentId,
    version,
    sha256: row.sha256,
    templateVersion: row.template.version,
    generatedAt: row.issuedAt.toISOString(),
    generatedByName: row.author?.name ?? null,
    certified: row.certified,
    fileErasedAt: null,
  };
}

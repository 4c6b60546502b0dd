/**
 * The contract of the documents plugin's `documents` service as other plugins read it
 * (`strapi.plugin('documents').service('documents')`): the part the portal uses to hand a
 * structure its own issued PDFs. The documents plugin checks that its service keeps fulfilling it
 * (src/plugins/documents/server/src/services/index.ts).
 */
import type { Core } from '@strapi/strapi';

/** An issued document, as the others read it (its PDF is fetched with `fileContent`). */
export interface IssuedDocument {
  id: number;
  documentId: string;
  number: string;
  /** The template kind (`handover-receipt`, `erasure-certificate`…). */
  kind: string;
  targetUid: string;
  targetDocumentId: string;
  version: number;
  generatedAt: string;
  /** When its PDF was erased (the household was anonymised). */
  fileErasedAt: string | null;
}

export interface DocumentsService {
  /** The PDF of a document rendered now, not issued (no number); a blank prescription form without `documentId`. */
  previewPdf(request: { kind: 'prescription-form'; documentId?: string }): Promise<Buffer>;
  /** Documents issued for a record, newest first. */
  forRecord(targetUid: string, targetDocumentId: string): Promise<IssuedDocument[]>;
  /** An issued document, or a 404. */
  findOne(documentId: string): Promise<IssuedDocument>;
  /** The stored PDF's bytes, for whoever the caller already checked may read it. */
  fileContent(doc: Pick<IssuedDocument, 'id' | 'number' | 'targetUid' | 'targetDocumentId' | 'fileErasedAt'>): Promise<Buffer>;
}

/** The documents plugin's `documents` service, or undefined when the documents plugin is not enabled. */
export function documentsService(strapi: Core.Strapi): DocumentsService | undefined {
  return strapi.plugin('documents')?.service('documents') as DocumentsService | undefined;
}

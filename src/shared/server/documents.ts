/**
 * The contracts of the documents plugin's services as other plugins read them
 * (`strapi.plugin('documents').service(...)`): `documents` (issue a document about one of their
 * records, hand its PDF, erase a household's PDFs), `mailer` (e-mail an issued document) and
 * `identity` (the workshop as documents present it). The renderer's contract is in `renderer.ts`.
 * The documents plugin checks that its services keep fulfilling them
 * (src/plugins/documents/server/src/services/index.ts). Each accessor returns undefined when the
 * documents plugin is not enabled: the caller says so, in French, in its own words.
 */
import type { Core } from '@strapi/strapi';
import { pluginService } from '../plugin-service';

/** Who issues or sends a document: a staff member (id), or an API token or automatic action (id null). */
export interface DocumentAuthor {
  id: number | null;
  name: string;
}

/**
 * The kinds other plugins have the documents plugin issue, each about one of their records:
 * relations (conventions, donors' certificate and letter), outreach (a campaign's letters),
 * reporting (a bilan).
 */
export type RequestedKind = 'partnership-convention' | 'membership-convention' | 'label-certificate' | 'thank-you-letter' | 'outreach-letters' | 'bilan';

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
  /**
   * Issues a document about the record `documentId`: numbered, rendered, hashed, its PDF stored,
   * in one transaction; an earlier one for the same record stays (this one is its next version).
   * Throws the documents plugin's errors (404 record, 400 data the template needs, 503 renderer).
   */
  generate(request: { kind: RequestedKind; documentId: string }, author: DocumentAuthor | null): Promise<IssuedDocument>;
  /** Documents issued for a record, newest first. */
  forRecord(targetUid: string, targetDocumentId: string): Promise<IssuedDocument[]>;
  /** An issued document, or a 404. */
  findOne(documentId: string): Promise<IssuedDocument>;
  /** The stored PDF's bytes, for whoever the caller already checked may read it. */
  fileContent(doc: Pick<IssuedDocument, 'id' | 'number' | 'targetUid' | 'targetDocumentId' | 'fileErasedAt'>): Promise<Buffer>;
  /**
   * Erases the PDFs of the documents issued for these records (a household's anonymisation),
   * inside the caller's transaction; number, kind, date and SHA-256 stay. Returns how many went.
   */
  eraseFiles(targetUid: string, targetDocumentIds: string[]): Promise<number>;
}

/** One attempt at e-mailing an issued document, as recorded on it. */
export interface DocumentSending {
  id: number;
  documentId: string;
  recipients: string[];
  status: 'sent' | 'partial' | 'failed';
  error: string | null;
  sentByName: string | null;
  sentAt: string;
}

export interface DocumentsMailer {
  /**
   * E-mails the issued document `documentId` (its stored PDF attached) and records the attempt on
   * it, failed or not; an SMTP failure throws (502 refused, 503 unreachable) after recording it.
   */
  send(documentId: string, input: { to: string[]; message?: string | null }, author: DocumentAuthor | null): Promise<DocumentSending>;
}

/** The workshop as documents present it: the settings, completed by the default workshop record. */
export interface WorkshopIdentity {
  name: string;
  legalForm: string | null;
  address: string | null;
  postalCode: string | null;
  commune: string | null;
  siret: string | null;
  email: string | null;
  phone: string | null;
  signatoryName: string | null;
  signatoryRole: string | null;
  /** The logo, inlined. */
  logoDataUrl: string | null;
}

export interface WorkshopIdentityService {
  get(): Promise<WorkshopIdentity>;
}

/** The documents plugin's `documents` service, or undefined when the documents plugin is not enabled. */
export const documentsService = (strapi: Core.Strapi): DocumentsService | undefined => pluginService(strapi, 'documents', 'documents');

/** The documents plugin's `mailer` service, or undefined when the documents plugin is not enabled. */
export const documentsMailer = (strapi: Core.Strapi): DocumentsMailer | undefined => pluginService(strapi, 'documents', 'mailer');

/** The documents plugin's `identity` service, or undefined when the documents plugin is not enabled. */
export const documentsIdentity = (strapi: Core.Strapi): WorkshopIdentityService | undefined => pluginService(strapi, 'documents', 'identity');

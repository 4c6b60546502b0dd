import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { nextCounterValue } from '../../../../../services/counters';
import { fontsCss } from '../domain/fonts';
import { sha256 } from '../domain/hash';
import { documentCounterScope, formatDocumentNumber, KINDS, type TemplateKind } from '../domain/kinds';
import { MESSAGES } from '../domain/messages';
import { compileTemplate, htmlDocument, TemplateError } from '../domain/templating';
import { getService, UID } from '../utils';
import type { TemplateRow } from './templates';
import { verifySummary, type VerifySummary } from '../domain/verify-summary';

export interface Author {
  /** The staff member's id; null for an API token or an automatic action. */
  id: number | null;
  name: string;
}

export interface RenderRequest {
  kind: TemplateKind;
  /** The record; none only for a blank prescription form. */
  documentId?: string;
  templateId?: string;
  /** Unsaved template text, for the editor's live preview. */
  html?: string;
  css?: string;
}

export interface GeneratedDocument {
  id: number;
  documentId: string;
  number: string;
  kind: TemplateKind;
  targetUid: string;
  targetDocumentId: string;
  version: number;
  sha256: string;
  templateVersion: number;
  generatedAt: string;
  generatedByName: string | null;
  /** What the document certifies, as it was at issuance (shown by the verify page). */
  certified?: VerifySummary | null;
  file?: { id: number; url: string; name: string; size: number } | null;
  template?: { documentId: string; name: string } | null;
  sendings?: Array<{ documentId: string; recipients: string[]; status: 'sent' | 'partial' | 'failed'; error: string | null; sentByName: string | null; sentAt: string }>;
}

const PREVIEW_NUMBER = 'APERÇU';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::documents') as { publicUrl: string };
  const verifyUrl = (number: string) => `${config().publicUrl}/verify/${encodeURIComponent(number)}`;

  /** The complete HTML of a document: template + record data + workshop identity. */
  async function dataFor(request: RenderRequest): Promise<Record<string, unknown>> {
    return request.documentId
      ? getService(strapi, 'context').forRecord(request.kind, request.documentId)
      : getService(strapi, 'context').blank();
  }

  async function html(request: RenderRequest, template: Pick<TemplateRow, 'html' | 'css'>, number: string, issuedAt: Date, data?: Record<string, unknown>): Promise<string> {
    data ??= await dataFor(request);
    const context = {
      ...data,
      workshop: await getService(strapi, 'identity').get(),
      document: {
        number,
        issuedAt: issuedAt.toISOString(),
        verifyUrl: verifyUrl(number),
        kindLabel: KINDS[request.kind].label,
        isPreview: number === PREVIEW_NUMBER,
      },
    };
    try {
      const body = compileTemplate(template.html)(context);
      return htmlDocument(body, template.css ?? '', fontsCss(), `${KINDS[request.kind].label} ${number}`);
    } catch (error) {
      if (error instanceof TemplateError) throw new errors.ValidationError(error.message);
      throw error;
    }
  }

  function requireRecord(request: RenderRequest): string {
    if (request.documentId) return request.documentId;
    throw new errors.ValidationError(MESSAGES.recordNotFound);
  }

  return {
    /** The HTML of a preview (not numbered, marked as such). */
    async previewHtml(request: RenderRequest): Promise<string> {
      if (!request.documentId && request.kind !== 'prescription-form') requireRecord(request);
      const saved = await getService(strapi, 'templates').forKind(request.kind, request.templateId);
      const template = { html: request.html ?? saved.html, css: request.css ?? saved.css };
      return html(request, template, PREVIEW_NUMBER, new Date());
    },

    async previewPdf(request: RenderRequest): Promise<Buffer> {
      return getService(strapi, 'renderer').render(await this.previewHtml(request));
    },

    /**
     * Issues a document: numbered, rendered, stored in the media library and recorded with
     * its hash. An earlier document for the same record stays; this one is its next version.
     */
    async generate(request: RenderRequest, author: Author | null): Promise<GeneratedDocument> {
      const documentId = requireRecord(request);
      const template = await getService(strapi, 'templates').forKind(request.kind, request.templateId);
      const issuedAt = new Date();
      const prefix = KINDS[request.kind].prefix;
      const year = issuedAt.getUTCFullYear();
      // Checks the record and template before a number is taken.
      const data = await dataFor(request);
      if ((request.kind === 'erasure-certificate' || request.kind === 'donation-erasure-certificate') && data.erasureComplete !== true) {
        throw new errors.ValidationError(MESSAGES.erasureIncomplete((data.notReleased as Array<{ labelCode: unknown; reason: string | null }> | undefined) ?? []));
      }
      await html(request, template, PREVIEW_NUMBER, issuedAt, data);
      const number = formatDocumentNumber(prefix, year, await nextCounterValue(strapi, documentCounterScope(prefix, year)));
      const pdf = await getService(strapi, 'renderer').render(await html(request, template, number, issuedAt, data));
      const file = await upload(strapi, pdf, `${number}.pdf`, `${KINDS[request.kind].label} ${number}`);
      const targetUid = KINDS[request.kind].targetUid;
      try {
        return await strapi.db.transaction(async ({ trx }) => {
          // Raw SQL: a transaction-scoped lock so two generations for one record get distinct versions.
          await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`documents:${targetUid}:${documentId}:${request.kind}`]);
          const previous = await strapi.db.query(UID.generated).count({ where: { kind: request.kind, targetUid, targetDocumentId: documentId } });
          return (await strapi.db.query(UID.generated).create({
            data: {
              number,
              kind: request.kind,
              targetUid,
              targetDocumentId: documentId,
              version: previous + 1,
              sha256: sha256(pdf),
              file: file.id,
              template: template.id,
              templateVersion: template.version,
              generatedById: author?.id ?? null,
              generatedByName: author?.name ?? null,
              generatedAt: issuedAt,
              certified: verifySummary(request.kind, data),
            },
            populate: { file: true, template: { select: ['documentId', 'name'] } },
          })) as GeneratedDocument;
        });
      } catch (error) {
        await strapi.plugin('upload').service('upload').remove(file).catch(() => undefined);
        throw error;
      }
    },

    /** Documents issued for a record, newest first. */
    async forRecord(targetUid: string, targetDocumentId: string): Promise<GeneratedDocument[]> {
      return (await strapi.db.query(UID.generated).findMany({
        where: { targetUid, targetDocumentId },
        orderBy: [{ generatedAt: 'desc' }, { id: 'desc' }],
        populate: {
          file: true,
          template: { select: ['documentId', 'name'] },
          sendings: { select: ['documentId', 'recipients', 'status', 'error', 'sentByName', 'sentAt'], orderBy: { sentAt: 'desc' } },
        },
      })) as GeneratedDocument[];
    },

    async findOne(documentId: string): Promise<GeneratedDocument> {
      const doc = (await strapi.db.query(UID.generated).findOne({ where: { documentId }, populate: { file: true } })) as GeneratedDocument | null;
      if (!doc) throw new errors.NotFoundError(MESSAGES.documentNotFound);
      return doc;
    },

    async findByNumber(number: string): Promise<GeneratedDocument | null> {
      return (await strapi.db.query(UID.generated).findOne({ where: { number } })) as GeneratedDocument | null;
    },

    /** The stored PDF's bytes. */
    async fileContent(doc: GeneratedDocument): Promise<Buffer> {
      if (!doc.file?.url) throw new errors.NotFoundError(MESSAGES.documentNotFound);
      return readUpload(strapi, doc.file.url);
    },

    verifyUrl,
  };
};

interface UploadedFile {
  id: number;
  url: string;
  name: string;
  size: number;
}

async function upload(strapi: Core.Strapi, pdf: Buffer, name: string, caption: string): Promise<UploadedFile> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sv-documents-'));
  const filepath = path.join(dir, name);
  try {
    await fs.writeFile(filepath, pdf);
    const [file] = (await strapi.plugin('upload').service('upload').upload({
      data: { fileInfo: { name, caption, alternativeText: caption } },
      files: { filepath, originalFilename: name, mimetype: 'application/pdf', size: pdf.length },
    })) as UploadedFile[];
    return file;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Reads a file of the local upload provider (the only one this app configures). */
async function readUpload(strapi: Core.Strapi, url: string): Promise<Buffer> {
  const publicDir = path.resolve(strapi.dirs.static.public);
  const file = path.resolve(publicDir, `.${decodeURIComponent(url)}`);
  if (!url.startsWith('/uploads/') || !file.startsWith(publicDir + path.sep)) throw new errors.NotFoundError(MESSAGES.documentNotFound);
  return fs.readFile(file);
}

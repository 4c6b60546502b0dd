import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { nextCounterValue } from '../../../../../shared/server/counters';
import { publicLink } from '../../../../../shared/server/public-url';
import { noteHouseholdReads } from '../../../../../shared/household-reads';
import { fontsCss } from '../domain/fonts';
import { sha256 } from '../domain/hash';
import { documentCounterScope, formatDocumentNumber, KINDS, type TemplateKind } from '../domain/kinds';
import { MESSAGES } from '../domain/messages';
import { compileTemplate, htmlDocument, TemplateError } from '../../../../../shared/server/templating';
import { once } from '../domain/once';
import { together } from '../domain/together';
import { insertIssued } from './issued-row';
import { getService, UID } from '../utils';
import { workshopOfRecord } from '../scope';
import { currentScope } from '../../../../../shared/server/workshops';
import type { IssuingWorkshop } from './identity';
import type { TemplateRow } from './templates';
import type { DocumentAuthor } from '../../../../../shared/server/documents';
import { verifySummary, type VerifySummary } from '../domain/verify-summary';

/** Who issues a document (the kernel's contract): a staff member, or an API token or automatic action (id null). */
export type Author = DocumentAuthor;

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
  /** When its PDF was erased (the household was anonymised); number, hash and dates stay. */
  fileErasedAt: string | null;
  template?: { documentId: string; name: string } | null;
  sendings?: Array<{ documentId: string; recipients: string[]; status: 'sent' | 'partial' | 'failed'; error: string | null; sentByName: string | null; sentAt: string }>;
}

const PREVIEW_NUMBER = 'APERÇU';

/** What an issuance reads before its number is taken. */
interface Prepared {
  template: TemplateRow;
  data: Record<string, unknown>;
  /** The record's workshop: it names itself on the document and numbers it. */
  workshop: IssuingWorkshop;
}
const PRESCRIPTION = 'api::prescription.prescription';

/** Run inside an issuance's transaction once its row and PDF are written: what the caller records with it. */
export type Recorded = (trx: Knex.Transaction, doc: Omit<GeneratedDocument, 'template'>) => Promise<void>;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const verifyUrl = (number: string) => publicLink(strapi, `/verify/${encodeURIComponent(number)}`);

  /**
   * The workshop a document speaks for: its record's (not the default one), so a Morlaix unit's
   * certificate names Morlaix. A blank prescription form, about no record, names the requester's
   * workshop when they work for one only, else the default workshop.
   */
  async function workshopFor(request: Pick<RenderRequest, 'kind' | 'documentId'>): Promise<IssuingWorkshop> {
    const identity = getService(strapi, 'identity');
    if (request.documentId) return identity.forRecord(KINDS[request.kind].targetUid, request.documentId);
    const scope = await currentScope(strapi);
    return identity.forWorkshop(!scope.all && scope.ids.length === 1 ? scope.ids[0] : null);
  }

  /** The complete HTML of a document: template + record data + workshop identity. */
  async function dataFor(request: RenderRequest): Promise<Record<string, unknown>> {
    return request.documentId
      ? getService(strapi, 'context').forRecord(request.kind, request.documentId)
      : getService(strapi, 'context').blank();
  }

  async function html(
    request: RenderRequest,
    template: Pick<TemplateRow, 'html' | 'css'>,
    number: string,
    issuedAt: Date,
    data?: Record<string, unknown>,
    workshop?: IssuingWorkshop
  ): Promise<string> {
    data ??= await dataFor(request);
    const context = {
      ...data,
      workshop: workshop ?? (await workshopFor(request)),
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

  /**
   * Issues a document from what was read for it: refuses an incomplete erasure before a number
   * is taken, takes the number, renders, then records it (row, template link, PDF) in one
   * transaction.
   */
  async function issue(request: RenderRequest, author: Author | null, { template, data, workshop }: Prepared, recorded?: Recorded): Promise<GeneratedDocument> {
    const documentId = requireRecord(request);
    const issuedAt = new Date();
    const prefix = KINDS[request.kind].prefix;
    const year = issuedAt.getUTCFullYear();
    if ((request.kind === 'erasure-certificate' || request.kind === 'donation-erasure-certificate') && data.erasureComplete !== true) {
      throw new errors.ValidationError(MESSAGES.erasureIncomplete((data.notReleased as Array<{ labelCode: unknown; reason: string | null }> | undefined) ?? []));
    }
    // The template must render for this record before a number is spent on it.
    await html(request, template, PREVIEW_NUMBER, issuedAt, data, workshop);
    // The default workshop keeps the short form (ATT-2026-000001); another one its code (ATT-MO-2026-000001).
    const code = workshop.isDefault ? null : workshop.code;
    const number = formatDocumentNumber(prefix, year, await nextCounterValue(strapi, documentCounterScope(prefix, year, code)), code);
    const pdf = await getService(strapi, 'renderer').render(await html(request, template, number, issuedAt, data, workshop));
    const doc = await strapi.db.transaction(async ({ trx }) => {
      // Raw SQL: a transaction-scoped lock so two generations for one record get distinct versions.
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`documents:${KINDS[request.kind].targetUid}:${documentId}:${request.kind}`]);
      const row = await insertIssued(strapi, trx, {
        number,
        kind: request.kind,
        targetUid: KINDS[request.kind].targetUid,
        targetDocumentId: documentId,
        sha256: sha256(pdf),
        template,
        author,
        issuedAt,
        certified: { ...verifySummary(request.kind, data), issuer: { name: workshop.name, commune: workshop.commune } },
      });
      await getService(strapi, 'storage').put(row.id, pdf);
      if (recorded) await recorded(trx, row);
      return row;
    });
    // The template row is at hand: no query to populate it again.
    return { ...doc, template: { documentId: template.documentId, name: template.name } };
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
     * Issues a document: numbered, rendered, recorded with its hash and its PDF stored in the
     * private storage, in one transaction. An earlier document for the same record stays; this
     * one is its next version.
     */
    async generate(request: RenderRequest, author: Author | null): Promise<GeneratedDocument> {
      requireRecord(request);
      // The three reads are independent: run together, a document waits for the slowest, not for
      // their sum. The workshop is read once: both renderings of the template print the same identity.
      const [template, data, workshop] = await together<[TemplateRow, Record<string, unknown>, IssuingWorkshop]>(
        [() => getService(strapi, 'templates').forKind(request.kind, request.templateId), () => dataFor(request), () => workshopFor(request)],
        !strapi.db.inTransaction()
      );
      return issue(request, author, { template, data, workshop });
    },

    /**
     * Issues one document of `kind` for each of these records (a donation's certificates), each
     * exactly as `generate` would: checked, numbered, rendered, hashed, stored, recorded. What
     * every document shares (the template; the workshop, once per workshop) is read once, and the records' data is read
     * `chunk` records at a time in a few set-based queries, when the first of them is issued (not
     * ahead: a certificate states the erasure status as read just before it is issued). A record
     * missing from its chunk's read goes the single way, with a single issuance's error.
     */
    issuer(kind: TemplateKind, documentIds: string[], author: Author | null, chunk = 8): { generate(documentId: string, recorded?: Recorded): Promise<GeneratedDocument> } {
      const shared = once(() => getService(strapi, 'templates').forKind(kind));
      // Each record's workshop names its document; a workshop's identity is read once for the set.
      const identities = new Map<number | null, Promise<IssuingWorkshop>>();
      const workshopOf = async (documentId: string): Promise<IssuingWorkshop> => {
        const id = await workshopOfRecord(strapi, KINDS[kind].targetUid, documentId);
        if (!identities.has(id)) identities.set(id, getService(strapi, 'identity').forWorkshop(id).catch((error: unknown) => {
          identities.delete(id);
          throw error;
        }));
        return identities.get(id) as Promise<IssuingWorkshop>;
      };
      const position = new Map(documentIds.map((id, index) => [id, index]));
      const chunks = new Map<number, { data: Promise<Map<string, Record<string, unknown>> | null>; left: number }>();
      const dataOf = async (documentId: string): Promise<Record<string, unknown> | undefined> => {
        const index = position.get(documentId);
        if (index === undefined) return undefined;
        const key = Math.floor(index / chunk);
        let entry = chunks.get(key);
        if (!entry) {
          const ids = documentIds.slice(key * chunk, (key + 1) * chunk);
          entry = { data: Promise.resolve(getService(strapi, 'context').forRecords(kind, ids)).catch(() => null), left: ids.length };
          chunks.set(key, entry);
        }
        entry.left -= 1;
        if (entry.left === 0) chunks.delete(key);
        return (await entry.data)?.get(documentId);
      };
      return {
        generate: async (documentId, recorded) => {
          const [template, data] = await Promise.all([shared(), dataOf(documentId)]);
          const workshop = await workshopOf(documentId);
          const request: RenderRequest = { kind, documentId };
          return issue(request, author, { template, data: data ?? (await dataFor(request)), workshop }, recorded);
        },
      };
    },

    /** Documents issued for a record, newest first. */
    async forRecord(targetUid: string, targetDocumentId: string): Promise<GeneratedDocument[]> {
      return (await strapi.db.query(UID.generated).findMany({
        where: { targetUid, targetDocumentId },
        orderBy: [{ generatedAt: 'desc' }, { id: 'desc' }],
        populate: {
          template: { select: ['documentId', 'name'] },
          sendings: { select: ['documentId', 'recipients', 'status', 'error', 'sentByName', 'sentAt'], orderBy: { sentAt: 'desc' } },
        },
      })) as GeneratedDocument[];
    },

    async findOne(documentId: string): Promise<GeneratedDocument> {
      const doc = (await strapi.db.query(UID.generated).findOne({ where: { documentId } })) as GeneratedDocument | null;
      if (!doc) throw new errors.NotFoundError(MESSAGES.documentNotFound);
      return doc;
    },

    async findByNumber(number: string): Promise<GeneratedDocument | null> {
      return (await strapi.db.query(UID.generated).findOne({ where: { number } })) as GeneratedDocument | null;
    },

    /**
     * The stored PDF's bytes, for whoever the caller already checked may read it. A document
     * about a prescription names its household: the read is noted for the privacy log.
     */
    async fileContent(doc: Pick<GeneratedDocument, 'id' | 'number' | 'targetUid' | 'targetDocumentId' | 'fileErasedAt'>): Promise<Buffer> {
      const storage = getService(strapi, 'storage');
      const pdf = await storage.get(doc.id);
      if (!pdf) {
        if (doc.fileErasedAt) throw new errors.NotFoundError(MESSAGES.fileErased(doc.number));
        throw new errors.NotFoundError((await storage.pending(doc.id)) ? MESSAGES.fileNotMoved(doc.number) : MESSAGES.fileMissing(doc.number));
      }
      if (doc.targetUid === PRESCRIPTION) {
        const prescription = (await strapi.db.query(PRESCRIPTION).findOne({ where: { documentId: doc.targetDocumentId }, select: ['id'], populate: { household: { select: ['documentId'] } } })) as {
          household?: { documentId: string } | null;
        } | null;
        if (prescription?.household) noteHouseholdReads(strapi.requestContext.get(), [prescription.household.documentId], 'document');
      }
      return pdf;
    },

    /**
     * Erases the PDFs of the documents issued for these records (a household's anonymisation),
     * inside the caller's transaction; number, kind, date and SHA-256 stay, so verification
     * still answers. Returns how many PDFs went.
     */
    async eraseFiles(targetUid: string, targetDocumentIds: string[]): Promise<number> {
      if (targetDocumentIds.length === 0) return 0;
      const docs = (await strapi.db.query(UID.generated).findMany({ where: { targetUid, targetDocumentId: { $in: targetDocumentIds } }, select: ['id'] })) as Array<{ id: number }>;
      const ids = docs.map((d) => d.id);
      if (ids.length === 0) return 0;
      await strapi.db.query(UID.generated).updateMany({ where: { id: { $in: ids } }, data: { fileErasedAt: new Date() } });
      return getService(strapi, 'storage').erase(ids);
    },

    verifyUrl,
  };
};

import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Bilan, BilanParams } from '../../../shared/contracts';
import type { BilanHeading } from '../../../../../shared/server/document-sources';
import { documentsService } from '../../../../../shared/server/documents';
import { MESSAGES } from '../domain/messages';
import { territoryLabel } from '../domain/territories';
import { getService, REPORT_UID } from '../utils';

export interface Author {
  id: number | null;
  name: string;
}

interface ReportRow {
  id: number;
  documentId: string;
  title: string;
  periodFrom: string;
  periodTo: string;
  territory: string | null;
  authorName: string | null;
  createdAt: string;
  programme?: { documentId: string; name: string } | null;
}

const frDate = (iso: string) => iso.split('-').reverse().join('/');

/** Issued bilans: their parameters are stored, the PDF is issued by the documents plugin (kind `bilan`). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async issue(input: BilanParams, author: Author) {
    const documents = documentsService(strapi);
    if (!documents) throw new errors.ApplicationError(MESSAGES.documentsDisabled);
    // Checks the programme before anything is written.
    const { params, programme } = await getService(strapi, 'bilan').resolve(input);
    const title = [`Bilan du ${frDate(params.from)} au ${frDate(params.to)}`, territoryLabel(params.territory), programme?.name].filter(Boolean).join(' — ');
    const report = (await strapi.db.query(REPORT_UID).create({
      data: {
        title: title.slice(0, 200),
        periodFrom: params.from,
        periodTo: params.to,
        territory: params.territory,
        programme: programme ? (await strapi.db.query('api::funder-programme.funder-programme').findOne({ where: { documentId: programme.documentId }, select: ['id'] }))?.id : null,
        authorId: author.id,
        authorName: author.name,
      },
    })) as ReportRow;
    try {
      const document = await documents.generate({ kind: 'bilan', documentId: report.documentId }, author);
      return { report: { documentId: report.documentId, title: report.title }, document: { documentId: document.documentId, number: document.number } };
    } catch (error) {
      // No half-issued bilan: its parameters go with the failed document.
      await strapi.db.query(REPORT_UID).delete({ where: { id: report.id } });
      throw error;
    }
  },

  /** A stored report's heading and its bilan, recomputed from its stored parameters (what the documents plugin's `bilan` template reads). */
  async documentData(documentId: string): Promise<{ report: BilanHeading; bilan: Bilan }> {
    const report = (await strapi.db.query(REPORT_UID).findOne({ where: { documentId }, populate: { programme: { select: ['documentId', 'name'] } } })) as ReportRow | null;
    if (!report) throw new errors.NotFoundError(MESSAGES.reportNotFound);
    const territory = report.territory === 'brest' || report.territory === 'bmo' ? report.territory : null;
    const params: BilanParams = { from: report.periodFrom, to: report.periodTo, territory, programme: report.programme?.documentId ?? null };
    return {
      report: { title: report.title, authorName: report.authorName, periodFrom: report.periodFrom, periodTo: report.periodTo },
      bilan: await getService(strapi, 'bilan').compute(params),
    };
  },

  async list(limit = 20) {
    const reports = (await strapi.db.query(REPORT_UID).findMany({ orderBy: { id: 'desc' }, limit, populate: { programme: { select: ['documentId', 'name'] } } })) as ReportRow[];
    if (reports.length === 0) return [];
    const docs = (await strapi.db.query('plugin::documents.generated-document').findMany({
      where: { kind: 'bilan', targetDocumentId: { $in: reports.map((r) => r.documentId) } },
      select: ['documentId', 'number', 'targetDocumentId', 'generatedAt'],
    })) as Array<{ documentId: string; number: string; targetDocumentId: string }>;
    return reports.map((r) => ({
      documentId: r.documentId,
      title: r.title,
      authorName: r.authorName,
      createdAt: r.createdAt,
      document: docs.find((d) => d.targetDocumentId === r.documentId) ?? null,
    }));
  },
});

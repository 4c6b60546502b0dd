import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Bilan, BilanParams } from '../../../shared/contracts';
import type { BilanHeading } from '../../../../../shared/server/document-sources';
import { documentsService } from '../../../../../shared/server/documents';
import { MESSAGES } from '../domain/messages';
import { territoryLabel } from '../domain/territories';
import { getService, REPORT_UID } from '../utils';
import { ALL, describe, type ReportScope, type WorkshopScope } from '../scope';
import { scopeSql } from '../../../../../shared/server/workshops';
import { defaultWorkshopId } from '../../../../../shared/server/default-workshop';

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
  network?: boolean | null;
  workshops?: Array<{ id: number; documentId: string; name: string; code: string | null }>;
}

const frDate = (iso: string) => iso.split('-').reverse().join('/');

/** Issued bilans: their parameters are stored, the PDF is issued by the documents plugin (kind `bilan`). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** The link table of a report's workshops, from Strapi's metadata. */
  const linkTable = () =>
    (strapi.db.metadata.get(REPORT_UID as never) as unknown as { attributes: { workshops: { joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } } } } })
      .attributes.workshops.joinTable;

  /** What a stored bilan covers: the network, its workshops, or (issued before the network) the default workshop. */
  async function coveredBy(report: ReportRow): Promise<WorkshopScope> {
    if (report.network === true) return ALL;
    const ids = (report.workshops ?? []).map((w) => w.id);
    if (ids.length > 0) return { all: false, ids };
    const fallback = await defaultWorkshopId(strapi);
    return fallback == null ? ALL : { all: false, ids: [fallback] };
  }

  /** Ids of the latest reports a scoped account reads (raw SQL: « every workshop of the report is mine » has no Query Engine form). */
  async function readableIds(scope: WorkshopScope & { all: false }, limit: number): Promise<number[]> {
    const jt = linkTable();
    const [mine, ids] = scopeSql(`l.${jt.inverseJoinColumn.name}`, scope);
    const fallback = await defaultWorkshopId(strapi);
    const legacy = fallback != null && scope.ids.includes(fallback);
    const result = (await strapi.db.connection.raw(
      `SELECT r.id FROM sv_reporting_reports r
        WHERE r.network IS NOT TRUE
          AND NOT EXISTS (SELECT 1 FROM ${jt.name} l WHERE l.${jt.joinColumn.name} = r.id AND NOT (${mine}))
          AND (EXISTS (SELECT 1 FROM ${jt.name} l WHERE l.${jt.joinColumn.name} = r.id) OR (r.network IS NULL AND ${legacy ? 'TRUE' : 'FALSE'}))
        ORDER BY r.id DESC LIMIT ?`,
      [...ids, limit]
    )) as { rows: Array<{ id: number }> };
    return result.rows.map((r) => Number(r.id));
  }

  return {
  async issue(input: BilanParams, author: Author, scope: ReportScope = { scope: ALL, covered: { network: true, workshops: [] } }) {
    const documents = documentsService(strapi);
    if (!documents) throw new errors.ApplicationError(MESSAGES.documentsDisabled);
    // Checks the programme before anything is written.
    const { params, programme } = await getService(strapi, 'bilan').resolve(input, scope.scope);
    // The workshops it covers name it, unless it covers the network (« Réseau ») or the one workshop of the installation.
    const named = scope.covered.network ? 'Tout le réseau' : scope.covered.workshops.length > 0 && (await strapi.db.query('api::workshop.workshop').count({})) > 1 ? scope.covered.workshops.map((w) => w.name).join(', ') : null;
    const title = [`Bilan du ${frDate(params.from)} au ${frDate(params.to)}`, named, territoryLabel(params.territory), programme?.name].filter(Boolean).join(' — ');
    const report = (await strapi.db.query(REPORT_UID).create({
      data: {
        title: title.slice(0, 200),
        periodFrom: params.from,
        periodTo: params.to,
        territory: params.territory,
        programme: programme ? (await strapi.db.query('api::funder-programme.funder-programme').findOne({ where: { documentId: programme.documentId }, select: ['id'] }))?.id : null,
        authorId: author.id,
        authorName: author.name,
        network: scope.scope.all,
        workshops: scope.scope.all ? [] : scope.scope.ids,
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
    const report = (await strapi.db.query(REPORT_UID).findOne({
      where: { documentId },
      populate: { programme: { select: ['documentId', 'name'] }, workshops: { select: ['id'] } },
    })) as ReportRow | null;
    if (!report) throw new errors.NotFoundError(MESSAGES.reportNotFound);
    const territory = report.territory === 'brest' || report.territory === 'bmo' ? report.territory : null;
    const params: BilanParams = { from: report.periodFrom, to: report.periodTo, territory, programme: report.programme?.documentId ?? null };
    const scope = await coveredBy(report);
    return {
      report: { title: report.title, authorName: report.authorName, periodFrom: report.periodFrom, periodTo: report.periodTo },
      bilan: await getService(strapi, 'bilan').compute(params, scope, await describe(strapi, scope)),
    };
  },

  /** The latest saved bilans the scope may read: those whose every workshop is in it (the network's: « Réseau » and super-admins only). */
  async list(limit = 20, scope: WorkshopScope = ALL) {
    const where = scope.all ? {} : { id: { $in: await readableIds(scope, limit) } };
    const reports = (await strapi.db.query(REPORT_UID).findMany({
      where,
      orderBy: { id: 'desc' },
      limit,
      populate: { programme: { select: ['documentId', 'name'] }, workshops: { select: ['documentId', 'name', 'code'] } },
    })) as ReportRow[];
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
      network: r.network === true,
      workshops: (r.workshops ?? []).map((w) => ({ documentId: w.documentId, name: w.name, code: w.code })),
      document: docs.find((d) => d.targetDocumentId === r.documentId) ?? null,
    }));
  },
};
};

import type { Core } from '@strapi/strapi';
import { jsonColumn } from '../../../../../shared/server/json-column';
import { dayOf, now as clockNow } from '../../../../../shared/server/clock';
import { documentsService } from '../../../../../shared/server/documents';
import { VOLUNTEER_UID } from '../../../../../shared/skills';
import { PRESENCE_UID } from '../../../../../shared/presences';
import { errors } from '@strapi/utils';
import { ALL, scopeSql, scopeWhere, type WorkshopScope } from '../../../../../shared/server/workshops';
import type { PrivacyConfig } from '../config';
import { ANONYMISED_NAME, isExpired, lastContact, retentionEnd } from '../domain/retention';

export const HOUSEHOLD = 'api::household.household';
const PRESCRIPTION = 'api::prescription.prescription';
const LOG = 'plugin::privacy.access-log';
const GENERATED = 'plugin::documents.generated-document';

/** Who the log names: a staff member, a staff API token, a portal account, a visitor, or the app itself. */
export type ActorKind = 'staff' | 'api-token' | 'portal' | 'anonymous' | 'system';

export interface Actor {
  id: string | null;
  name: string;
  kind?: ActorKind;
}

/** `read`, `list`, `document`: data shown (a record, a list or picker, a PDF); the others: exports and erasure. */
export type LogAction = 'read' | 'list' | 'document' | 'export_json' | 'export_pdf' | 'anonymise';

interface FollowUp {
  date?: string | null;
  note?: string | null;
  author?: string | null;
}

interface PrescriptionRow {
  documentId: string;
  number?: string | null;
  pipelineStage?: string | null;
  receivedAt?: string | null;
  decidedAt?: string | null;
  handedOverAt?: string | null;
  reason?: string | null;
  needs?: Record<string, unknown> | null;
  followUps?: FollowUp[] | null;
  prescriber?: { name?: string | null } | null;
  machines?: Array<{ labelCode?: string | null; brand?: string | null; model?: string | null }> | null;
}

interface HouseholdRow {
  id: number;
  documentId: string;
  referenceName: string;
  commune: string;
  childrenInCollege?: number | null;
  phone?: string | null;
  consentDate?: string | null;
  anonymisedAt?: string | null;
  createdAt: string;
  prescriptions?: PrescriptionRow[];
}

const POPULATE = {
  prescriptions: {
    populate: { followUps: true, needs: true, prescriber: { fields: ['name'] }, machines: { fields: ['labelCode', 'brand', 'model'] } },
  },
} as const;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::privacy') as PrivacyConfig;
  // Reads for the plugin's own work go through the query engine, so the read log only records people.
  const load = async (documentId: string): Promise<HouseholdRow> => {
    const row = (await strapi.db.query(HOUSEHOLD).findOne({ where: { documentId }, populate: POPULATE })) as HouseholdRow | null;
    if (!row) throw new errors.NotFoundError('Foyer introuvable.');
    return row;
  };

  const api = {
    async log(action: LogAction, householdDocumentIds: string[], actor: Actor, details: Record<string, unknown> | null = null): Promise<void> {
      await strapi.db.query(LOG).create({
        data: { at: new Date(), action, householdDocumentIds, actorId: actor.id, actorName: actor.name.slice(0, 160), actorKind: actor.kind ?? (actor.id ? 'staff' : 'system'), details },
      });
    },

    async summary(documentId: string) {
      const h = await load(documentId);
      const last = lastContact({ createdAt: h.createdAt, prescriptions: h.prescriptions ?? [] });
      const reads = (await strapi.db.connection.raw(
        `SELECT count(*)::int AS n FROM sv_privacy_access_log WHERE household_document_ids @> ?::jsonb`,
        [JSON.stringify([documentId])]
      )) as { rows: Array<{ n: number }> };
      return {
        documentId,
        anonymisedAt: h.anonymisedAt ?? null,
        lastContact: last.toISOString(),
        retentionMonths: config().retentionMonths,
        anonymiseOn: retentionEnd(last, config().retentionMonths).toISOString(),
        accessCount: reads.rows[0].n,
      };
    },

    async accessLog(documentId: string) {
      await load(documentId);
      const { rows } = (await strapi.db.connection.raw(
        `SELECT at, action, actor_name AS "actorName", actor_kind AS "actorKind", details FROM sv_privacy_access_log
          WHERE household_document_ids @> ?::jsonb ORDER BY at DESC, id DESC LIMIT 500`,
        [JSON.stringify([documentId])]
      )) as { rows: Array<{ at: string; action: LogAction; actorName: string; actorKind: ActorKind | null; details: unknown }> };
      return rows.map((row) => ({ ...row, details: jsonColumn(row.details) }));
    },

    /** Everything held on one household (GDPR right of access), as plain data. */
    async exportData(documentId: string) {
      const h = await load(documentId);
      const prescriptions = h.prescriptions ?? [];
      const documents = prescriptions.length
        ? ((await strapi.db.query(GENERATED).findMany({
            where: { targetUid: PRESCRIPTION, targetDocumentId: { $in: prescriptions.map((p) => p.documentId) } },
            select: ['number', 'kind', 'generatedAt', 'targetDocumentId'],
            orderBy: { generatedAt: 'asc' },
          })) as Array<{ number: string; kind: string; generatedAt: string; targetDocumentId: string }>)
        : [];
      const summary = await api.summary(documentId);
      return {
        exportedAt: new Date().toISOString(),
        household: {
          referenceName: h.referenceName,
          commune: h.commune,
          childrenInCollege: h.childrenInCollege ?? null,
          phone: h.phone ?? null,
          consentDate: h.consentDate ?? null,
          createdAt: h.createdAt,
          anonymisedAt: h.anonymisedAt ?? null,
        },
        retention: { lastContact: summary.lastContact, anonymiseOn: summary.anonymiseOn, retentionMonths: summary.retentionMonths },
        prescriptions: prescriptions.map((p) => ({
          number: p.number ?? null,
          prescriber: p.prescriber?.name ?? null,
          stage: p.pipelineStage ?? null,
          receivedAt: p.receivedAt ?? null,
          decidedAt: p.decidedAt ?? null,
          handedOverAt: p.handedOverAt ?? null,
          reason: p.reason ?? null,
          needs: p.needs ? Object.fromEntries(Object.entries(p.needs).filter(([k]) => k !== 'id')) : null,
          followUps: (p.followUps ?? []).map((f) => ({ date: f.date ?? null, note: f.note ?? null, author: f.author ?? null })),
          machines: (p.machines ?? []).map((m) => ({ labelCode: m.labelCode ?? null, brand: m.brand ?? null, model: m.model ?? null })),
          documents: documents.filter((d) => d.targetDocumentId === p.documentId).map((d) => ({ number: d.number, kind: d.kind, generatedAt: d.generatedAt })),
        })),
        accessLog: await api.accessLog(documentId),
      };
    },

    /**
     * Anonymises a household for good: its name, phone and consent date go, its prescriptions
     * lose their free text (reason, follow-up notes) and the files of documents issued for them
     * (a receipt names the household); dates, commune, needs, stages and document numbers stay,
     * so counts and verification survive. One transaction; files are removed after it commits.
     */
    async anonymise(documentId: string, actor: Actor, reason: string): Promise<{ alreadyAnonymised: boolean; prescriptions: number; filesRemoved: number }> {
      return strapi.db.transaction(async () => {
        const h = await load(documentId);
        if (h.anonymisedAt) return { alreadyAnonymised: true, prescriptions: 0, filesRemoved: 0 };
        const prescriptions = h.prescriptions ?? [];
        await strapi.db.query(HOUSEHOLD).update({
          where: { id: h.id },
          data: { referenceName: ANONYMISED_NAME, phone: null, consentDate: null, anonymisedAt: new Date() },
        });
        for (const p of prescriptions) {
          await strapi.documents(PRESCRIPTION).update({
            documentId: p.documentId,
            data: {
              reason: null,
              followUps: (p.followUps ?? []).map((f) => ({ date: f.date, note: '[anonymisé]', author: null })),
            } as never,
          });
        }
        // The PDFs issued for its prescriptions (form, receipt) name the household: erased in the same transaction.
        const documents = documentsService(strapi);
        const filesRemoved = documents ? await documents.eraseFiles(PRESCRIPTION, prescriptions.map((p) => p.documentId)) : 0;
        await api.log('anonymise', [documentId], actor, { reason, prescriptions: prescriptions.length, filesRemoved });
        return { alreadyAnonymised: false, prescriptions: prescriptions.length, filesRemoved };
      });
    },

    /**
     * The daily job: anonymises every household whose retention period has run out. Run by hand
     * (« /retention/run ») by a member of some workshops, it reaches their workshops' households,
     * volunteers and candidates only; the daily job and a super-admin reach every workshop.
     */
    async runRetention(now = clockNow(), scope: WorkshopScope = ALL): Promise<{ anonymised: string[]; volunteersPurged: string[]; candidatesErased: string[] }> {
      const months = config().retentionMonths;
      const households = (await strapi.db.query(HOUSEHOLD).findMany({
        where: { anonymisedAt: { $null: true }, ...scopeWhere(HOUSEHOLD, scope) },
        select: ['documentId', 'createdAt'],
        populate: { prescriptions: { select: ['receivedAt', 'decidedAt', 'handedOverAt'], populate: { followUps: { select: ['date'] } } } },
      })) as Array<{ documentId: string; createdAt: string; prescriptions?: PrescriptionRow[] }>;
      const expired = households.filter((h) => isExpired({ createdAt: h.createdAt, prescriptions: h.prescriptions ?? [] }, months, now));
      const system: Actor = { id: null, name: 'Seconde Vie (conservation échue)', kind: 'system' };
      const anonymised: string[] = [];
      for (const h of expired) {
        try {
          const r = await api.anonymise(h.documentId, system, `Durée de conservation échue (${months} mois après le dernier contact).`);
          if (!r.alreadyAnonymised) anonymised.push(h.documentId);
        } catch (error) {
          strapi.log.error(`[privacy] foyer ${h.documentId} non anonymisé : ${(error as Error).message}`);
        }
      }
      if (anonymised.length) strapi.log.info(`[privacy] ${anonymised.length} foyer(s) anonymisé(s) : conservation échue.`);
      const volunteersPurged = await api.purgeVolunteers(now, scope);
      const candidatesErased = await api.eraseCandidates(now, scope);
      return { anonymised, volunteersPurged, candidatesErased };
    },

    /**
     * A volunteer who left more than `volunteerRetentionMonths` ago loses their contact details,
     * availability, notes and PIN hash, and their presences their notes (docs/privacy.md). Their name,
     * dates, trainings, skill grants and presences' times stay: they say who was qualified for the
     * erasures the chain of custody records, and back the hours of past bilans.
     */
    async purgeVolunteers(now = clockNow(), scope: WorkshopScope = ALL): Promise<string[]> {
      // From the workshop's date (Europe/Paris), not the UTC one, which is yesterday before 1 or 2 a.m.
      const cutoff = new Date(`${dayOf(now)}T00:00:00Z`);
      cutoff.setUTCMonth(cutoff.getUTCMonth() - config().volunteerRetentionMonths);
      const held = [{ email: { $notNull: true } }, { phone: { $notNull: true } }, { availability: { $notNull: true } }, { notes: { $notNull: true } }, { pin: { $notNull: true } }];
      const departed = (await strapi.db.query(VOLUNTEER_UID).findMany({
        where: { endDate: { $lt: cutoff.toISOString().slice(0, 10) }, $or: held, ...scopeWhere(VOLUNTEER_UID, scope) },
        select: ['id', 'documentId'],
      })) as Array<{ id: number; documentId: string }>;
      // Their presences keep their times (the hours back past bilans and the accounts' valuation),
      // not the free notes a coordinator may have written on them.
      const [inScope, scopeBindings] = scopeSql('(SELECT vw.workshop_id FROM volunteers_workshop_lnk vw WHERE vw.volunteer_id = v.id LIMIT 1)', scope);
      await strapi.db.connection.raw(
        `UPDATE volunteer_presences p SET notes = NULL
           FROM volunteer_presences_volunteer_lnk l JOIN volunteers v ON v.id = l.volunteer_id
          WHERE l.volunteer_presence_id = p.id AND p.notes IS NOT NULL AND v.end_date < CAST(? AS date) AND ${inScope}`,
        [cutoff.toISOString().slice(0, 10), ...scopeBindings]
      );
      if (departed.length === 0) return [];
      await strapi.db.query(VOLUNTEER_UID).updateMany({ where: { id: { $in: departed.map((v) => v.id) } }, data: { email: null, phone: null, availability: null, notes: null, pin: null } });
      strapi.log.info(`[privacy] ${departed.length} bénévole(s) parti(s) : coordonnées effacées (conservation échue).`);
      return departed.map((v) => v.documentId);
    },

    /**
     * A candidate (the public « Devenir bénévole » form) who was never welcomed into the team is
     * deleted `candidateRetentionMonths` after their consent (docs/privacy.md): their record holds
     * only what they typed. One who has presences, attended a training or holds a grant is kept:
     * the hours back past bilans, and the coordination decides (the volunteers' deletion guard,
     * `src/document-service/skills.ts`, would refuse them anyway). One refused meanwhile is logged
     * and skipped, never stops the job.
     */
    async eraseCandidates(now = clockNow(), scope: WorkshopScope = ALL): Promise<string[]> {
      // The consent's date is a workshop day: counted from today in Brest (before 1 a.m. the UTC date is yesterday's).
      const cutoffDay = new Date(`${dayOf(now)}T00:00:00Z`);
      cutoffDay.setUTCMonth(cutoffDay.getUTCMonth() - config().candidateRetentionMonths);
      const cutoff = new Date(now.getTime());
      cutoff.setUTCMonth(cutoff.getUTCMonth() - config().candidateRetentionMonths);
      const candidates = (await strapi.db.query(VOLUNTEER_UID).findMany({
        where: {
          membership: 'candidate',
          $or: [{ consentDate: { $lt: cutoffDay.toISOString().slice(0, 10) } }, { consentDate: { $null: true }, createdAt: { $lt: cutoff.toISOString() } }],
          ...scopeWhere(VOLUNTEER_UID, scope),
        },
        select: ['id', 'documentId'],
        populate: { skillGrants: { select: ['id'] }, trainings: { select: ['id'] } },
      })) as Array<{ id: number; documentId: string; skillGrants?: unknown[]; trainings?: unknown[] }>;
      const erased: string[] = [];
      for (const candidate of candidates.filter((v) => !v.skillGrants?.length && !v.trainings?.length)) {
        const presences = await strapi.db.query(PRESENCE_UID as 'api::volunteer-presence.volunteer-presence').count({ where: { volunteer: { id: candidate.id } } });
        if (presences > 0) continue;
        try {
          await strapi.documents(VOLUNTEER_UID as 'api::volunteer.volunteer').delete({ documentId: candidate.documentId });
          erased.push(candidate.documentId);
        } catch (error) {
          strapi.log.warn(`[privacy] candidature ${candidate.documentId} gardée : ${(error as Error).message}`);
        }
      }
      if (erased.length) strapi.log.info(`[privacy] ${erased.length} candidature(s) bénévole sans suite effacée(s) (conservation échue).`);
      return erased;
    },
  };
  return api;
};

import type { Core } from '@strapi/strapi';
import { errors, yup } from '@strapi/utils';
import { MESSAGES } from '../messages';
import { noteHouseholdReads } from '../../../../../shared/household-reads';
import { documentsService, type DocumentsService } from '../../../../../shared/server/documents';
import { pipelineWorkflows } from '../../../../../shared/server/workflows';
import { today } from '../../../../../shared/server/clock';
import { MACHINE_STAGE, REQUESTED_COMPUTER_TYPES } from '../../../../../shared/vocabulary';
import { DONATION, HOUSEHOLD, MACHINE, ownerFilter, PRESCRIPTION, type PortalActor as Actor } from '../domain/scope';
import type { AuthState } from './access';
import { getService } from '../utils';

const USER = 'plugin::users-permissions.user';

/** The documents a donor receives, and what the portal calls them. */
export const DONOR_KINDS: Record<string, string> = {
  'erasure-certificate': "Certificat d'effacement",
  'donation-erasure-certificate': "Certificat d'effacement du lot",
  'traceability-report': 'Rapport de traçabilité',
};

/** A portal account and its structure (services/access.ts). */
export type PortalActor = Actor & { structureDocumentId: string };

export const filingSchema = yup
  .object({
    household: yup
      .object({
        referenceName: yup.string().trim().required('Nom de référence du foyer : obligatoire (ex. « Foyer M. »).').max(80, 'Nom de référence : 80 caractères au plus.'),
        commune: yup.string().trim().required('Commune : obligatoire.').max(120, 'Commune : 120 caractères au plus.'),
        childrenInCollege: yup.number().integer('Enfants au collège : un nombre entier.').min(0, 'Enfants au collège : 0 ou plus.').max(20, 'Enfants au collège : 20 au plus.').nullable(),
        phone: yup.string().trim().nullable().matches(/^[0-9 +().-]{6,20}$/, { message: 'Téléphone : 6 à 20 chiffres, espaces, +, (, ), . ou -.', excludeEmptyString: true }),
        consent: yup.boolean().oneOf([true], 'Le consentement du foyer au traitement de ses données est nécessaire.').required('Le consentement du foyer au traitement de ses données est nécessaire.'),
      })
      .noUnknown(true, 'Champ inconnu : ${unknown}.')
      .required(),
    needs: yup
      .object({
        deviceType: yup.string().oneOf([...REQUESTED_COMPUTER_TYPES], "Type d'ordinateur : fixe ou portable.").required("Type d'ordinateur : obligatoire."),
        screen: yup.boolean().default(false),
        webcam: yup.boolean().default(false),
        microphone: yup.boolean().default(false),
        keyboardMouse: yup.boolean().default(false),
      })
      .noUnknown(true, 'Champ inconnu : ${unknown}.')
      .required(),
    reason: yup.string().trim().max(2000, 'Motif : 2 000 caractères au plus.').nullable(),
  })
  .noUnknown(true, 'Champ inconnu : ${unknown}.');

export const followUpSchema = yup
  .object({ note: yup.string().trim().required('La note est vide.').max(2000, 'Note : 2 000 caractères au plus.') })
  .noUnknown(true, 'Champ inconnu : ${unknown}.');

export async function validate<S extends yup.AnySchema>(schema: S, body: unknown): Promise<yup.InferType<S>> {
  try {
    return await schema.validate(body ?? {}, { abortEarly: false, stripUnknown: false });
  } catch (error) {
    const e = error as { errors?: string[]; inner?: Array<{ path?: string; message: string }> };
    const details = (e.inner ?? []).map((i) => ({ path: (i.path ?? '').split('.').filter(Boolean), message: i.message, name: 'ValidationError', value: null }));
    throw new errors.ValidationError((e.errors ?? ['Données invalides.']).join(' '), { errors: details });
  }
}

/**
 * What the portal pages read and write, always for the signed-in account's own structure: every
 * query below carries the structure in its `where`, and a record of another structure is a 404.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const stageLabels = async (workflow: 'machines' | 'prescriptions'): Promise<Record<string, string>> => {
    const workflows = pipelineWorkflows(strapi);
    if (!workflows) return {};
    const wf = await workflows.get(workflow);
    return Object.fromEntries(wf.stages.map((s) => [s.key, s.label]));
  };

  const documents = (): DocumentsService => {
    const service = documentsService(strapi);
    if (!service) throw new errors.NotFoundError('Les documents ne sont pas disponibles.');
    return service;
  };

  const api = {
    /** The account behind the request, or a 403: only portal accounts with their structure get here. */
    async actor(auth: AuthState | undefined, kind?: PortalActor['kind']): Promise<PortalActor> {
      const requester = await getService(strapi, 'access').requester(auth);
      if (requester.type !== 'portal' || (kind && requester.actor.kind !== kind)) throw new errors.ForbiddenError(MESSAGES.forbidden);
      return requester.actor;
    },

    async me(actor: PortalActor) {
      const user = (await strapi.db.query(USER).findOne({ where: { id: actor.userId }, select: ['email'] })) as { email: string };
      if (actor.kind === 'prescriber') {
        const structure = await strapi.db.query('api::prescriber.prescriber').findOne({ where: { id: actor.structureId }, select: ['name', 'commune'] });
        const m = await getService(strapi, 'filing').membership(actor.structureId);
        return {
          kind: actor.kind,
          email: user.email,
          structure: { name: structure?.name ?? '', commune: structure?.commune ?? null },
          canFile: m.valid,
          conventionEndsOn: m.endDate,
          cannotFileReason: m.valid ? null : MESSAGES.conventionInactive,
          stages: await stageLabels('prescriptions'),
        };
      }
      const structure = await strapi.db.query('api::donor.donor').findOne({ where: { id: actor.structureId }, select: ['name'] });
      return { kind: actor.kind, email: user.email, structure: { name: structure?.name ?? '', commune: null }, stages: await stageLabels('machines') };
    },

    async prescriptions(actor: PortalActor) {
      const rows = (await strapi.db.query(PRESCRIPTION).findMany({
        where: { prescriber: { id: actor.structureId } },
        select: ['documentId', 'number', 'pipelineStage', 'receivedAt', 'decidedAt', 'handedOverAt', 'reason'],
        // The REST API's rule: a household referred first by another structure stays hidden.
        populate: { household: { select: ['documentId', 'referenceName', 'commune'], where: ownerFilter(actor, HOUSEHOLD) ?? { id: null } }, needs: true, followUps: true },
        orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
        limit: 500,
      })) as Array<Record<string, unknown> & { documentId: string; followUps?: Array<{ date: string; note: string; author: string | null }>; needs?: Record<string, unknown> | null }>;
      const receipts = rows.length
        ? ((await strapi.db.query('plugin::documents.generated-document').findMany({
            where: { kind: 'handover-receipt', targetUid: PRESCRIPTION, targetDocumentId: { $in: rows.map((r) => r.documentId) } },
            select: ['targetDocumentId'],
          })) as Array<{ targetDocumentId: string }>)
        : [];
      const withReceipt = new Set(receipts.map((r) => r.targetDocumentId));
      const labels = await stageLabels('prescriptions');
      const households = rows.map((r) => r.household as { documentId?: string; referenceName?: string; commune?: string } | null | undefined);
      // The list names each household: a read, for the privacy log.
      noteHouseholdReads(strapi.requestContext.get(), households.map((h) => h?.documentId ?? ''), 'list');
      return rows.map((r, i) => ({
        documentId: r.documentId,
        number: r.number,
        stage: r.pipelineStage,
        stageLabel: labels[String(r.pipelineStage)] ?? r.pipelineStage,
        receivedAt: r.receivedAt,
        decidedAt: r.decidedAt,
        handedOverAt: r.handedOverAt,
        reason: r.reason,
        household: households[i] ? { referenceName: households[i]?.referenceName, commune: households[i]?.commune } : null,
        needs: r.needs ? { deviceType: r.needs.deviceType, screen: r.needs.screen, webcam: r.needs.webcam, microphone: r.needs.microphone, keyboardMouse: r.needs.keyboardMouse } : null,
        followUps: (r.followUps ?? []).map((f) => ({ date: f.date, note: f.note, author: f.author })),
        hasReceipt: withReceipt.has(r.documentId),
      }));
    },

    /** A household and its prescription, through the portal's one filing path (services/filing.ts). */
    async file(actor: PortalActor, input: yup.InferType<typeof filingSchema>) {
      const h = input.household;
      return getService(strapi, 'filing').file(
        actor,
        { needs: input.needs, reason: input.reason || null },
        { referenceName: h.referenceName, commune: h.commune, childrenInCollege: h.childrenInCollege ?? null, phone: h.phone || null },
      );
    },

    async ownPrescription(actor: PortalActor, documentId: string) {
      const row = await strapi.db.query(PRESCRIPTION).findOne({ where: { documentId, ...ownerFilter(actor, PRESCRIPTION) }, populate: { followUps: true } });
      if (!row) throw new errors.NotFoundError('Prescription introuvable.');
      return row as { documentId: string; number: string; followUps?: Array<{ date: string; note: string; author: string | null }> };
    },

    /**
     * The structure's prescription whose household is also the structure's: the form and the
     * receipt name the household, which another structure may have referred first.
     */
    async ownPrescriptionWithHousehold(actor: PortalActor, documentId: string) {
      const prescription = await api.ownPrescription(actor, documentId);
      const row = (await strapi.db.query(PRESCRIPTION).findOne({ where: { documentId }, select: ['id'], populate: { household: { select: ['id'] } } })) as {
        household?: { id: number } | null;
      } | null;
      const household = row?.household;
      const owned = household ? await strapi.db.query(HOUSEHOLD).count({ where: { id: household.id, ...ownerFilter(actor, HOUSEHOLD) } }) : 1;
      if (owned === 0) throw new errors.NotFoundError(MESSAGES.foreignHousehold);
      return prescription;
    },

    async addFollowUp(actor: PortalActor, documentId: string, note: string) {
      return strapi.db.transaction(async () => {
        const p = await api.ownPrescription(actor, documentId);
        const user = (await strapi.db.query(USER).findOne({ where: { id: actor.userId }, select: ['email'] })) as { email: string };
        const followUps = [...(p.followUps ?? []).map((f) => ({ date: f.date, note: f.note, author: f.author })), { date: today(), note, author: user.email.slice(0, 120) }];
        await strapi.documents(PRESCRIPTION).update({ documentId, data: { followUps } as never });
        return followUps;
      });
    },

    async formPdf(actor: PortalActor, documentId: string | null): Promise<Buffer> {
      if (documentId) await api.ownPrescriptionWithHousehold(actor, documentId);
      return documents().previewPdf({ kind: 'prescription-form', ...(documentId ? { documentId } : {}) });
    },

    async receiptPdf(actor: PortalActor, documentId: string): Promise<{ number: string; pdf: Buffer }> {
      await api.ownPrescriptionWithHousehold(actor, documentId);
      const docs = await documents().forRecord(PRESCRIPTION, documentId);
      const receipt = docs.filter((d) => d.kind === 'handover-receipt').sort((a, b) => b.version - a.version)[0];
      if (!receipt) throw new errors.NotFoundError("Aucun récépissé de remise n'a encore été émis pour cette prescription.");
      return { number: receipt.number, pdf: await documents().fileContent(receipt) };
    },

    async donations(actor: PortalActor) {
      const donations = (await strapi.db.query(DONATION).findMany({
        where: { donor: { id: actor.structureId } },
        select: ['documentId', 'reference', 'announcedCount', 'collectedAt'],
        orderBy: [{ collectedAt: 'desc' }, { id: 'desc' }],
      })) as Array<{ documentId: string; reference: string; announcedCount: number | null; collectedAt: string | null }>;
      const labels = await stageLabels('machines');
      const machines = donations.length
        ? ((await strapi.db.query(MACHINE).findMany({
            where: { donation: { documentId: { $in: donations.map((d) => d.documentId) } }, donor: { id: actor.structureId } },
            select: ['documentId', 'labelCode', 'serialNumber', 'type', 'brand', 'model', 'pipelineStage'],
            populate: { donation: { select: ['documentId'] }, prescription: { select: ['handedOverAt'], populate: { household: { select: ['commune'] } } } },
            orderBy: { labelCode: 'asc' },
          })) as Array<Record<string, unknown> & { donation?: { documentId: string }; prescription?: { handedOverAt?: string | null; household?: { commune?: string } | null } | null }>)
        : [];
      return donations.map((d) => ({
        ...d,
        machines: machines
          .filter((m) => m.donation?.documentId === d.documentId)
          .map((m) => ({
            documentId: m.documentId,
            labelCode: m.labelCode,
            serialNumber: m.serialNumber,
            type: m.type,
            brand: m.brand,
            model: m.model,
            stage: m.pipelineStage,
            stageLabel: labels[String(m.pipelineStage)] ?? m.pipelineStage,
            // Where a unit went: the commune only, never the household.
            handoverCommune: m.pipelineStage === MACHINE_STAGE.handedOver && m.prescription?.handedOverAt ? m.prescription.household?.commune ?? null : null,
          })),
      }));
    },

    /** The certificates and reports issued for the donor's donations and units. */
    async donorDocuments(actor: PortalActor) {
      const donations = (await strapi.db.query(DONATION).findMany({ where: { donor: { id: actor.structureId } }, select: ['documentId', 'reference'] })) as Array<{ documentId: string; reference: string }>;
      const machines = (await strapi.db.query(MACHINE).findMany({ where: { donor: { id: actor.structureId } }, select: ['documentId', 'labelCode'] })) as Array<{ documentId: string; labelCode: string }>;
      const names = new Map<string, string>([...donations.map((d) => [d.documentId, d.reference] as [string, string]), ...machines.map((m) => [m.documentId, m.labelCode] as [string, string])]);
      if (names.size === 0) return [];
      const docs = (await strapi.db.query('plugin::documents.generated-document').findMany({
        where: {
          kind: { $in: Object.keys(DONOR_KINDS) },
          $or: [
            { targetUid: DONATION, targetDocumentId: { $in: donations.map((d) => d.documentId) } },
            { targetUid: MACHINE, targetDocumentId: { $in: machines.map((m) => m.documentId) } },
          ],
        },
        select: ['documentId', 'number', 'kind', 'version', 'generatedAt', 'targetDocumentId'],
        orderBy: [{ generatedAt: 'desc' }, { id: 'desc' }],
        limit: 2000,
      })) as Array<{ documentId: string; number: string; kind: string; version: number; generatedAt: string; targetDocumentId: string }>;
      return docs.map((d) => ({ documentId: d.documentId, number: d.number, kind: d.kind, label: DONOR_KINDS[d.kind], version: d.version, generatedAt: d.generatedAt, about: names.get(d.targetDocumentId) ?? null }));
    },

    async donorDocumentFile(actor: PortalActor, documentId: string): Promise<{ number: string; pdf: Buffer }> {
      const mine = await api.donorDocuments(actor);
      const found = mine.find((d) => d.documentId === documentId);
      if (!found) throw new errors.NotFoundError('Document introuvable.');
      const doc = await documents().findOne(documentId);
      return { number: found.number, pdf: await documents().fileContent(doc) };
    },
  };
  return api;
};

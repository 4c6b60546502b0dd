import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { actorFromContext, SYSTEM_ACTOR } from './actor';
import { registerActions } from './bootstrap';
import { initialStage, MACHINE_UID, PRESCRIPTION_UID } from './domain/workflow';
import { deviceIntegrityMiddleware } from './document-middlewares/device-integrity';
import { coordinatorAddressesOf } from '../../../../shared/server/coordinators';
import { getService } from './utils';
import { ownedFieldsMiddleware } from '../../../../shared/server/lifecycle';
import { adminLink } from '../../../../shared/server/public-url';
import { composeMail, sendMail } from '../../../../shared/mail';

/** Content types that carry a stage. The attribute is added here, as review-workflows adds its own. */
export const STAGED_TYPES = [MACHINE_UID, PRESCRIPTION_UID];
export const STAGE_ATTRIBUTE = 'pipelineStage';

interface DocumentContext {
  uid: string;
  action: string;
  params: { data?: Record<string, unknown>; documentId?: string };
}

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await registerActions(strapi);

  for (const uid of STAGED_TYPES) {
    const contentType = strapi.contentType(uid as 'api::machine.machine') as unknown as { attributes: Record<string, unknown> };
    contentType.attributes[STAGE_ATTRIBUTE] = { type: 'string', maxLength: 40, configurable: false, private: false };
  }

  // New records (and copies) start at their workflow's first stage, with a first event; only moves change a stage.
  const middleware = async (ctx: DocumentContext, next: () => Promise<unknown>) => {
    if (!STAGED_TYPES.includes(ctx.uid) || !['create', 'update', 'clone'].includes(ctx.action)) return next();
    ctx.params.data ??= {};
    const data = ctx.params.data;
    const workflow = await getService(strapi, 'workflows').forContentType(ctx.uid);
    if (!workflow) return next();
    const first = initialStage(workflow);
    const asked = data[STAGE_ATTRIBUTE];
    if (ctx.action === 'update') {
      if (asked !== undefined) {
        // The content manager sends the stage back unchanged with the form: only a change is refused.
        const row = (await strapi.db.query(ctx.uid as 'api::machine.machine').findOne({ where: { documentId: ctx.params.documentId }, select: [STAGE_ATTRIBUTE] })) as {
          pipelineStage: string | null;
        } | null;
        if (row && (row.pipelineStage ?? null) !== (asked ?? null)) refuseStage(ctx.uid, workflow.name);
      }
      delete data[STAGE_ATTRIBUTE];
      return next();
    }
    if (asked !== undefined && asked !== null && asked !== '' && asked !== first.key) refuseStage(ctx.uid, workflow.name, first.label);
    data[STAGE_ATTRIBUTE] = first.key;
    return strapi.db.transaction(async ({ onCommit }) => {
      const created = (await next()) as { documentId?: string } | null;
      if (created?.documentId) {
        const request = strapi.requestContext.get();
        await getService(strapi, 'history').append(
          { subjectType: ctx.uid, subjectId: created.documentId, kind: 'created', toStage: first.key, ...(ctx.action === 'clone' ? { details: { copyOf: ctx.params.documentId ?? null } } : {}) },
          request ? actorFromContext(request) : SYSTEM_ACTOR
        );
        const documentId = created.documentId;
        // A person filing one (admin, portal, API), not the seed loading the past.
        if (ctx.uid === PRESCRIPTION_UID && request) onCommit(() => void notifyNewPrescription(strapi, documentId));
      }
      return created;
    });
  };
  strapi.documents.use(middleware as unknown as Parameters<typeof strapi.documents.use>[0]);

  // The reservation link is made and undone by the prescription's moves (reserve, cancel, hand over).
  strapi.documents.use(
    ownedFieldsMiddleware(strapi, [
      { uid: MACHINE_UID, field: 'prescription', kind: 'relation', message: RESERVATION_MESSAGE },
      { uid: PRESCRIPTION_UID, field: 'machines', kind: 'relation', message: RESERVATION_MESSAGE },
    ]) as unknown as Parameters<typeof strapi.documents.use>[0]
  );

  // The history and the records it chains are written by the plugin's services only (through the
  // Query Engine): no Document Service caller (content manager, REST) writes or deletes them.
  const appendOnly = async (ctx: DocumentContext, next: () => Promise<unknown>) => {
    if (APPEND_ONLY.includes(ctx.uid) && !['findOne', 'findMany', 'findFirst', 'count'].includes(ctx.action)) {
      // A PolicyError keeps its French message through Strapi's authorize step (any other 403 becomes « Forbidden »).
      throw new errors.PolicyError("L'historique de la chaîne est en ajout seul : il ne se modifie ni ne se supprime.", { rule: 'APPEND_ONLY' });
    }
    return next();
  };
  strapi.documents.use(appendOnly as unknown as Parameters<typeof strapi.documents.use>[0]);

  // Storage devices: what may change once a unit has left Réception (document-middlewares/device-integrity.ts).
  strapi.documents.use(deviceIntegrityMiddleware(strapi) as unknown as Parameters<typeof strapi.documents.use>[0]);
};

const RESERVATION_MESSAGE =
  'Le lien entre une machine et une prescription se fait par la prescription (« Machine réservée », annulation, « Remise ») dans la chaîne, jamais à la main.';

/** A stage written through the content manager or the REST API: refused, in French, before anything is written. */
function refuseStage(uid: string, workflowName: string, firstLabel?: string): never {
  const what = uid === MACHINE_UID ? 'machine' : 'prescription';
  const message = firstLabel
    ? `pipelineStage : une ${what} commence à l'étape « ${firstLabel} » ; elle avance ensuite par la chaîne (${workflowName}), jamais à la main.`
    : `pipelineStage : l'étape d'une ${what} change par la chaîne (${workflowName} : poste de travail, tableau, prescription), jamais à la main.`;
  throw new errors.ValidationError(message, { errors: [{ path: [STAGE_ATTRIBUTE], message, name: 'ValidationError', value: null }] });
}

const APPEND_ONLY = ['plugin::pipeline.event', 'plugin::pipeline.erasure-record', 'plugin::pipeline.checklist-result'];

/** The coordinators of its workshop hear of every prescription that arrives (admin or portal), by its number only. */
async function notifyNewPrescription(strapi: Core.Strapi, documentId: string): Promise<void> {
  try {
    const p = await strapi.db.query(PRESCRIPTION_UID).findOne({
      where: { documentId },
      select: ['number'],
      populate: { prescriber: { select: ['name'] }, workshop: { select: ['id'] } },
    });
    const to = await coordinatorAddressesOf(strapi, (p?.workshop?.id as number | undefined) ?? null);
    if (to.length === 0) return;
    const link = adminLink(strapi, `/content-manager/collection-types/${PRESCRIPTION_UID}/${documentId}`);
    await sendMail(
      strapi,
      { to },
      composeMail({
        subject: `Nouvelle prescription ${p?.number ?? ''} — ${p?.prescriber?.name ?? 'prescripteur inconnu'}`,
        blocks: [`Une prescription vient d'arriver : ${p?.number ?? documentId}, de ${p?.prescriber?.name ?? 'un prescripteur'}.`, { label: "À étudier dans l'administration", link }],
      }),
    );
  } catch (error) {
    strapi.log.error(`[pipeline] e-mail « nouvelle prescription » non envoyé : ${(error as Error).message}`);
  }
}

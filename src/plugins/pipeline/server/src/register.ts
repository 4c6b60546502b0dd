import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { actorFromContext, SYSTEM_ACTOR } from './actor';
import { registerActions } from './bootstrap';
import { initialStage, MACHINE_UID, PRESCRIPTION_UID } from './domain/workflow';
import { deviceIntegrityMiddleware } from './document-middlewares/device-integrity';
import { coordinatorAddresses } from './services/actions';
import { getService } from './utils';

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

  // New records start at their workflow's first stage, with a first event; only moves change a stage.
  // A clone is a new record too: it starts at the first stage, not at its original's.
  const middleware = async (ctx: DocumentContext, next: () => Promise<unknown>) => {
    if (!STAGED_TYPES.includes(ctx.uid) || !['create', 'update', 'clone'].includes(ctx.action)) return next();
    const data = ctx.params.data ?? {};
    delete data[STAGE_ATTRIBUTE];
    if (ctx.action === 'update') return next();
    const workflow = await getService(strapi, 'workflows').forContentType(ctx.uid);
    if (!workflow) return next();
    const first = initialStage(workflow);
    data[STAGE_ATTRIBUTE] = first.key;
    return strapi.db.transaction(async ({ onCommit }) => {
      const created = (await next()) as { documentId?: string } | null;
      if (created?.documentId) {
        const request = strapi.requestContext.get();
        await getService(strapi, 'history').append(
          { subjectType: ctx.uid, subjectId: created.documentId, kind: 'created', toStage: first.key },
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

  // The history and the records it chains are written by the plugin's services only (through the
  // Query Engine): no Document Service caller (content manager, REST) writes or deletes them.
  const appendOnly = async (ctx: DocumentContext, next: () => Promise<unknown>) => {
    if (APPEND_ONLY.includes(ctx.uid) && !['findOne', 'findMany', 'findFirst', 'count'].includes(ctx.action)) {
      throw new errors.ForbiddenError("L'historique de la chaîne est en ajout seul : il ne se modifie ni ne se supprime.");
    }
    return next();
  };
  strapi.documents.use(appendOnly as unknown as Parameters<typeof strapi.documents.use>[0]);

  // Storage devices: what may change once a unit has left Réception (document-middlewares/device-integrity.ts).
  strapi.documents.use(deviceIntegrityMiddleware(strapi) as unknown as Parameters<typeof strapi.documents.use>[0]);
};

const APPEND_ONLY = ['plugin::pipeline.event', 'plugin::pipeline.erasure-record', 'plugin::pipeline.checklist-result'];

/** Coordinators hear of every prescription that arrives (admin or portal), by its number only. */
async function notifyNewPrescription(strapi: Core.Strapi, documentId: string): Promise<void> {
  const to = coordinatorAddresses();
  if (to.length === 0) return;
  try {
    const p = await strapi.db.query(PRESCRIPTION_UID).findOne({ where: { documentId }, select: ['number'], populate: { prescriber: { select: ['name'] } } });
    const base = String(strapi.config.get('server.url', '') || '').replace(/\/$/, '');
    const link = `${base}/admin/content-manager/collection-types/${PRESCRIPTION_UID}/${documentId}`;
    await strapi.plugin('email').service('email').send({
      to,
      subject: `Nouvelle prescription ${p?.number ?? ''} — ${p?.prescriber?.name ?? 'prescripteur inconnu'}`,
      text: `Une prescription vient d'arriver : ${p?.number ?? documentId}, de ${p?.prescriber?.name ?? 'un prescripteur'}.\nÀ étudier dans l'administration : ${link}`,
    });
  } catch (error) {
    strapi.log.error(`[pipeline] e-mail « nouvelle prescription » non envoyé : ${(error as Error).message}`);
  }
}

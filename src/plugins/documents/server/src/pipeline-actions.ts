import type { Core } from '@strapi/strapi';
import { KINDS } from './domain/kinds';
import { isAddress, splitAddresses } from './domain/mail';
import { MESSAGES } from './domain/messages';
import type { Author, GeneratedDocument } from './services/documents';
import { getService } from './utils';
import { pipelineActions, type ActionContext } from '../../../../shared/server/pipeline-actions';

export const GENERATE_ACTION = 'generate-document';
export const SEND_ACTION = 'send-document';

const authorOf = (actor: ActionContext['actor']): Author => ({
  id: actor.type === 'admin' && actor.id ? Number(actor.id) : null,
  name: `${actor.name} (action automatique)`,
});

/**
 * "Générer un document" and "Envoyer un document par e-mail" in the pipeline's action registry,
 * when the pipeline plugin is there. They run after a move commits; a failure is logged by the
 * pipeline and never undoes the move.
 */
export function registerPipelineActions(strapi: Core.Strapi): boolean {
  const registry = pipelineActions(strapi);
  if (!registry) return false;

  async function generate(options: Record<string, unknown>, ctx: ActionContext): Promise<GeneratedDocument> {
    const key = String(options.template ?? '').trim();
    const template = await getService(strapi, 'templates').byKey(key);
    if (!template) throw new Error(MESSAGES.actionTemplateUnknown(key));
    if (KINDS[template.kind].targetUid !== ctx.uid) throw new Error(MESSAGES.actionTemplateWrongRecord(key));
    return getService(strapi, 'documents').generate({ kind: template.kind, documentId: ctx.documentId, templateId: template.documentId }, authorOf(ctx.actor));
  }

  if (!registry.has(GENERATE_ACTION)) {
    registry.register(GENERATE_ACTION, {
      label: 'Générer un document',
      options: { template: 'Modèle (clé, par exemple « handover-receipt »)' },
      async run(options, ctx) {
        const doc = await generate(options, ctx);
        strapi.log.info(`documents : ${doc.number} généré automatiquement (${ctx.from} → ${ctx.to}).`);
      },
    });
  }

  if (!registry.has(SEND_ACTION)) {
    registry.register(SEND_ACTION, {
      label: 'Envoyer un document par e-mail',
      options: {
        template: 'Modèle (clé, par exemple « prescription-form »)',
        recipient: 'Destinataire : « prescripteur », « donateur » ou des adresses séparées par des virgules',
      },
      async run(options, ctx) {
        const recipient = String(options.recipient ?? '').trim();
        let to: string[];
        if (recipient === 'prescripteur' || recipient === 'donateur') {
          to = (await getService(strapi, 'recipients').forRecord(ctx.uid, ctx.documentId))[recipient];
          if (to.length === 0) throw new Error(MESSAGES.noRecipientFor(recipient));
        } else {
          to = splitAddresses(recipient);
          const bad = to.find((a) => !isAddress(a));
          if (to.length === 0) throw new Error(MESSAGES.recipientsMissing);
          if (bad) throw new Error(MESSAGES.recipientInvalid(bad));
        }
        // The record is checked before anything is sent; a document is generated even if the mail then fails.
        const doc = await generate(options, ctx);
        await getService(strapi, 'mailer').send(doc.documentId, { to }, authorOf(ctx.actor));
      },
    });
  }
  return true;
}

import type { Core } from '@strapi/strapi';
import type { Actor } from '../actor';
import { MACHINE_UID, PRESCRIPTION_UID, type ActionDef } from '../domain/workflow';
import { sendMail, textMail } from '../../../../../shared/mail';
import { coordinatorAddressesOf } from '../../../../../shared/server/coordinators';
import type { ActionContext as SharedActionContext, ActionType as SharedActionType } from '../../../../../shared/server/pipeline-actions';

// The registry's contract, shared with the plugins that register actions: src/shared/server/pipeline-actions.ts.
export type ActionContext = SharedActionContext<Actor>;
export type ActionType = SharedActionType<Actor>;

/**
 * The registry of automatic actions staff attach to a transition. Other plugins add theirs
 * (e.g. documents' "generate a document") with `strapi.plugin('pipeline').service('actions').register(...)`
 * in their own register or bootstrap. Actions run after the move commits; a failing action is
 * logged and never undoes the move.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const registry = new Map<string, ActionType>();

  const api = {
    register(type: string, action: ActionType): void {
      if (registry.has(type)) throw new Error(`action « ${type} » déjà enregistrée`);
      registry.set(type, action);
    },

    list(): Array<{ type: string; label: string; options: Record<string, string> }> {
      return [...registry.entries()].map(([type, a]) => ({ type, label: a.label, options: a.options }));
    },

    has(type: string): boolean {
      return registry.has(type);
    },

    /** French problems with an action's options; an unknown type is reported by the caller. */
    problems(type: string, options: Record<string, unknown>): string[] {
      const action = registry.get(type);
      return action?.validate ? action.validate(options) : [];
    },

    async runAll(actions: ActionDef[], ctx: ActionContext): Promise<void> {
      for (const action of actions) {
        const type = registry.get(action.type);
        if (!type) {
          strapi.log.warn(`[pipeline] action inconnue « ${action.type} » ignorée`);
          continue;
        }
        try {
          await type.run(action.options ?? {}, ctx);
        } catch (error) {
          strapi.log.error(`[pipeline] l'action « ${action.type} » a échoué : ${(error as Error).message}`);
        }
      }
    },
  };

  api.register('send-email', {
    label: 'Envoyer un e-mail',
    options: {
      to: 'Destinataires : adresses, « prescripteur » ou « coordinateurs », séparés par des virgules',
      subject: 'Objet',
      text: 'Message ({{from}}, {{to}}, {{actor}}, {{reference}} sont remplacés)',
    },
    validate(options) {
      const problems: string[] = [];
      const { keywords, addresses, invalid } = parseRecipients(options.to);
      if (keywords.length + addresses.length === 0) problems.push('E-mail automatique : indiquez au moins un destinataire.');
      if (invalid.length) problems.push(`E-mail automatique : destinataire non reconnu « ${invalid.join(' », « ')} » (une adresse, « prescripteur » ou « coordinateurs »).`);
      if (!String(options.subject ?? '').trim()) problems.push("E-mail automatique : l'objet est obligatoire.");
      return problems;
    },
    async run(options, ctx) {
      const { keywords, addresses } = parseRecipients(options.to);
      const record = await describeRecord(strapi, ctx);
      const to = new Set(addresses);
      // The coordinators of the record's own workshop (a Morlaix unit's move is Morlaix's news).
      if (keywords.includes('coordinateurs')) for (const a of await coordinatorAddressesOf(strapi, record.workshopId)) to.add(a);
      if (keywords.includes('prescripteur')) {
        if (record.prescriberEmail) to.add(record.prescriberEmail);
        else strapi.log.warn(`[pipeline] e-mail automatique : aucun contact avec e-mail pour le prescripteur de ${record.reference}`);
      }
      if (to.size === 0) {
        strapi.log.warn(`[pipeline] e-mail automatique « ${String(options.subject ?? '')} » non envoyé : aucun destinataire pour ${record.reference}`);
        return;
      }
      const values: Record<string, string> = { from: ctx.from, to: ctx.to, documentId: ctx.documentId, actor: ctx.actor.name, reference: record.reference };
      const fill = (template: unknown) => String(template ?? '').replace(/\{\{\s*(from|to|documentId|actor|reference)\s*\}\}/g, (_, key: string) => values[key]);
      // Staff wrote the template; the values filled in are inert text in both parts.
      await sendMail(strapi, { to: [...to] }, textMail(fill(options.subject), fill(options.text)));
    },
  });

  return api;
};

const RECIPIENT_KEYWORDS = ['prescripteur', 'coordinateurs'] as const;
const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

/** Splits the `to` option: addresses, and the keywords that resolve per record when the action runs. */
export function parseRecipients(value: unknown): { keywords: string[]; addresses: string[]; invalid: string[] } {
  const parts = String(value ?? '').split(/[,;]/).map((s) => s.trim()).filter(Boolean);
  const keywords: string[] = [];
  const addresses: string[] = [];
  const invalid: string[] = [];
  for (const part of parts) {
    const lower = part.toLowerCase();
    if ((RECIPIENT_KEYWORDS as readonly string[]).includes(lower)) keywords.push(lower);
    else if (EMAIL.test(part)) addresses.push(part);
    else invalid.push(part);
  }
  return { keywords, addresses, invalid };
}

interface ContactRow {
  email?: string | null;
}

/**
 * The record's human reference, its workshop and its prescriber's address: a prescription's own
 * prescriber, or for a machine the prescriber of the prescription it is reserved for.
 */
async function describeRecord(
  strapi: Core.Strapi,
  ctx: ActionContext,
): Promise<{ reference: string; prescriberEmail: string | null; workshopId: number | null }> {
  const prescriberPopulate = { prescriber: { populate: { contacts: true } } };
  const firstEmail = (contacts: ContactRow[] | undefined) => (contacts ?? []).map((c) => c.email?.trim()).find((e): e is string => Boolean(e)) ?? null;
  if (ctx.uid === PRESCRIPTION_UID) {
    const p = await strapi.db.query(PRESCRIPTION_UID).findOne({ where: { documentId: ctx.documentId }, populate: { ...prescriberPopulate, workshop: { select: ['id'] } } });
    return {
      reference: p?.number ?? ctx.documentId,
      prescriberEmail: firstEmail(p?.prescriber?.contacts as ContactRow[] | undefined),
      workshopId: (p?.workshop?.id as number | undefined) ?? null,
    };
  }
  if (ctx.uid === MACHINE_UID) {
    const m = await strapi.db.query(MACHINE_UID).findOne({
      where: { documentId: ctx.documentId },
      populate: { prescription: { populate: prescriberPopulate }, workshop: { select: ['id'] } },
    });
    return {
      reference: m?.labelCode ?? ctx.documentId,
      prescriberEmail: firstEmail(m?.prescription?.prescriber?.contacts as ContactRow[] | undefined),
      workshopId: (m?.workshop?.id as number | undefined) ?? null,
    };
  }
  return { reference: ctx.documentId, prescriberEmail: null, workshopId: null };
}

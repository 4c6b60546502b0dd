import type { Core } from '@strapi/strapi';
import type { Actor } from '../actor';
import type { ActionDef } from '../domain/workflow';

export interface ActionContext {
  uid: string;
  documentId: string;
  from: string;
  to: string;
  actor: Actor;
}

export interface ActionType {
  /** French label shown in the settings page's picker. */
  label: string;
  /** Options the settings page asks for: name → French label. */
  options: Record<string, string>;
  run: (options: Record<string, unknown>, ctx: ActionContext) => Promise<void>;
}

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
    options: { to: 'Destinataires (adresses séparées par des virgules)', subject: 'Objet', text: 'Message' },
    async run(options, ctx) {
      const to = String(options.to ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (to.length === 0) return;
      const fill = (template: unknown) =>
        String(template ?? '').replace(/\{\{\s*(from|to|documentId|actor)\s*\}\}/g, (_, key: string) =>
          key === 'actor' ? ctx.actor.name : String(ctx[key as 'from' | 'to' | 'documentId'])
        );
      await strapi.plugin('email').service('email').send({ to, subject: fill(options.subject), text: fill(options.text) });
    },
  });

  return api;
};

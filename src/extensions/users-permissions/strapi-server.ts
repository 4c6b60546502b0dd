import type { Core } from '@strapi/strapi';
import { errors, validateYupSchema, yup } from '@strapi/utils';
import type { Context } from 'koa';
import { portalPasswords, type PortalPasswordsService } from '../../shared/server/portal-passwords';

/**
 * A portal account belongs to one structure: a prescriber (role « Prescripteur ») or a donor
 * (role « Donateur »). The links are private: the API never shows or filters on them, only the
 * server reads them (src/portal/actor.ts) to scope every query.
 *
 * « Mot de passe oublié » is the portal plugin's own (hashed, expiring, single-use code in the
 * link's fragment): the two routes keep their paths, and so their throttle, but not Strapi's code.
 */
interface UsersPermissionsPlugin {
  contentTypes: { user: { schema: { attributes: Record<string, unknown> } } };
  controllers: Record<string, unknown>;
}

type Controller = Record<string, (ctx: Context, next?: () => Promise<unknown>) => Promise<unknown>>;
type ControllerFactory = (deps: { strapi: Core.Strapi }) => Controller;

const text = (field: string, max: number) =>
  yup.string().typeError(`${field} : un texte est attendu.`).required(`${field} : obligatoire.`).max(max, `${field} : ${max} caractères au plus.`);
const forgotSchema = yup.object({ email: text('Adresse e-mail', 254) }).noUnknown(true, 'Champ inconnu : ${unknown}.');
const resetSchema = yup
  .object({ code: text('Code', 200), password: text('Mot de passe', 500), passwordConfirmation: text('Confirmation du mot de passe', 500) })
  .noUnknown(true, 'Champ inconnu : ${unknown}.');
const validateForgot = validateYupSchema(forgotSchema, { strict: true });
const validateReset = validateYupSchema(resetSchema, { strict: true });

export default (plugin: UsersPermissionsPlugin): UsersPermissionsPlugin => {
  const attributes = plugin.contentTypes.user.schema.attributes;
  attributes.prescriber = { type: 'relation', relation: 'manyToOne', target: 'api::prescriber.prescriber', private: true };
  attributes.donor = { type: 'relation', relation: 'manyToOne', target: 'api::donor.donor', private: true };

  const core = plugin.controllers.auth as ControllerFactory;
  plugin.controllers.auth = ({ strapi }: { strapi: Core.Strapi }): Controller => {
    const passwords = (): PortalPasswordsService => {
      const service = portalPasswords(strapi);
      if (!service) throw new errors.ApplicationError("Le portail n'est pas activé : mot de passe oublié indisponible.");
      return service;
    };
    return {
      ...core({ strapi }),
      /** The same answer whether an account has this address or not. */
      async forgotPassword(ctx: Context) {
        const body = (await validateForgot((ctx.request as unknown as { body?: unknown }).body ?? {})) as { email: string };
        await passwords().request(body.email);
        ctx.body = { ok: true };
      },
      async resetPassword(ctx: Context) {
        const body = (await validateReset((ctx.request as unknown as { body?: unknown }).body ?? {})) as { code: string; password: string; passwordConfirmation: string };
        await passwords().reset(body.code, body.password, body.passwordConfirmation);
        ctx.body = { ok: true };
      },
    };
  };
  return plugin;
};

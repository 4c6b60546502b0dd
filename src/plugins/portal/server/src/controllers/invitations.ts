import type { Core } from '@strapi/strapi';
import { validateYupSchema, yup } from '@strapi/utils';
import type { Context } from 'koa';
import { getService } from '../utils';

const text = (field: string, max: number) =>
  yup.string().typeError(`${field} : un texte est attendu.`).required(`${field} : obligatoire.`).max(max, `${field} : ${max} caractères au plus.`);
const acceptSchema = yup
  .object({ token: text('Jeton', 200), password: text('Mot de passe', 500) })
  .noUnknown(true, 'Champ inconnu : ${unknown}.');
const validateAccept = validateYupSchema(acceptSchema, { strict: true });

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /api/portal/invitations/accept: the invited person chooses a password, once. */
  async accept(ctx: Context) {
    const raw = (ctx.request as unknown as { body?: unknown }).body;
    // A JSON `null` would pass the schema as nothing at all: it is an empty body.
    const body = (await validateAccept(raw ?? {})) as { token: string; password: string };
    await getService(strapi, 'accounts').accept(body.token, body.password);
    ctx.body = { data: { ok: true } };
  },
});

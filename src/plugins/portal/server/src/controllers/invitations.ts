import type { Core } from '@strapi/strapi';
import { validateYupSchema, yup } from '@strapi/utils';
import type { Context } from 'koa';
import { getService } from '../utils';

const acceptSchema = yup
  .object({
    token: yup.string().required().max(200),
    password: yup.string().required().max(500),
  })
  .noUnknown();
const validateAccept = validateYupSchema(acceptSchema, { strict: true });

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /api/portal/invitations/accept: the invited person chooses a password, once. */
  async accept(ctx: Context) {
    const body = (await validateAccept((ctx.request as unknown as { body: unknown }).body)) as { token: string; password: string };
    await getService(strapi, 'accounts').accept(body.token, body.password);
    ctx.body = { data: { ok: true } };
  },
});

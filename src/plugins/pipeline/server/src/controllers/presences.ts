import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { actorFromContext } from '../actor';
import { getService } from '../utils';
import { withConflicts } from '../../../../../shared/server/errors';
import { presenceSchema, validate } from './validation';
import { requestScope } from '../scope';

/** The station's presence routes (docs/volunteers.md « Présences et heures »). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async current(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'presences').current(await requestScope(strapi, ctx)) };
  },

  async signIn(ctx: Context) {
    const { volunteer } = await validate(presenceSchema, ctx.request.body ?? {});
    await withConflicts(ctx, async () => {
      const data = await getService(strapi, 'presences').signIn(volunteer, actorFromContext(ctx).name, await requestScope(strapi, ctx));
      ctx.status = 201;
      return { data };
    });
  },

  async signOut(ctx: Context) {
    const { volunteer } = await validate(presenceSchema, ctx.request.body ?? {});
    const scope = await requestScope(strapi, ctx);
    await withConflicts(ctx, async () => ({ data: await getService(strapi, 'presences').signOut(volunteer, scope) }));
  },
});

import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { actorFromContext } from '../actor';
import { getService } from '../utils';
import { withConflicts } from '../../../../../shared/server/errors';
import { presenceSchema, validate } from './validation';

/** The station's presence routes (docs/volunteers.md « Présences et heures »). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async current(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'presences').current() };
  },

  async signIn(ctx: Context) {
    const { volunteer } = await validate(presenceSchema, ctx.request.body ?? {});
    await withConflicts(ctx, async () => {
      const data = await getService(strapi, 'presences').signIn(volunteer, actorFromContext(ctx).name);
      ctx.status = 201;
      return { data };
    });
  },

  async signOut(ctx: Context) {
    const { volunteer } = await validate(presenceSchema, ctx.request.body ?? {});
    await withConflicts(ctx, async () => ({ data: await getService(strapi, 'presences').signOut(volunteer) }));
  },
});

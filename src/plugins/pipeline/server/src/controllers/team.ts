import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { withConflicts } from '../../../../../shared/server/errors';
import { getService } from '../utils';
import { documentId as documentIdSchema, validate } from './validation';

/** The « Bénévoles » page: the team's board, « Accueillir » and « Départ » (docs/volunteers.md). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async board(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'team').board() };
  },

  async welcome(ctx: Context) {
    const id = await validate(documentIdSchema.required(), ctx.params.documentId);
    await withConflicts(ctx, async () => ({ data: await getService(strapi, 'team').welcome(id) }));
  },

  async depart(ctx: Context) {
    const id = await validate(documentIdSchema.required(), ctx.params.documentId);
    await withConflicts(ctx, async () => ({ data: await getService(strapi, 'team').depart(id) }));
  },
});

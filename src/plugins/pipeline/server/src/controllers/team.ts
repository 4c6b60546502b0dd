import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { withConflicts } from '../../../../../shared/server/errors';
import { getService } from '../utils';
import { documentId as documentIdSchema, validate } from './validation';
import { assertRecordInScope, requestScope } from '../scope';
import { VOLUNTEER_UID } from '../../../../../shared/skills';

const UNKNOWN = 'Cette fiche de bénévole n’existe pas (ou plus).';

/** The « Bénévoles » page: the team's board, « Accueillir » and « Départ » (docs/volunteers.md). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async board(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'team').board(await requestScope(strapi, ctx)) };
  },

  async welcome(ctx: Context) {
    const id = await validate(documentIdSchema.required(), ctx.params.documentId);
    await assertRecordInScope(strapi, ctx, VOLUNTEER_UID, id, UNKNOWN);
    await withConflicts(ctx, async () => ({ data: await getService(strapi, 'team').welcome(id) }));
  },

  async depart(ctx: Context) {
    const id = await validate(documentIdSchema.required(), ctx.params.documentId);
    await assertRecordInScope(strapi, ctx, VOLUNTEER_UID, id, UNKNOWN);
    await withConflicts(ctx, async () => ({ data: await getService(strapi, 'team').depart(id) }));
  },
});

import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { actorFromContext } from '../actor';
import { getService } from '../utils';
import { operatorSchema, validate } from './validation';
import { requestScope } from '../scope';

/**
 * The volunteer at the bench on this admin account (docs/volunteers.md, « Qui est au poste »):
 * GET reads it (and the names the PIN dialog offers), POST identifies by badge or PIN, DELETE
 * hands the bench over.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async operator(ctx: Context) {
    const actor = actorFromContext(ctx);
    ctx.body = { data: { operator: actor.operator ?? null, account: actor.name, volunteers: await getService(strapi, 'operators').withPin(await requestScope(strapi, ctx)) } };
  },

  async identify(ctx: Context) {
    const body = await validate(operatorSchema, ctx.request.body ?? {});
    // A badge or PIN of another workshop's volunteer is refused as an unknown one.
    const operator = await getService(strapi, 'operators').identify(actorFromContext(ctx), body, await requestScope(strapi, ctx));
    ctx.status = 201;
    ctx.body = { data: { operator } };
  },

  async handOver(ctx: Context) {
    const actor = actorFromContext(ctx);
    if (actor.id) await getService(strapi, 'operators').clear(actor.id);
    ctx.body = { data: { operator: null } };
  },
});

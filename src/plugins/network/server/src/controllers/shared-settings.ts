import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { canChangeNetworkSettings, mainWorkshop, scopeOf } from '../../../../../shared/server/workshops';

/**
 * Whether the signed-in staff member may change the network's shared settings (workflows,
 * templates, hourly rate, public site): the settings screens then disable their « Enregistrer »
 * and say who changes them, instead of offering a button that answers 403. The same kernel rule
 * as the writes themselves (`canChangeNetworkSettings`).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async shared(ctx: Context) {
    const [editable, main] = await Promise.all([canChangeNetworkSettings(strapi, await scopeOf(strapi, ctx)), mainWorkshop(strapi)]);
    ctx.body = { data: { editable, mainWorkshop: main ? { name: main.name } : null } };
  },
});

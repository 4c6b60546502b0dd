import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { Readiness } from '../services/readiness';

export default {
  health: ({ strapi }: { strapi: Core.Strapi }) => ({
    /** The process answers: no database, no browser. */
    live(ctx: Context) {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { status: 'ok' };
    },
    /** The database answers and the renderer produces a PDF: 200, else 503 with French reasons. */
    async ready(ctx: Context) {
      const report = await (strapi.plugin('health').service('readiness') as Readiness).check();
      ctx.set('Cache-Control', 'no-store');
      ctx.status = report.status === 'ok' ? 200 : 503;
      ctx.body = report;
    },
  }),
};

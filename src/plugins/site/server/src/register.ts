import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

/** Where the home page is routed inside the app. */
export const HOME_ROUTE = '/accueil';

/**
 * Strapi's `strapi::public` middleware answers `GET /` with a redirect to /admin before any
 * plugin route can. This middleware, added before the app's own ones, rewrites `/` to the home
 * page's route, so the request still goes through every middleware (security, errors, logger).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.server.use(async (ctx: Context, next: Next) => {
    if ((ctx.method === 'GET' || ctx.method === 'HEAD') && ctx.path === '/') ctx.path = HOME_ROUTE;
    await next();
  });
};

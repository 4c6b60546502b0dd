import type { Core } from '@strapi/strapi';
import { THROTTLED_ROUTES, throttledRoute } from '../domain/throttle';
import { MESSAGES } from '../messages';
import { identifierBucket, ipBucket } from '../services/throttle';
import { getService } from '../utils';

interface KoaContext {
  method: string;
  path: string;
  status: number;
  body: unknown;
  request: { ip: string; body?: Record<string, unknown> };
  set(name: string, value: string): void;
}

const PRUNE_EVERY = 200;

/**
 * Throttles the authentication routes per account and per client IP, counted in PostgreSQL so
 * the limit holds across restarts and instances. The IP is Koa's `ctx.request.ip`: the socket
 * address unless `server.proxy` trusts a number of proxies (TRUSTED_PROXIES).
 * Listed in config/middlewares.ts after strapi::body, which parses the identifier.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  let requests = 0;
  return async (ctx: KoaContext, next: () => Promise<unknown>) => {
    const route = throttledRoute(ctx.method, ctx.path);
    if (!route) return next();
    const throttle = getService(strapi, 'throttle');
    const limits = throttle.limits();
    const { counts, identifierField } = THROTTLED_ROUTES[route];
    const buckets = [{ bucket: ipBucket(ctx.request.ip), limit: limits.perIp }];
    const identifier = identifierField ? identifierBucket(route, ctx.request.body?.[identifierField]) : null;
    if (identifier) buckets.push({ bucket: identifier, limit: limits.perIdentifier });

    requests += 1;
    if (requests % PRUNE_EVERY === 0) await throttle.prune();

    const admission = await throttle.admit(buckets);
    if (admission.retryAfter !== null) {
      ctx.status = 429;
      ctx.set('Retry-After', String(admission.retryAfter));
      ctx.body = {
        data: null,
        error: { status: 429, name: 'RateLimitError', message: MESSAGES.tooManyAttempts, details: { retryAfter: admission.retryAfter } },
      };
      return undefined;
    }
    let succeeded = false;
    try {
      const result = await next();
      succeeded = ctx.status < 400;
      return result;
    } finally {
      if (succeeded && counts === 'failures') await throttle.forget(admission.ids);
    }
  };
};

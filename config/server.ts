import type { Core } from '@strapi/strapi';
import { checkPublicUrlSetting } from '../src/shared/server/public-url';
import { secretList } from '../src/utils/secrets';

/**
 * How many reverse proxies in front of the app append to X-Forwarded-For (TRUSTED_PROXIES, an
 * integer; the older TRUST_PROXY=true means 1). With 0, the client IP is the socket's address and
 * X-Forwarded-For is ignored; with n, Koa takes the n-th address from the right, the one the
 * outermost trusted proxy saw, so addresses a client writes on the left are never used.
 */
function trustedProxies(env: Core.Config.Shared.ConfigParams['env']) {
  const hops = env.int('TRUSTED_PROXIES', env.bool('TRUST_PROXY', false) ? 1 : 0);
  if (!Number.isInteger(hops) || hops < 0) throw new Error('TRUSTED_PROXIES doit être un entier positif ou nul.');
  return { koa: hops > 0, maxIpsCount: hops, ipHeader: 'X-Forwarded-For' };
}

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  // The public address, read everywhere through src/shared/server/public-url.ts (unset: http://HOST:PORT).
  url: checkPublicUrlSetting(env('PUBLIC_URL', '')),
  proxy: trustedProxies(env),
  app: {
    keys: secretList('APP_KEYS', env.array('APP_KEYS')),
  },
  // The daily anonymisation of households past their retention period (plugin privacy).
  cron: { enabled: env.bool('CRON_ENABLED', true) },
  webhooks: {
    populateRelations: env.bool('WEBHOOKS_POPULATE_RELATIONS', false),
  },
});

export default config;

import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

/** Query parameters that carry a credential: never written to the log. */
const SECRET_PARAMS = /^(code|token|jeton|confirmation|access_token|id_token|refresh_token|refreshToken|password|secret|key)$/i;

/** The request's path and query string, each credential-like value replaced by `[masqué]`. */
export function loggableUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      let name = eq < 0 ? pair : pair.slice(0, eq);
      try {
        name = decodeURIComponent(name);
      } catch {
        // A malformed escape: keep the raw name to decide.
      }
      return eq >= 0 && SECRET_PARAMS.test(name) ? `${pair.slice(0, eq)}=[masqué]` : pair;
    })
    .join('&');
  return `${url.slice(0, at)}?${query}`;
}

/** Replaces `strapi::logger`: the same line per request, with reset codes and tokens masked. */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next): Promise<void> => {
    const start = Date.now();
    try {
      await next();
    } finally {
      strapi.log.http(`${ctx.method} ${loggableUrl(ctx.url)} (${Math.ceil(Date.now() - start)} ms) ${ctx.status}`);
    }
  };

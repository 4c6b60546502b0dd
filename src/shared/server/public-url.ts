/**
 * The app's public address: the one base of every link the app prints or sends (QR codes of
 * issued documents, e-mailed links, canonical links of the public site). Resolved from the
 * server configuration only — never from a request's Host header, which the sender of the
 * request chooses and which would then travel in e-mails and PDFs.
 */

/** What the resolver reads: Strapi's `server` configuration (`url` comes from PUBLIC_URL). */
export interface ServerAddress {
  url?: unknown;
  host?: unknown;
  port?: unknown;
}

/** Addresses meaning "every interface": the app is reached on this machine as localhost. */
const ANY_INTERFACE = new Set(['', '0.0.0.0', '::', '[::]']);

const isAbsolute = (url: string) => /^https?:\/\/[^/]/i.test(url);

/**
 * The public address without a trailing slash: `PUBLIC_URL` when set, else the address the app
 * is served on (`http://HOST:PORT`, `http://localhost:PORT` when HOST is every interface).
 */
export function resolvePublicUrl(server: ServerAddress): string {
  const url = typeof server.url === 'string' ? server.url.trim() : '';
  if (isAbsolute(url)) return url.replace(/\/+$/, '');
  const rawHost = typeof server.host === 'string' ? server.host.trim() : '';
  const host = ANY_INTERFACE.has(rawHost) ? 'localhost' : rawHost.includes(':') && !rawHost.startsWith('[') ? `[${rawHost}]` : rawHost;
  const port = Number(server.port) || 1337;
  // Strapi reads a PUBLIC_URL without a scheme as a path prefix; config/server.ts refuses one.
  const prefix = url && url !== '/' ? `/${url.replace(/^\/+|\/+$/g, '')}` : '';
  return `http://${host}:${port}${prefix}`;
}

interface ConfigReader {
  config: { get(path: string, fallback?: unknown): unknown };
}

/** The public address of the running app (see `resolvePublicUrl`). */
export function publicUrl(strapi: ConfigReader): string {
  return resolvePublicUrl({ url: strapi.config.get('server.url'), host: strapi.config.get('server.host'), port: strapi.config.get('server.port') });
}

/** An absolute link to `path` (starting with /) on the public address. */
export function publicLink(strapi: ConfigReader, path: string): string {
  return `${publicUrl(strapi)}${path.startsWith('/') ? path : `/${path}`}`;
}

/** An absolute link into the admin panel (`path` after /admin, starting with /). */
export function adminLink(strapi: ConfigReader, path: string): string {
  const adminPath = String(strapi.config.get('admin.path', '/admin') || '/admin').replace(/\/+$/, '');
  return publicLink(strapi, `${adminPath.startsWith('/') ? adminPath : `/${adminPath}`}${path.startsWith('/') ? path : `/${path}`}`);
}

/** Checks PUBLIC_URL as config/server.ts reads it: empty, or an absolute http(s) address. */
export function checkPublicUrlSetting(value: string | undefined): string {
  const url = (value ?? '').trim();
  if (url === '') return '';
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || !parsed.hostname) {
    throw new Error(`PUBLIC_URL doit être une adresse complète, par exemple https://atelier.example.org (reçu : « ${url} »).`);
  }
  return url.replace(/\/+$/, '');
}

/** The start-up warning when production runs without PUBLIC_URL; null when there is nothing to say. */
export function publicUrlWarning(nodeEnv: string | undefined, setting: string | undefined, resolved: string): string | null {
  if (nodeEnv !== 'production' || (setting ?? '').trim() !== '') return null;
  return `PUBLIC_URL n'est pas défini : les QR codes des documents, les liens des e-mails et du site public pointeront vers ${resolved}, l'adresse de ce serveur. Indiquez l'adresse publique de l'atelier (par exemple https://atelier.example.org) dans PUBLIC_URL.`;
}

import type { Core } from '@strapi/strapi';
import type { BodyConfig } from '../src/http/body';
import { checkPublicUrlSetting } from '../src/shared/server/public-url';

const MB = 1024 * 1024;

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => {
  const uploadLimit = env.int('UPLOAD_SIZE_LIMIT', 50 * MB);
  const body: BodyConfig = {
    jsonLimit: '1mb',
    formLimit: '64kb',
    textLimit: '64kb',
    // The only routes that take files (multipart), each with its own limit. Anywhere else a
    // multipart request is refused (415) before anything is written to disk.
    uploads: [
      // Media library (admin) and the upload content API: Strapi's field `files`.
      { method: 'POST', path: /^\/upload\/?$/, maxBytes: uploadLimit, maxFiles: 20, fileFields: ['files'] },
      { method: 'POST', path: /^\/upload\/files\/?$/, maxBytes: uploadLimit, maxFiles: 20, fileFields: ['files'] },
      { method: 'POST', path: /^\/upload\/files\/\d+\/replace\/?$/, maxBytes: uploadLimit, maxFiles: 1, fileFields: ['files'] },
      { method: 'POST', path: /^\/api\/upload\/?$/, maxBytes: uploadLimit, maxFiles: 20, fileFields: ['files'] },
      // The admin's logos (Paramètres › Aperçu).
      { method: 'POST', path: /^\/admin\/project-settings\/?$/, maxBytes: 5 * MB, maxFiles: 2, fileFields: ['menuLogo', 'authLogo'] },
      // A donor's inventory (intake plugin, admin and content API): one CSV or XLSX file.
      { method: 'POST', path: /^(\/api)?\/intake\/donations\/[^/]+\/(dry-run|import)\/?$/, maxBytes: 10 * MB, maxFiles: 1, fileFields: ['file'] },
      // Anyone may check a PDF against its number (/verify, public): one file.
      { method: 'POST', path: /^\/verify\/[^/]+\/?$/, maxBytes: 20 * MB, maxFiles: 1, fileFields: ['file'] },
    ],
  };
  return [
    // strapi::logger, with reset codes and tokens masked in query strings (src/middlewares/request-log.ts).
    'global::request-log',
    'strapi::errors',
    // A database down or restarting, a renderer down or closing: 503 in French with Retry-After, not a 500 (docs/deployment.md).
    'global::service-unavailable',
    'strapi::security',
    { name: 'strapi::cors', config: { origin: allowedOrigins(env) } },
    'strapi::poweredBy',
    'strapi::query',
    // A `sort` path with an empty segment (`sort=.name`): a French 400, not Strapi's 500 (src/middlewares/query-shape.ts).
    'global::query-shape',
    // Strapi's body parser, wrapped by src/http/body.ts (registered in src/index.ts).
    { name: 'strapi::body', config: body },
    // After the body parser: it reads the identifier being tried.
    'plugin::portal.auth-throttle',
    // Logs the household data each request read, once it is served (docs/privacy.md).
    'plugin::privacy.read-log',
    // A content-manager list's related records, with only the fields the role may read on their type (src/middlewares/relation-fields.ts).
    'global::relation-fields',
    'strapi::session',
    'strapi::favicon',
    'strapi::public',
  ];
};

/**
 * Origins allowed to call the app from a browser with credentials: the app's own (PUBLIC_URL,
 * else the address the request was sent to) and those listed in CORS_ORIGINS. Any other
 * origin gets no CORS header, so its pages cannot read the answers.
 */
function allowedOrigins(env: Core.Config.Shared.ConfigParams['env']) {
  const listed = env.array('CORS_ORIGINS', []).map((o) => o.trim().replace(/\/+$/, '')).filter((o) => o && o !== '*');
  // PUBLIC_URL read as config/server.ts reads it (checked there: empty or an absolute address).
  const publicUrl = checkPublicUrlSetting(env('PUBLIC_URL', ''));
  const own = publicUrl ? [new URL(publicUrl).origin] : [];
  return (ctx: { origin: string }): string[] => [...new Set([...own, ...(own.length ? [] : [ctx.origin]), ...listed])];
}

export default config;

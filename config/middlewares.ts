import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  // strapi::logger, with reset codes and tokens masked in query strings (src/middlewares/request-log.ts).
  'global::request-log',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  // After the body parser: it reads the identifier being tried.
  'plugin::portal.auth-throttle',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;

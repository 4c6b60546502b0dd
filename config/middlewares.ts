import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  // After the body parser: it reads the identifier being tried.
  'plugin::portal.auth-throttle',
  // Logs the household data each request read, once it is served (docs/privacy.md).
  'plugin::privacy.read-log',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;

import type { Core } from '@strapi/strapi';
import { secretList } from '../src/utils/secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  proxy: env.bool('TRUST_PROXY', false),
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

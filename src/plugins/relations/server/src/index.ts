import type { Core } from '@strapi/strapi';
import config, { type RelationsConfig } from './config';
import controllers from './controllers';
import { ACTIONS } from './permissions';
import { ownedFieldsMiddleware } from '../../../../shared/server/lifecycle';
import { LIFECYCLE_FIELDS, pickupRulesMiddleware } from './pickup-rules';
import routes from './routes';
import services from './services';
import { getService } from './utils';

export default {
  config,
  controllers,
  routes,
  services,
  register({ strapi }: { strapi: Core.Strapi }) {
    // The middleware's context is narrower than Strapi's union of every action's params.
    strapi.documents.use(ownedFieldsMiddleware(strapi, LIFECYCLE_FIELDS) as unknown as Parameters<typeof strapi.documents.use>[0]);
    strapi.documents.use(pickupRulesMiddleware(strapi) as unknown as Parameters<typeof strapi.documents.use>[0]);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS);
    const { digestCron, expiryCron } = strapi.config.get('plugin::relations') as RelationsConfig;
    strapi.cron.add({
      'relations-digest': {
        task: async () => {
          await getService(strapi, 'steps').sendDigest(getService(strapi, 'clock').today());
        },
        options: { rule: digestCron },
      },
      'relations-expiries': {
        task: async () => {
          await getService(strapi, 'conventions').checkExpiries(getService(strapi, 'clock').today());
        },
        options: { rule: expiryCron },
      },
    });
  },
};

import type { Core } from '@strapi/strapi';
import config, { type RelationsConfig } from './config';
import controllers from './controllers';
import { ACTIONS } from './permissions';
import { jobs } from '../../../../shared/server/jobs';
import { ownedFieldsMiddleware } from '../../../../shared/server/lifecycle';
import { LIFECYCLE_FIELDS, pickupRulesMiddleware } from './pickup-rules';
import routes from './routes';
import services from './services';
import { getService } from './utils';
import { today } from '../../../../shared/server/clock';

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
    // Once per occurrence across all instances (pg-boss schedules, Europe/Paris time).
    jobs(strapi).defineSchedule({
      name: 'relations-digest',
      cron: digestCron,
      handler: () => getService(strapi, 'steps').sendDigest(today()),
    });
    jobs(strapi).defineSchedule({
      name: 'relations-expiries',
      cron: expiryCron,
      handler: () => getService(strapi, 'conventions').checkExpiries(today()),
    });
  },
};

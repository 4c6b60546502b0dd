import type { Core } from '@strapi/strapi';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import { ACTIONS } from './permissions';
import routes from './routes';
import services from './services';
import { readLogMiddleware } from './read-log';

export default {
  config,
  contentTypes,
  controllers,
  routes,
  services,
  register({ strapi }: { strapi: Core.Strapi }) {
    strapi.documents.use(readLogMiddleware(strapi) as unknown as Parameters<typeof strapi.documents.use>[0]);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS);
    const { retentionCron } = strapi.config.get('plugin::privacy') as { retentionCron: string };
    strapi.cron.add({
      'privacy-retention': {
        task: async () => {
          await strapi.plugin('privacy').service('privacy').runRetention();
        },
        options: { rule: retentionCron },
      },
    });
  },
};

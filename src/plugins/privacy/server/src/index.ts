import type { Core } from '@strapi/strapi';
import { jobs } from '../../../../shared/server/jobs';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import { ACTIONS } from './permissions';
import routes from './routes';
import services from './services';
import { readLogKoaMiddleware, readNoteMiddleware } from './read-log';

export default {
  config,
  contentTypes,
  controllers,
  routes,
  services,
  // Placed in config/middlewares.ts: writes the reads noted while serving a request, once it is served.
  middlewares: { 'read-log': (_config: unknown, { strapi }: { strapi: Core.Strapi }) => readLogKoaMiddleware(strapi) },
  register({ strapi }: { strapi: Core.Strapi }) {
    strapi.documents.use(readNoteMiddleware(strapi) as unknown as Parameters<typeof strapi.documents.use>[0]);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS);
    const { retentionCron } = strapi.config.get('plugin::privacy') as { retentionCron: string };
    // Once per occurrence across all instances (pg-boss schedule, Europe/Paris time).
    jobs(strapi).defineSchedule({ name: 'privacy-retention', cron: retentionCron, handler: () => strapi.plugin('privacy').service('privacy').runRetention() });
  },
};

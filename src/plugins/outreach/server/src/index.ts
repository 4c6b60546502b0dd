import type { Core } from '@strapi/strapi';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import { ACTIONS } from './permissions';
import routes from './routes';
import services from './services';
import { getService } from './utils';

/** Outreach campaigns: recipients by filter, merge fields, throttled e-mails, letters, answers and reminders. */
export default {
  config,
  contentTypes,
  controllers,
  routes,
  services,
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS);
    const { reminderCron } = strapi.config.get('plugin::outreach') as { reminderCron: string };
    strapi.cron.add({
      'outreach-reminders': {
        task: async () => {
          await getService(strapi, 'sender').notifyCoordinators();
        },
        options: { rule: reminderCron },
      },
    });
    // E-mails left pending by a stop or a crash go out now.
    getService(strapi, 'sender').kick();
  },
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await getService(strapi, 'sender').stop();
  },
};

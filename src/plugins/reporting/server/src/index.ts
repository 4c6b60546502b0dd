import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import controllers from './controllers';
import { ACTIONS } from './permissions';
import routes from './routes';
import services from './services';

export default {
  contentTypes,
  controllers,
  routes,
  services,
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS);
  },
};

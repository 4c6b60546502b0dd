import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import controllers from './controllers';
import { ACTIONS } from './permissions';
import routes from './routes';
import services from './services';

/** The network of workshops: transfers of units and parts between workshops (docs/network.md). */
export default {
  contentTypes,
  controllers,
  routes,
  services,
  register() {},
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS);
  },
};

import controllers from './controllers';
import pages from './pages';
import routes from './routes';
import { configureResetPassword } from './reset-password';
import portail from './services/portail';
import type { Core } from '@strapi/strapi';

export default {
  controllers: { ...controllers, pages: () => pages },
  routes,
  services: { portail },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await configureResetPassword(strapi);
  },
};

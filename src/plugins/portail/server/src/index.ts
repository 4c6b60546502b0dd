import controllers from './controllers';
import pages from './pages';
import routes from './routes';
import portail from './services/portail';

export default {
  controllers: { ...controllers, pages: () => pages },
  routes,
  services: { portail },
};

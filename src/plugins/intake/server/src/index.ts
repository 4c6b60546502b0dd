import bootstrap from './bootstrap';
import config from './config';
import controllers from './controllers';
import destroy from './destroy';
import routes from './routes';
import services from './services';

export default {
  bootstrap,
  config,
  destroy,
  controllers,
  routes,
  services,
};

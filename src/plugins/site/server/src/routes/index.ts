import { HOME_ROUTE } from '../register';
import { ROUTES } from '../services/content';

const open = { auth: false as const, policies: [] };

/** The public site, at the root; /admin, /api, /verify, /portail and /uploads stay as they are. */
export default {
  public: {
    type: 'admin',
    prefix: '',
    routes: [
      ...Object.keys(ROUTES).map((path) => (path === '/' ? HOME_ROUTE : path)).map((path) => ({ method: 'GET', path, handler: 'site.show', config: open })),
      { method: 'POST', path: '/donner', handler: 'site.offer', config: open },
      { method: 'POST', path: '/devenir-benevole', handler: 'site.volunteer', config: open },
      { method: 'GET', path: '/reseau', handler: 'site.network', config: open },
      { method: 'GET', path: '/reseau/:code', handler: 'site.workshop', config: open },
      { method: 'GET', path: '/site.css', handler: 'site.stylesheet', config: open },
      { method: 'GET', path: '/sitemap.xml', handler: 'site.sitemap', config: open },
      { method: 'GET', path: '/robots.txt', handler: 'site.robots', config: open },
    ],
  },
};

import { pages } from '../pages';

/**
 * The portal pages' API, at /api/portail/… as before the two portal plugins were merged: each
 * route names its full path (`prefix: ''`), so the plugin's name (/api/portal/…) is not added.
 */
const api = (path: string) => `/portail${path}`;
/** A config object of its own for each route: Strapi writes the route's permission scope into it. */
const own = () => ({ prefix: '' });

export const pagesApi = {
  type: 'content-api',
  routes: [
    { method: 'GET', path: api('/me'), handler: 'account.me', config: own() },
    { method: 'GET', path: api('/prescriptions'), handler: 'prescriber.list', config: own() },
    { method: 'POST', path: api('/prescriptions'), handler: 'prescriber.file', config: own() },
    { method: 'GET', path: api('/prescriptions/blank-form'), handler: 'prescriber.blankForm', config: own() },
    { method: 'POST', path: api('/prescriptions/:documentId/follow-ups'), handler: 'prescriber.followUp', config: own() },
    { method: 'GET', path: api('/prescriptions/:documentId/form'), handler: 'prescriber.form', config: own() },
    { method: 'GET', path: api('/prescriptions/:documentId/receipt'), handler: 'prescriber.receipt', config: own() },
    { method: 'GET', path: api('/donations'), handler: 'donor.donations', config: own() },
    { method: 'GET', path: api('/documents'), handler: 'donor.documents', config: own() },
    { method: 'GET', path: api('/documents/:documentId/file'), handler: 'donor.file', config: own() },
  ],
};

/** The pages themselves: no login to load them (they log in through the API), at /portail. */
export const pagesWeb = {
  type: 'admin',
  prefix: '',
  routes: pages.map((p) => ({ method: 'GET', path: p, handler: 'pages.serve', config: { auth: false, policies: [] } })),
};

import { pages } from '../pages';

const api = {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/me', handler: 'account.me', config: {} },
    { method: 'GET', path: '/prescriptions', handler: 'prescriber.list', config: {} },
    { method: 'POST', path: '/prescriptions', handler: 'prescriber.file', config: {} },
    { method: 'GET', path: '/prescriptions/blank-form', handler: 'prescriber.blankForm', config: {} },
    { method: 'POST', path: '/prescriptions/:documentId/follow-ups', handler: 'prescriber.followUp', config: {} },
    { method: 'GET', path: '/prescriptions/:documentId/form', handler: 'prescriber.form', config: {} },
    { method: 'GET', path: '/prescriptions/:documentId/receipt', handler: 'prescriber.receipt', config: {} },
    { method: 'GET', path: '/donations', handler: 'donor.donations', config: {} },
    { method: 'GET', path: '/documents', handler: 'donor.documents', config: {} },
    { method: 'GET', path: '/documents/:documentId/file', handler: 'donor.file', config: {} },
  ],
};

/** The pages themselves: no login to load them (they log in through the API), at /portail. */
const web = {
  type: 'admin',
  prefix: '',
  routes: pages.map((p) => ({ method: 'GET', path: p, handler: 'pages.serve', config: { auth: false, policies: [] } })),
};

export default { 'content-api': api, web };

import { can } from '../../permissions';

export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/households/:documentId', handler: 'privacy.summary', config: can('export') },
    { method: 'GET', path: '/households/:documentId/access-log', handler: 'privacy.accessLog', config: can('export') },
    { method: 'GET', path: '/households/:documentId/export', handler: 'privacy.exportData', config: can('export') },
    { method: 'POST', path: '/households/:documentId/anonymise', handler: 'privacy.anonymise', config: can('erase') },
    { method: 'POST', path: '/retention/run', handler: 'privacy.runRetention', config: can('erase') },
  ],
};

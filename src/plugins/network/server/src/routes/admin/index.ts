import { can } from '../../permissions';

export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/transfers', handler: 'transfers.list', config: can('transfers.read') },
    { method: 'GET', path: '/transferable', handler: 'transfers.transferable', config: can('transfers.manage') },
    { method: 'GET', path: '/workshops', handler: 'transfers.workshops', config: can('transfers.read') },
    { method: 'GET', path: '/transfers/:documentId', handler: 'transfers.get', config: can('transfers.read') },
    { method: 'POST', path: '/transfers', handler: 'transfers.propose', config: can('transfers.manage') },
    { method: 'POST', path: '/requests', handler: 'transfers.request', config: can('transfers.manage') },
    { method: 'POST', path: '/transfers/:documentId/answer', handler: 'transfers.answer', config: can('transfers.manage') },
    { method: 'POST', path: '/transfers/:documentId/:step', handler: 'transfers.step', config: can('transfers.manage') },
    // Any staff member may ask whether they change the network's shared settings (the settings screens do).
    { method: 'GET', path: '/shared-settings', handler: 'settings.shared', config: { policies: ['admin::isAuthenticatedAdmin'] } },
  ],
};

import { can } from '../../permissions';

export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/workshops', handler: 'reporting.workshops', config: can('read') },
    { method: 'GET', path: '/dashboard', handler: 'reporting.dashboard', config: can('read') },
    { method: 'GET', path: '/programmes', handler: 'reporting.programmes', config: can('read') },
    { method: 'GET', path: '/bilan', handler: 'reporting.bilan', config: can('read') },
    { method: 'POST', path: '/bilans', handler: 'reporting.issue', config: can('generate') },
    { method: 'GET', path: '/bilans', handler: 'reporting.issued', config: can('read') },
    { method: 'GET', path: '/weee', handler: 'reporting.weee', config: can('read') },
    { method: 'GET', path: '/hours', handler: 'reporting.hours', config: can('read') },
    { method: 'GET', path: '/settings', handler: 'reporting.settings', config: can('read') },
    { method: 'PUT', path: '/settings', handler: 'reporting.updateSettings', config: can('generate') },
  ],
};

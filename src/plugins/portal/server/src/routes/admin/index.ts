import { ADMIN_POLICIES } from '../../permissions';

export default {
  type: 'admin',
  routes: [
    { method: 'GET', path: '/accounts', handler: 'accounts.list', config: { policies: ADMIN_POLICIES } },
    { method: 'POST', path: '/accounts', handler: 'accounts.create', config: { policies: ADMIN_POLICIES } },
  ],
};

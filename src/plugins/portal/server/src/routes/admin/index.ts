import { ADMIN_POLICIES } from '../../permissions';

export default {
  type: 'admin',
  routes: [{ method: 'POST', path: '/accounts', handler: 'accounts.create', config: { policies: ADMIN_POLICIES } }],
};

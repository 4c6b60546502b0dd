/** The plugin's RBAC actions: opening a portal account is a Coordination task. */
export const ACTIONS = [
  { section: 'plugins', displayName: 'Créer les comptes des prescripteurs et des donateurs', uid: 'accounts.create', pluginName: 'portal' },
];

export const CREATE_ACCOUNT_ACTION = 'plugin::portal.accounts.create';

export const ADMIN_POLICIES = [
  'admin::isAuthenticatedAdmin',
  { name: 'admin::hasPermissions', config: { actions: [CREATE_ACCOUNT_ACTION] } },
];

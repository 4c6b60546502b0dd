/** The plugin's RBAC actions; `plugin::intake.import` guards every route. */
export const ACTIONS = [
  { section: 'plugins', displayName: "Importer l'inventaire d'un donateur", uid: 'import', pluginName: 'intake' },
];

export const IMPORT_ACTION = 'plugin::intake.import';

export const ADMIN_POLICIES = [
  'admin::isAuthenticatedAdmin',
  { name: 'admin::hasPermissions', config: { actions: [IMPORT_ACTION] } },
];

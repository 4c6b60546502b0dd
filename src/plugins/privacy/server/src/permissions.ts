export const ACTIONS = [
  { section: 'plugins', displayName: "Exporter les données d'un foyer et voir qui les a consultées", uid: 'export', pluginName: 'privacy' },
  { section: 'plugins', displayName: "Anonymiser un foyer (effacement sur demande, conservation échue)", uid: 'erase', pluginName: 'privacy' },
];

export const can = (action: 'export' | 'erase') => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [`plugin::privacy.${action}`] } }],
});

export const ACTIONS = [
  { section: 'plugins', displayName: 'Voir les transferts entre ateliers du réseau', uid: 'transfers.read', pluginName: 'network' },
  { section: 'plugins', displayName: 'Proposer, accepter, expédier et réceptionner des transferts', uid: 'transfers.manage', pluginName: 'network' },
];

export const can = (action: 'transfers.read' | 'transfers.manage') => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [`plugin::network.${action}`] } }],
});

export const ACTIONS = [
  { section: 'plugins', displayName: 'Voir le tableau de bord, les bilans et le registre DEEE (exports CSV et XLSX)', uid: 'read', pluginName: 'reporting' },
  { section: 'plugins', displayName: 'Émettre un bilan en PDF', uid: 'generate', pluginName: 'reporting' },
];

export const can = (action: 'read' | 'generate') => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [`plugin::reporting.${action}`] } }],
});

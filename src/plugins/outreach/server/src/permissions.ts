export const ACTIONS = [
  { section: 'plugins', displayName: 'Voir les campagnes et leurs destinataires', uid: 'read', pluginName: 'outreach' },
  { section: 'plugins', displayName: 'Préparer et envoyer des campagnes, noter les réponses, relancer', uid: 'send', pluginName: 'outreach' },
];

export const can = (action: 'read' | 'send') => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [`plugin::outreach.${action}`] } }],
});

export const ACTIONS = [
  { section: 'plugins', displayName: 'Voir le tableau des relations donateurs et les collectes', uid: 'read', pluginName: 'relations' },
  { section: 'plugins', displayName: "Déplacer un donateur, clore une prochaine étape, éditer les attestations et lettres", uid: 'donors.manage', pluginName: 'relations' },
  { section: 'plugins', displayName: 'Faire avancer une convention (envoi, signature, renouvellement)', uid: 'conventions.manage', pluginName: 'relations' },
  { section: 'plugins', displayName: 'Planifier et clore les collectes', uid: 'pickups.manage', pluginName: 'relations' },
];

export type RelationsAction = 'read' | 'donors.manage' | 'conventions.manage' | 'pickups.manage';

export const can = (action: RelationsAction) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [`plugin::relations.${action}`] } }],
});

/** The plugin's RBAC actions (plugin::documents.<uid>), shown in French in the roles page. */
export const ACTIONS = [
  { section: 'plugins', displayName: 'Prévisualiser et générer des documents', uid: 'generate', pluginName: 'documents' },
  { section: 'plugins', displayName: 'Consulter et télécharger les documents émis', uid: 'read', pluginName: 'documents' },
  { section: 'plugins', displayName: 'Gérer les modèles de documents', uid: 'templates.manage', pluginName: 'documents' },
] as const;

export const PERMISSION = {
  generate: 'plugin::documents.generate',
  read: 'plugin::documents.read',
  manageTemplates: 'plugin::documents.templates.manage',
} as const;

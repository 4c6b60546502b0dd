export default {
  kind: 'singleType',
  collectionName: 'site_settings',
  info: {
    singularName: 'settings',
    pluralName: 'settings-entries',
    displayName: 'Réglages du site public',
    description: "Nom, accroche et coordonnées affichés sur toutes les pages publiques",
  },
  options: { draftAndPublish: false },
  pluginOptions: { 'content-manager': { visible: true }, 'content-type-builder': { visible: false }, i18n: { localized: false } },
  attributes: {
    siteName: { type: 'string', required: true, maxLength: 80 },
    tagline: { type: 'string', maxLength: 160 },
    contactEmail: { type: 'email', required: true },
    phone: { type: 'string', maxLength: 30 },
    address: { type: 'text', maxLength: 300 },
    footerNote: { type: 'string', maxLength: 300 },
    showImpact: { type: 'boolean', default: true, required: true },
  },
};

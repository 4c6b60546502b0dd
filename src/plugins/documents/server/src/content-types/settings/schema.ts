export default {
  kind: 'singleType',
  collectionName: 'documents_settings',
  info: {
    singularName: 'settings',
    pluralName: 'settings-entries',
    displayName: 'Identité de l’atelier (documents)',
    description: 'Ce qui figure en en-tête et en signature de chaque document',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: true },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  attributes: {
    name: { type: 'string', required: true, maxLength: 160 },
    legalForm: { type: 'string', maxLength: 160 },
    address: { type: 'text', maxLength: 500 },
    postalCode: { type: 'string', maxLength: 10 },
    commune: { type: 'string', maxLength: 120 },
    siret: { type: 'string', maxLength: 20 },
    email: { type: 'email' },
    phone: { type: 'string', maxLength: 30 },
    signatoryName: { type: 'string', maxLength: 160 },
    signatoryRole: { type: 'string', maxLength: 160 },
    logo: { type: 'media', multiple: false, allowedTypes: ['images'] },
  },
};

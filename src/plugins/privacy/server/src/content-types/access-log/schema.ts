export default {
  kind: 'collectionType',
  collectionName: 'sv_privacy_access_log',
  info: {
    singularName: 'access-log',
    pluralName: 'access-logs',
    displayName: 'Consultation de données personnelles',
    description: 'Qui a consulté, exporté ou anonymisé la fiche d’un foyer, et quand.',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  attributes: {
    at: { type: 'datetime', required: true },
    action: { type: 'enumeration', enum: ['read', 'list', 'export_json', 'export_pdf', 'anonymise'], required: true },
    householdDocumentIds: { type: 'json', required: true },
    actorId: { type: 'string', maxLength: 40 },
    actorName: { type: 'string', maxLength: 160, required: true },
    details: { type: 'json' },
  },
};

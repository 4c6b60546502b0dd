export default {
  kind: 'collectionType',
  collectionName: 'sv_privacy_access_log',
  info: {
    singularName: 'access-log',
    pluralName: 'access-logs',
    displayName: 'Consultation de données personnelles',
    description: 'Qui a consulté (fiche, liste, document, portail, API), exporté ou anonymisé les données d’un foyer, quand, et par quelle route.',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  attributes: {
    at: { type: 'datetime', required: true },
    action: { type: 'enumeration', enum: ['read', 'list', 'document', 'export_json', 'export_pdf', 'anonymise'], required: true },
    householdDocumentIds: { type: 'json', required: true },
    actorId: { type: 'string', maxLength: 40 },
    actorName: { type: 'string', maxLength: 160, required: true },
    /** staff, api-token, portal, anonymous or system; empty on lines written before it existed (staff or system). */
    actorKind: { type: 'enumeration', enum: ['staff', 'api-token', 'portal', 'anonymous', 'system'] },
    details: { type: 'json' },
  },
};

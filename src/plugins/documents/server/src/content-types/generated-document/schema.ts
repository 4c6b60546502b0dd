import { TEMPLATE_KINDS } from '../../domain/kinds';

export default {
  kind: 'collectionType',
  collectionName: 'documents_generated',
  info: {
    singularName: 'generated-document',
    pluralName: 'generated-documents',
    displayName: 'Document émis',
    description: 'PDF émis, vérifiable par son numéro et son empreinte SHA-256',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    // Issued documents are never edited: the admin lists them through the plugin's routes.
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  attributes: {
    number: { type: 'string', required: true, unique: true, maxLength: 40 },
    kind: { type: 'enumeration', enum: [...TEMPLATE_KINDS], required: true },
    targetUid: { type: 'string', required: true, maxLength: 120 },
    targetDocumentId: { type: 'string', required: true, maxLength: 40 },
    /** nth document of this kind for this record: a new generation is a new version. */
    version: { type: 'integer', required: true, min: 1 },
    sha256: { type: 'string', required: true, maxLength: 64 },
    file: { type: 'media', multiple: false, allowedTypes: ['files'] },
    template: { type: 'relation', relation: 'manyToOne', target: 'plugin::documents.template' },
    templateVersion: { type: 'integer', required: true },
    generatedById: { type: 'integer' },
    generatedByName: { type: 'string', maxLength: 160 },
    generatedAt: { type: 'datetime', required: true },
    /** What it certifies, as issued (unit, devices, parties; never a household): shown by /verify. */
    certified: { type: 'json' },
    sendings: { type: 'relation', relation: 'oneToMany', target: 'plugin::documents.sending', mappedBy: 'document' },
  },
};

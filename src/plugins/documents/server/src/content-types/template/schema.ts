import { TEMPLATE_KINDS } from '../../domain/kinds';

export default {
  kind: 'collectionType',
  collectionName: 'documents_templates',
  info: {
    singularName: 'template',
    pluralName: 'templates',
    displayName: 'Modèle de document',
    description: 'Modèle Handlebars (HTML + CSS) que le personnel peut adapter',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: true },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  attributes: {
    name: { type: 'string', required: true, maxLength: 160 },
    kind: { type: 'enumeration', enum: [...TEMPLATE_KINDS], required: true },
    targetUid: { type: 'string', required: true, maxLength: 120 },
    html: { type: 'text', required: true },
    css: { type: 'text' },
    version: { type: 'integer', required: true, default: 1, min: 1 },
    /** Key of the shipped default it comes from; null for a template staff created. */
    defaultKey: { type: 'string', unique: true, maxLength: 80 },
    /** Hash of the shipped default's html+css it was installed from, to spot staff edits. */
    defaultHash: { type: 'string', maxLength: 64 },
    defaultVersion: { type: 'integer', min: 1 },
  },
};

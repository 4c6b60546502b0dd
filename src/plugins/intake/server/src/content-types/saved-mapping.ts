/** The column mapping staff chose at a donor's last import of a format (donor empty: any donor's last). */
export default {
  schema: {
    kind: 'collectionType',
    collectionName: 'sv_intake_mappings',
    info: { singularName: 'saved-mapping', pluralName: 'saved-mappings', displayName: 'Correspondance de colonnes', description: 'La correspondance retenue au dernier import.' },
    options: { draftAndPublish: false },
    pluginOptions: { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } },
    attributes: {
      donor: { type: 'string', maxLength: 40 },
      format: { type: 'string', required: true, maxLength: 20 },
      mapping: { type: 'json', required: true },
    },
  },
};

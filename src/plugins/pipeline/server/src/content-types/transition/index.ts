export default {
  schema: {
    kind: 'collectionType',
    collectionName: 'sv_pipeline_transitions',
    info: { singularName: 'transition', pluralName: 'transitions', displayName: 'Transition', description: "Un passage permis d'une étape à une autre." },
    options: { draftAndPublish: false },
    pluginOptions: { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } },
    attributes: {
      fromKey: { type: 'string', required: true, maxLength: 40 },
      toKey: { type: 'string', required: true, maxLength: 40 },
      // Automatic actions run after the move commits: [{ type, options }]
      actions: { type: 'json' },
      workflow: { type: 'relation', relation: 'manyToOne', target: 'plugin::pipeline.workflow', inversedBy: 'transitions' },
    },
  },
};

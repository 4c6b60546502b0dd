export default {
  schema: {
    kind: 'collectionType',
    collectionName: 'sv_pipeline_workflows',
    info: { singularName: 'workflow', pluralName: 'workflows', displayName: 'Workflow', description: 'Une chaîne de traitement pour un type de fiche.' },
    options: { draftAndPublish: false },
    pluginOptions: { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } },
    attributes: {
      key: { type: 'string', required: true, unique: true, maxLength: 40 },
      name: { type: 'string', required: true, maxLength: 120 },
      contentType: { type: 'string', required: true, unique: true, maxLength: 120 },
      // Qualified actions: { erasure: skill key | null, exempt: [...] }; null: the defaults (domain/workflow.ts).
      qualifications: { type: 'json' },
      stages: { type: 'relation', relation: 'oneToMany', target: 'plugin::pipeline.stage', mappedBy: 'workflow' },
      transitions: { type: 'relation', relation: 'oneToMany', target: 'plugin::pipeline.transition', mappedBy: 'workflow' },
    },
  },
};

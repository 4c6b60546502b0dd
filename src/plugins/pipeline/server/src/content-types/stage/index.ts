export default {
  schema: {
    kind: 'collectionType',
    collectionName: 'sv_pipeline_stages',
    info: { singularName: 'stage', pluralName: 'stages', displayName: 'Étape', description: "Une étape d'un workflow." },
    options: { draftAndPublish: false },
    pluginOptions: { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } },
    attributes: {
      key: { type: 'string', required: true, maxLength: 40, regex: '^[a-z][a-z0-9_]*$' },
      label: { type: 'string', required: true, maxLength: 80 },
      color: { type: 'string', required: true, maxLength: 7, regex: '^#[0-9a-fA-F]{6}$' },
      position: { type: 'integer', required: true, min: 0 },
      terminal: { type: 'boolean', required: true, default: false },
      // Items a volunteer ticks at this stage: [{ key, label, required }]
      checklist: { type: 'json' },
      // Admin role codes allowed to move a record into this stage: [] means every role that may move
      enterRoles: { type: 'json' },
      // A skill key of the volunteers' catalogue: recording this stage's checklist and moving out of it need it.
      requiredSkill: { type: 'string', maxLength: 40 },
      workflow: { type: 'relation', relation: 'manyToOne', target: 'plugin::pipeline.workflow', inversedBy: 'stages' },
    },
  },
};

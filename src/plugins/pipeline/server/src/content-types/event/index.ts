export default {
  schema: {
    kind: 'collectionType',
    collectionName: 'sv_pipeline_events',
    info: { singularName: 'event', pluralName: 'events', displayName: 'Événement', description: "L'historique (chaîne de possession) : ajout seul, chaîné par empreintes." },
    options: { draftAndPublish: false },
    pluginOptions: { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } },
    attributes: {
      subjectType: { type: 'string', required: true, maxLength: 120 },
      subjectId: { type: 'string', required: true, maxLength: 40 },
      seq: { type: 'integer', required: true, min: 1 },
      kind: { type: 'string', required: true, maxLength: 40 },
      fromStage: { type: 'string', maxLength: 40 },
      toStage: { type: 'string', maxLength: 40 },
      actorType: { type: 'string', required: true, maxLength: 20 },
      actorId: { type: 'string', maxLength: 40 },
      actorName: { type: 'string', maxLength: 160 },
      at: { type: 'datetime', required: true },
      details: { type: 'json' },
      prevHash: { type: 'string', maxLength: 64 },
      hash: { type: 'string', required: true, maxLength: 64 },
    },
  },
};

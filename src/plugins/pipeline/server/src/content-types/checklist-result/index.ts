export default {
  schema: {
    kind: 'collectionType',
    collectionName: 'sv_pipeline_checklist_results',
    info: { singularName: 'checklist-result', pluralName: 'checklist-results', displayName: 'Résultat de liste de contrôle', description: "Ce qu'un bénévole a coché à une étape." },
    options: { draftAndPublish: false },
    pluginOptions: { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } },
    attributes: {
      subjectType: { type: 'string', required: true, maxLength: 120 },
      subjectId: { type: 'string', required: true, maxLength: 40 },
      stageKey: { type: 'string', required: true, maxLength: 40 },
      // [{ key, label, checked }]
      items: { type: 'json', required: true },
      passed: { type: 'boolean', required: true },
      operator: { type: 'string', maxLength: 120 },
      notes: { type: 'text', maxLength: 2000 },
    },
  },
};

/** A background import: its progress and outcome, kept in the database so that any instance can answer and a restart is seen. */
export default {
  schema: {
    kind: 'collectionType',
    collectionName: 'sv_intake_jobs',
    info: { singularName: 'import-job', pluralName: 'import-jobs', displayName: "Import d'un parc", description: "Un import en arrière-plan : avancement et résultat." },
    options: { draftAndPublish: false },
    pluginOptions: { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } },
    attributes: {
      donation: { type: 'string', required: true, maxLength: 40 },
      filename: { type: 'string', maxLength: 255 },
      state: { type: 'enumeration', enum: ['queued', 'running', 'done', 'failed', 'interrupted'], required: true, default: 'queued' },
      phase: { type: 'enumeration', enum: ['waiting', 'checking', 'writing', 'finished'], required: true, default: 'waiting' },
      total: { type: 'integer', required: true, min: 0 },
      checked: { type: 'integer', required: true, min: 0, default: 0 },
      written: { type: 'integer', required: true, min: 0, default: 0 },
      errors: { type: 'json' },
      result: { type: 'json' },
      actorName: { type: 'string', maxLength: 160 },
      startedAt: { type: 'datetime', required: true },
      finishedAt: { type: 'datetime' },
    },
  },
};

import { ERASURE_METHODS } from '../../../../../../shared/erasure';

export default {
  schema: {
    kind: 'collectionType',
    collectionName: 'sv_pipeline_erasures',
    info: { singularName: 'erasure-record', pluralName: 'erasure-records', displayName: 'Effacement', description: "L'effacement (ou le retrait) d'un support de stockage d'une machine." },
    options: { draftAndPublish: false },
    pluginOptions: { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } },
    attributes: {
      // The machine's documentId, as in the history's events: records outlive any relation change.
      machineDocumentId: { type: 'string', required: true, maxLength: 40 },
      // The storage device (api::storage-device.storage-device) erased: its documentId, its identity.
      deviceDocumentId: { type: 'string', maxLength: 40 },
      // Its serial as it read at the time of the erasure (null for a device without one).
      deviceSerial: { type: 'string', maxLength: 80 },
      method: { type: 'enumeration', required: true, enum: [...ERASURE_METHODS] },
      passes: { type: 'integer', min: 0, max: 100 },
      tool: { type: 'string', maxLength: 60 },
      toolVersion: { type: 'string', maxLength: 40 },
      startedAt: { type: 'datetime' },
      endedAt: { type: 'datetime' },
      result: { type: 'enumeration', required: true, enum: ['success', 'failure'] },
      operator: { type: 'string', maxLength: 120 },
      source: { type: 'enumeration', required: true, enum: ['manual', 'api', 'nwipe_log'], default: 'manual' },
      notes: { type: 'text', maxLength: 2000 },
    },
  },
};

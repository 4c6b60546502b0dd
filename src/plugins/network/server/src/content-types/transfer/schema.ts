export default {
  kind: 'collectionType',
  collectionName: 'sv_transfers',
  info: {
    singularName: 'transfer',
    pluralName: 'transfers',
    displayName: 'Transfert entre ateliers',
    description: 'Des machines ou des pièces qu’un atelier du réseau cède à un autre : proposé, accepté, expédié, reçu (docs/network.md).',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  attributes: {
    number: { type: 'string', unique: true, maxLength: 40 },
    /** `offer`: a workshop proposes; `request`: a workshop asks the network, another answers with an offer. */
    kind: { type: 'enumeration', enum: ['offer', 'request'], required: true },
    state: { type: 'enumeration', enum: ['requested', 'proposed', 'accepted', 'shipped', 'received', 'refused', 'cancelled'], required: true },
    fromWorkshop: { type: 'relation', relation: 'manyToOne', target: 'api::workshop.workshop' },
    toWorkshop: { type: 'relation', relation: 'manyToOne', target: 'api::workshop.workshop' },
    machines: { type: 'relation', relation: 'manyToMany', target: 'api::machine.machine' },
    /** Parts given: [{ part (documentId at the sender), category, description, quantity }]. */
    partLines: { type: 'json' },
    need: { type: 'string', maxLength: 300 },
    needCount: { type: 'integer', min: 1, max: 1000 },
    notes: { type: 'text', maxLength: 2000 },
    requestedAt: { type: 'datetime' },
    proposedAt: { type: 'datetime' },
    acceptedAt: { type: 'datetime' },
    shippedAt: { type: 'datetime' },
    receivedAt: { type: 'datetime' },
    closedAt: { type: 'datetime' },
    /** Who did each step (names as shown, kept when an account is removed). */
    steps: { type: 'json' },
  },
};

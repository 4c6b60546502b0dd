export default {
  kind: 'collectionType',
  collectionName: 'sv_reporting_reports',
  info: {
    singularName: 'report',
    pluralName: 'reports',
    displayName: 'Bilan',
    description: "Les paramètres d'un bilan émis en PDF (période, programme, territoire, ateliers, auteur) : le document se recalcule depuis eux.",
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  attributes: {
    title: { type: 'string', required: true, maxLength: 200 },
    periodFrom: { type: 'date', required: true },
    periodTo: { type: 'date', required: true },
    territory: { type: 'string', maxLength: 20 },
    programme: { type: 'relation', relation: 'manyToOne', target: 'api::funder-programme.funder-programme' },
    authorId: { type: 'integer' },
    authorName: { type: 'string', maxLength: 160 },
    /** The workshops the bilan covers (none with `network`: every workshop of the network). */
    workshops: { type: 'relation', relation: 'manyToMany', target: 'api::workshop.workshop' },
    /** True: the whole network (« Réseau », super-admins); false: `workshops`; null: issued before the network, the default workshop's. */
    network: { type: 'boolean' },
  },
};

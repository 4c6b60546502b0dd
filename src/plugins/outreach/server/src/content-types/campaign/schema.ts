export default {
  kind: 'collectionType',
  collectionName: 'sv_outreach_campaigns',
  info: {
    singularName: 'campaign',
    pluralName: 'campaigns',
    displayName: 'Campagne',
    description: "Un courrier d'information envoyé à un ensemble de structures (collèges, CCAS…), par e-mail et/ou par la poste.",
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  attributes: {
    name: { type: 'string', required: true, maxLength: 160 },
    /** Who receives it: `{ target: 'prescriber' | 'donor', kinds?: string[], communes?: string[], relationships?: string[] }`. */
    audience: { type: 'json', required: true },
    channel: { type: 'enumeration', enum: ['email', 'letter', 'both'], required: true, default: 'email' },
    subject: { type: 'string', required: true, maxLength: 200 },
    /** Handlebars text with merge fields ({{structure.name}}, {{contact.name}}…). */
    body: { type: 'text', required: true },
    status: { type: 'enumeration', enum: ['draft', 'sending', 'sent'], required: true, default: 'draft' },
    sentAt: { type: 'datetime' },
    /** Days without an answer after which a recipient is due a reminder. */
    reminderDays: { type: 'integer', min: 1, max: 365, default: 21 },
    author: { type: 'string', maxLength: 160 },
    /**
     * The workshop of the network whose campaign it is (its author's): only its staff see, change
     * and send it, and its audience is that workshop's prescribers and the donors it follows or no
     * workshop follows. A campaign from before the network (none) is the default workshop's.
     */
    workshop: { type: 'relation', relation: 'manyToOne', target: 'api::workshop.workshop' },
    recipients: { type: 'relation', relation: 'oneToMany', target: 'plugin::outreach.recipient', mappedBy: 'campaign' },
  },
};

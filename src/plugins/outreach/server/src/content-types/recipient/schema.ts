export default {
  kind: 'collectionType',
  collectionName: 'sv_outreach_recipients',
  info: {
    singularName: 'recipient',
    pluralName: 'recipients',
    displayName: "Destinataire d'une campagne",
    description: "Une structure à qui une campagne a été adressée : l'envoi et la réponse.",
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  attributes: {
    campaign: { type: 'relation', relation: 'manyToOne', target: 'plugin::outreach.campaign', inversedBy: 'recipients' },
    prescriber: { type: 'relation', relation: 'manyToOne', target: 'api::prescriber.prescriber' },
    donor: { type: 'relation', relation: 'manyToOne', target: 'api::donor.donor' },
    /** The structure's name and address as they were when the campaign was prepared. */
    name: { type: 'string', required: true, maxLength: 200 },
    email: { type: 'string', maxLength: 254 },
    /** pending: not sent yet; sent: e-mail accepted by the server; failed: refused (see error); letter: printed for the post. */
    delivery: { type: 'enumeration', enum: ['pending', 'sent', 'failed', 'letter'], required: true, default: 'pending' },
    sentAt: { type: 'datetime' },
    error: { type: 'string', maxLength: 500 },
    outcome: { type: 'enumeration', enum: ['no_answer', 'answered', 'meeting_set', 'declined'], required: true, default: 'no_answer' },
    outcomeAt: { type: 'datetime' },
    remindedAt: { type: 'datetime' },
    reminderCount: { type: 'integer', min: 0, default: 0 },
    /** Set when a reminder is queued, cleared once it is sent (or refused): the queue's to-do mark. */
    reminderQueuedAt: { type: 'datetime' },
    /** Set (and committed) just before the e-mail leaves, cleared when it is recorded: one found set after a crash is never re-sent. */
    sendingAt: { type: 'datetime' },
    /** What the letter/e-mail was filled with, frozen when the campaign was sent (structure, contact, workshop). */
    context: { type: 'json' },
    /** Staff's note with the last outcome (also recorded as an interaction on the structure). */
    note: { type: 'text', maxLength: 2000 },
  },
};

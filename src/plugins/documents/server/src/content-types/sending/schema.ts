/** One e-mailing of an issued document: who sent it, when, to whom, and how it went. */
export default {
  kind: 'collectionType',
  collectionName: 'documents_sendings',
  info: {
    singularName: 'sending',
    pluralName: 'sendings',
    displayName: 'Envoi de document',
    description: 'Chaque envoi par e-mail d’un document émis, réussi ou non',
  },
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
  attributes: {
    document: { type: 'relation', relation: 'manyToOne', target: 'plugin::documents.generated-document', inversedBy: 'sendings' },
    /** The addresses, as sent (RCPT TO). */
    recipients: { type: 'json', required: true },
    /** sent; partial: the server refused some recipients (named in `error`); failed: nobody got it. */
    status: { type: 'enumeration', enum: ['sent', 'partial', 'failed'], required: true },
    /** Why it failed or who was refused, in French (the SMTP server's answer is kept in `detail`). */
    error: { type: 'string', maxLength: 500 },
    detail: { type: 'text' },
    sentById: { type: 'integer' },
    sentByName: { type: 'string', maxLength: 160 },
    sentAt: { type: 'datetime', required: true },
  },
};

export default {
  schema: {
    kind: 'collectionType',
    collectionName: 'sv_auth_attempts',
    info: {
      singularName: 'auth-attempt',
      pluralName: 'auth-attempts',
      displayName: "Tentative d'authentification",
      description: 'Une tentative de connexion ou de réinitialisation, comptée par compte et par adresse IP.',
    },
    options: { draftAndPublish: false },
    pluginOptions: { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } },
    attributes: {
      // "ip:<address>" or "id:<sha-256 of the normalised identifier>": no e-mail kept in clear.
      bucket: { type: 'string', required: true, maxLength: 80 },
      at: { type: 'datetime', required: true },
    },
  },
};

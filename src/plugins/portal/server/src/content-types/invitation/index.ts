export default {
  schema: {
    kind: 'collectionType',
    collectionName: 'sv_portal_invitations',
    info: {
      singularName: 'invitation',
      pluralName: 'invitations',
      displayName: 'Invitation',
      description: "Lien à usage unique pour choisir son mot de passe (invitation ou mot de passe oublié) ; seule l'empreinte du jeton est gardée.",
    },
    options: { draftAndPublish: false },
    pluginOptions: { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } },
    attributes: {
      tokenHash: { type: 'string', required: true, unique: true, maxLength: 64, private: true },
      user: { type: 'relation', relation: 'manyToOne', target: 'plugin::users-permissions.user' },
      expiresAt: { type: 'datetime', required: true },
      usedAt: { type: 'datetime' },
      invitedBy: { type: 'string', maxLength: 160 },
      // `reset`: a forgotten password (POST /api/auth/forgot-password); empty on older rows means `invitation`.
      purpose: { type: 'enumeration', enum: ['invitation', 'reset'], default: 'invitation' },
    },
  },
};

/** Every message a portal user or staff member reads, in one place (French). */
export const MESSAGES = {
  forbidden: 'Accès refusé.',
  notFound: 'Introuvable.',
  tooManyAttempts: 'Trop de tentatives. Réessayez dans quelques minutes.',
  fieldNotWritable: (field: string) => `Ce champ ne peut pas être modifié depuis le portail : ${field}.`,
  unknownHousehold: 'Foyer inconnu pour votre structure.',
  conventionInactive:
    "La convention d'adhésion de votre structure n'est pas signée ou n'est plus valide : vous ne pouvez pas déposer de prescription. Contactez l'atelier pour la renouveler.",
  accountExists: 'Un compte existe déjà pour cette adresse e-mail.',
  unknownStructure: 'Structure introuvable.',
  invalidInvitation: "Ce lien d'invitation n'est pas valide ou a expiré. Demandez-en un nouveau à l'atelier.",
  weakPassword: 'Le mot de passe doit compter au moins 10 caractères.',
  invitationSubject: 'Votre accès au portail Seconde Vie',
} as const;

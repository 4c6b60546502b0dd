/**
 * Every message a portal user or staff member reads, in one place (French): the REST API's
 * scoping, the accounts and passwords, and the portal pages' API.
 */
export const MESSAGES = {
  forbidden: 'Accès refusé.',
  noDelete: "Le portail ne supprime rien : demandez à l'atelier de retirer cette fiche.",
  notFound: 'Introuvable.',
  tooManyAttempts: 'Trop de tentatives. Réessayez dans quelques minutes.',
  missingData: 'Le corps de la requête doit contenir un objet « data ».',
  fieldNotWritable: (field: string) => `Ce champ ne peut pas être modifié depuis le portail : ${field}.`,
  unknownHousehold: 'Foyer inconnu pour votre structure.',
  conventionInactive:
    "La convention d'adhésion de votre structure n'est pas signée ou n'est plus valide : vous ne pouvez pas déposer de prescription. Contactez l'atelier pour la renouveler.",
  prescriptionUnderReview:
    "L'atelier examine déjà cette prescription : elle ne se modifie plus depuis le portail. Contactez l'atelier pour toute correction.",
  accountExists: 'Un compte existe déjà pour cette adresse e-mail.',
  unknownStructure: 'Structure introuvable.',
  invalidInvitation: "Ce lien d'invitation n'est pas valide ou a expiré. Demandez-en un nouveau à l'atelier.",
  weakPassword: 'Le mot de passe doit compter au moins 10 caractères.',
  invalidReset: "Ce lien de nouveau mot de passe n'est pas valide, a déjà servi ou a expiré : refaites la demande.",
  passwordsDiffer: 'Les deux mots de passe ne sont pas identiques.',
  badEmail: "Indiquez l'adresse e-mail de votre compte (exemple : nom@structure.fr).",
  foreignHousehold:
    "Ce document n'est pas disponible depuis le portail : le foyer de cette prescription a d'abord été orienté par une autre structure. Demandez-le à l'atelier.",
  closedRoute: "Cette fonction n'est pas ouverte : les comptes du portail sont créés par l'atelier.",
} as const;

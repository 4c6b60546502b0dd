/** Every message staff or visitors read, in French, in one place (a refused template's: src/shared/server/templating.ts). */
export const MESSAGES = {
  renderFailed: "La génération du PDF a échoué (le moteur de rendu s'est arrêté). Réessayez : il redémarre de lui-même.",
  renderTimeout: (seconds: number) => `La génération du PDF a dépassé le délai de ${seconds} s ; le moteur de rendu a été relancé.`,
  rendererClosed: "Le moteur de rendu est arrêté : l'application est en cours d'arrêt.",
  browserUnavailable: 'Le moteur de rendu (Chromium) ne démarre pas. Vérifiez CHROMIUM_PATH.',
  templateNotFound: 'Modèle de document introuvable.',
  templateNotDefault: "Ce modèle n'a pas de version par défaut à restaurer.",
  templateWrongTarget: (expected: string) => `Ce modèle s'applique à un autre type de fiche (${expected}).`,
  recordNotFound: 'Fiche introuvable.',
  documentNotFound: 'Document introuvable.',
  fileErased: (number: string) => `Le fichier du document ${number} a été effacé avec les données du foyer (anonymisation) ; son numéro et son empreinte restent vérifiables.`,
  fileNotMoved: (number: string) => `Le fichier du document ${number} n'a pas encore été mis à l'abri : il est introuvable dans l'ancien dossier des fichiers. Prévenez la personne qui administre l'application.`,
  fileMissing: (number: string) => `Le fichier du document ${number} est introuvable.`,
  readForbidden: (kind: string) => `Votre rôle ne permet pas de consulter ce document (${kind}) : il contient des données d'une fiche que vous ne pouvez pas lire.`,
  recordForbidden: 'Votre rôle ne permet pas de consulter les documents de cette fiche.',
  kindUnavailable: (kind: string) => `Ce type de document ne peut pas être produit pour cette fiche : ${kind}.`,
  erasureIncomplete: (units: Array<{ labelCode: unknown; reason: string | null }>) =>
    `Attestation impossible : ${units.length > 1 ? `${units.length} unités n'ont pas leur preuve d'effacement` : "l'unité n'a pas sa preuve d'effacement"}. ${units
      .slice(0, 5)
      .map((u) => `${String(u.labelCode ?? '')} : ${u.reason ?? ''}`)
      .join(' ')}${units.length > 5 ? ' …' : ''}`,
  erasureStatusUnavailable: "Le module Chaîne (pipeline) n'est pas activé : l'état d'effacement des unités est indisponible.",
  uploadMissing: 'Joignez le fichier PDF à vérifier.',
  storedFileAltered: (number: string) => `Le fichier stocké du document ${number} ne correspond plus à son empreinte : il n'est pas envoyé.`,
  recipientsMissing: 'Indiquez au moins une adresse e-mail.',
  recipientInvalid: (value: string) => `Adresse e-mail invalide : « ${value} ».`,
  recipientsTooMany: (max: number) => `Au plus ${max} destinataires par envoi.`,
  messageTooLong: 'Le message est trop long (2 000 caractères au plus).',
  batchNoUnits: "Ce don n'a aucune unité : aucune attestation à produire.",
  batchNotFound: 'Génération introuvable.',
  batchResumed: 'Instance arrêtée pendant la génération : reprise par une autre.',
  batchRunning: 'La génération est encore en cours.',
  noRecipientFor: (role: string) => `Aucune adresse e-mail connue pour le ${role} de cette fiche.`,
  actionTemplateUnknown: (key: string) => `Modèle de document inconnu : « ${key} ».`,
  actionTemplateWrongRecord: (key: string) => `Le modèle « ${key} » ne s'applique pas à ce type de fiche.`,
} as const;

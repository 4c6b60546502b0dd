/** Every message staff or visitors read, in French, in one place. */
export const MESSAGES = {
  renderFailed: "La génération du PDF a échoué (le moteur de rendu s'est arrêté). Réessayez : il redémarre de lui-même.",
  renderTimeout: (seconds: number) => `La génération du PDF a dépassé le délai de ${seconds} s ; le moteur de rendu a été relancé.`,
  rendererClosed: "Le moteur de rendu est arrêté : l'application est en cours d'arrêt.",
  browserUnavailable: 'Le moteur de rendu (Chromium) ne démarre pas. Vérifiez CHROMIUM_PATH.',
  templateSyntax: (detail: string) => `Le modèle contient une erreur : ${detail}`,
  templateTripleStash: 'Le modèle ne peut pas insérer de HTML brut ({{{ … }}}) : utilisez {{ … }}.',
  templatePartial: "Le modèle ne peut pas inclure d'autres modèles ({{> … }}).",
  templateUnknownHelper: (name: string) => `Fonction inconnue dans le modèle : « ${name} ».`,
  templateNotFound: 'Modèle de document introuvable.',
  templateNotDefault: "Ce modèle n'a pas de version par défaut à restaurer.",
  templateWrongTarget: (expected: string) => `Ce modèle s'applique à un autre type de fiche (${expected}).`,
  recordNotFound: 'Fiche introuvable.',
  documentNotFound: 'Document introuvable.',
  kindUnavailable: (kind: string) => `Ce type de document ne peut pas être produit pour cette fiche : ${kind}.`,
  barcodeInvalid: (value: string) => `Code-barres impossible pour « ${value} ».`,
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
  batchNotFound: 'Génération introuvable (elle a pu être oubliée au redémarrage de l’application).',
  batchRunning: 'La génération est encore en cours.',
  noRecipientFor: (role: string) => `Aucune adresse e-mail connue pour le ${role} de cette fiche.`,
  actionTemplateUnknown: (key: string) => `Modèle de document inconnu : « ${key} ».`,
  actionTemplateWrongRecord: (key: string) => `Le modèle « ${key} » ne s'applique pas à ce type de fiche.`,
} as const;

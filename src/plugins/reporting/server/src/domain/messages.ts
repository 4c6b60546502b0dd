/** Every message a user reads from this plugin's routes (French). */
export const MESSAGES = {
  fromRequired: 'Début de période (from) : date obligatoire, au format AAAA-MM-JJ.',
  toRequired: 'Fin de période (to) : date obligatoire, au format AAAA-MM-JJ.',
  fromInvalid: 'Début de période (from) : date invalide, format attendu AAAA-MM-JJ (ex. 2011-09-01), année de 1900 à 2999.',
  toInvalid: 'Fin de période (to) : date invalide, format attendu AAAA-MM-JJ (ex. 2012-08-31), année de 1900 à 2999.',
  fromAfterTo: 'Période : le début (from) doit précéder la fin (to).',
  periodTooLong: 'Période : dix ans au plus.',
  territoryInvalid: 'Territoire (territory) inconnu : brest ou bmo, ou rien pour toutes les communes.',
  programmeInvalid: 'Programme (programme) : identifiant invalide.',
  unknownProgramme: 'Programme de financement (programme) inconnu.',
  formatInvalid: 'Format (format) : csv ou xlsx.',
  // yup fills ${unknown} with the names it does not know.
  unknownParameter: 'Paramètre inconnu : ${unknown}.',
  documentsDisabled: "Le module Documents n'est pas activé : le bilan PDF ne peut pas être émis.",
  reportNotFound: 'Bilan introuvable.',
  workshopInvalid: 'Atelier (workshop) : identifiant d’atelier invalide, ou all pour tout le réseau.',
  hourlyRateInvalid: 'Valeur d’une heure de bénévolat (volunteerHourlyRate) : un montant en euros, positif, au centime près (ex. 12.02), 1000 au plus.',
} as const;

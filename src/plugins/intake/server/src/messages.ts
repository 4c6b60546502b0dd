/** Every message the routes answer with, in French: staff read them as they are. */
export const MESSAGES = {
  donationNotFound: 'Lot introuvable.',
  jobNotFound: 'Import introuvable.',
  noFile: "Joignez le fichier de l'inventaire (champ « file »).",
  severalFiles: 'Un seul fichier à la fois.',
  tooBig: (maxMb: number) => `Fichier trop gros : ${maxMb} Mo au plus.`,
  badExtension: 'Fichier refusé : un CSV (.csv, .txt, .tsv) ou un classeur Excel (.xlsx) est attendu.',
  emptyFile: 'Le fichier ne contient aucune machine.',
  tooManyRows: (max: number) => `Trop de lignes : ${max.toLocaleString('fr-FR')} au plus par import ; découpez le fichier.`,
  badMapping: "La correspondance des colonnes n'est pas lisible (JSON attendu : { \"colonne\": \"champ\" }).",
  badField: (field: string, column: string) => `Le champ « ${field} » n'existe pas (colonne « ${column} »).`,
  rowsInError: (n: number) =>
    `${n} ligne${n > 1 ? 's' : ''} en erreur : rien n'a été importé. Corrigez le fichier ou la correspondance des colonnes.`,
  warningsNotAccepted: (n: number) =>
    `${n} avertissement${n > 1 ? 's' : ''} à accepter avant d'importer : rien n'a été importé. Relisez-les dans l'essai à blanc, puis importez en les acceptant (acceptWarnings = le warningsDigest de l'essai).`,
  interrupted: "L'application s'est arrêtée pendant l'import : rien n'a été importé (l'import est d'un seul tenant). Relancez-le.",
  failed: "L'import a échoué : rien n'a été importé.",
  pipelineDisabled: "Le module Chaîne (pipeline) n'est pas activé : les machines importées n'auraient ni étape ni historique, rien n'a été importé.",
} as const;

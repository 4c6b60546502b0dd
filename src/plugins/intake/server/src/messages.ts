/** Every message the routes answer with, in French: staff read them as they are. */
export const MESSAGES = {
  donationNotFound: 'Lot introuvable.',
  jobNotFound: "Import introuvable : il est terminé depuis plus d'une heure, ou l'application a redémarré.",
  noFile: "Joignez le fichier de l'inventaire (champ « file »).",
  severalFiles: 'Un seul fichier à la fois.',
  tooBig: (maxMb: number) => `Fichier trop gros : ${maxMb} Mo au plus.`,
  badExtension: 'Fichier refusé : un CSV (.csv, .txt) ou un classeur Excel (.xlsx) est attendu.',
  emptyFile: 'Le fichier ne contient aucune machine.',
  tooManyRows: (max: number) => `Trop de lignes : ${max} au plus par import ; découpez le fichier.`,
  badMapping: "La correspondance des colonnes n'est pas lisible (JSON attendu : { \"colonne\": \"champ\" }).",
  rowsInError: (n: number) =>
    `${n} ligne${n > 1 ? 's' : ''} en erreur : rien n'a été importé. Corrigez le fichier ou la correspondance des colonnes.`,
  rowRefused: (row: number, reason: string) => `Ligne ${row} refusée : ${reason}`,
  partlyImported: (count: number, lastRow: number) =>
    `Les ${count} premières machines (jusqu'à la ligne ${lastRow}) ont été importées et le restent ; les lignes suivantes ne l'ont pas été. Une nouvelle importation du fichier signalera les lignes déjà enregistrées.`,
  interrupted: "L'application s'est arrêtée pendant l'import : rien n'a été importé.",
  failed: "L'import a échoué : rien n'a été importé.",
} as const;

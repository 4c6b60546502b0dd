import type { MachineTarget, ProblemCode, RowProblem } from '../../../shared/contracts';

/** Kinds that block the import (the others are warnings staff accept before importing). */
export const BLOCKING: ReadonlySet<ProblemCode> = new Set([
  'no_type_column', 'type_missing', 'unreadable', 'out_of_range', 'too_long', 'duplicate_in_file', 'serial_in_database',
]);

export const FIELD_LABELS: Record<MachineTarget, string> = {
  assetTag: "N° d'inventaire", serialNumber: 'N° de série', type: 'Type', brand: 'Marque', model: 'Modèle',
  cpu: 'Processeur', ramGb: 'Mémoire vive', storage: 'Disques', storageSerial: 'N° de série des disques',
  osInstalled: 'Système installé', conditionGrade: 'État', notes: 'Notes',
};

/** A unit already registered with the same serial. */
export interface RegisteredUnit {
  labelCode: string | null;
  donationReference: string | null;
  donorName: string | null;
  /** It belongs to the donation being imported into. */
  sameDonation: boolean;
}

/** The French sentence staff read for each problem, from its facts. */
export const SAY = {
  noTypeColumn: () => 'Aucune colonne ne donne le type de machine : associez-en une au champ « Type ».',
  typeMissing: () => 'Type manquant : il est obligatoire (portable, unité centrale, écran…).',
  ramUnreadable: (value: string) => `Mémoire vive « ${value} » : ce n'est pas un nombre (ex. « 4 Go » ou « 4096 Mio »).`,
  ramTooLarge: (gb: number, max: number) => `Mémoire vive de ${gb} Go : ${max} Go au plus.`,
  diskUnreadable: (reason: string) => `Disque illisible : ${reason}.`,
  diskTooLarge: (gb: number, max: number) => `Disque de ${gb} Go : ${max} Go au plus.`,
  conditionUnknown: (value: string) => `État « ${value} » inconnu : A, B, C ou Non réutilisable (HS).`,
  tooLong: (field: MachineTarget, length: number, max: number) => `${FIELD_LABELS[field]} trop long : ${length} caractères, ${max} au plus.`,
  diskModelTooLong: (model: string, max: number) => `Modèle de disque « ${model} » trop long : ${model.length} caractères, ${max} au plus.`,
  duplicate: (dataRow: number, sheetRow: number) =>
    `N° de série en double dans le fichier : c'est déjà celui de la machine n° ${dataRow} (ligne ${sheetRow} du tableur).`,
  duplicateDiskSerial: (serial: string) => `Deux disques de cette machine portent le n° de série ${serial} : c'est le même disque saisi deux fois.`,
  registered: (unit: RegisteredUnit) => {
    const where = unit.sameDonation
      ? 'dans ce lot'
      : `dans le lot ${unit.donationReference ?? 'sans référence'}${unit.donorName ? ` (${unit.donorName})` : ''}`;
    return `N° de série déjà enregistré ${where} : machine ${unit.labelCode ?? 'sans étiquette'}.`;
  },
  serialEmpty: () => "N° de série vide : la machine sera importée sans n° de série (le contrôle des doublons ne pourra pas s'appliquer).",
  noSerialColumn: (rows: number) =>
    `Aucune colonne ne donne le n° de série : les ${rows} machine(s) seront importées sans n° de série. Associez une colonne au champ « N° de série » si le fichier en a une.`,
  serialPlaceholder: (value: string) => `N° de série « ${value} » ignoré : c'est une valeur par défaut du fabricant, pas un vrai numéro.`,
  typeUnknown: (value: string) => `Type « ${value} » non reconnu : la machine sera importée comme « Autre ».`,
  ambiguous: (chosen: string, rivals: string[]) =>
    `Format ambigu : les en-têtes ressemblent autant à ${rivals.map((r) => `« ${r} »`).join(', ')} qu'à « ${chosen} ». « ${chosen} » a été retenu ; vérifiez la correspondance des colonnes.`,
} as const;

/** A problem of the file as a whole (no unit), shown at the header row. */
export function fileProblem(code: ProblemCode, headerRow: number, message: string, field: MachineTarget | null = null): RowProblem {
  return { code, dataRow: null, sheetRow: headerRow, column: null, field, value: null, message };
}

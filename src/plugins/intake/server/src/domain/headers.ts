import type { ColumnMapping, ColumnMappingInput, FormatId, Target } from '../../../shared/contracts';
import { MULTI_COLUMN_TARGETS, TARGETS } from '../../../shared/contracts';
import { formatColumn } from './formats';
import { normalizeKey } from './normalize';

const SYNONYMS: Record<Exclude<Target, 'ignore'>, string[]> = {
  assetTag: [
    "n° d'inventaire du donateur", "numero d'inventaire", "n° d'inventaire", "no d'inventaire", "num inventaire",
    'inventaire', 'code inventaire', 'inventory number', 'inventory', 'asset tag', 'asset tag number', 'otherserial',
  ],
  serialNumber: [
    'n° de serie', 'numero de serie', 'no de serie', 'num serie', 'serie', 'serial number', 'serial', 'serial no', 'sn', 's/n',
  ],
  type: ['type', 'type de materiel', "type d'ordinateur", 'type de machine', 'categorie', 'category', 'computer type', 'computer types'],
  brand: ['marque', 'fabricant', 'constructeur', 'manufacturer', 'brand', 'make'],
  model: ['modele', 'model', 'model name', 'computer model', 'computer models', 'modele du materiel'],
  cpu: ['processeur', 'processeurs', 'processor', 'processors', 'cpu', 'composants - processeur', 'components - processor'],
  ramGb: [
    'memoire vive', 'memoire', 'ram', 'memory', 'composants - memoire', 'components - memory', 'memoire totale', 'total memory',
  ],
  storage: [
    'disques', 'disque(s) dur(s)', 'disque dur', 'disques durs', 'disque', 'stockage', 'volumes', 'volume', 'hard drive', 'hard drives',
    'hard disk', 'hdd', 'storage', 'disk', 'disks', 'composants - disque dur', 'components - hard drive', 'capacite disque',
    'taille disque', 'volumes - taille', 'volumes - size', 'taille du disque', 'capacite', 'capacite des disques', 'disk size',
    'hard drive size', 'capacity', 'ssd', 'disque(s)',
  ],
  storageSerial: [
    'n° de serie des disques', 'n° de serie du disque', 'numero de serie du disque', 'numero de serie des disques',
    'disk serial', 'hard drive serial', 'composants - disque dur - numero de serie', 'components - hard drive - serial number',
  ],
  osInstalled: [
    'systeme installe', "systeme d'exploitation", "systeme d'exploitation - nom", 'os', 'operating system', 'operating system - name', 'os name',
    'systeme', 'os installe',
  ],
  conditionGrade: ['etat', 'etat general', 'grade', 'condition'],
  notes: [
    'notes', 'note', 'commentaire', 'commentaires', 'comment', 'comments', 'nom', 'name', 'asset name', 'nom de la machine', 'hostname',
    "nom d'hote", 'nom du poste', 'poste', 'computer name', 'machine name',
  ],
};

/** Columns common in donors' exports that say nothing about the unit itself. */
const KNOWN_IGNORED = [
  'id', 'entite', 'entity', 'statut', 'status', 'lieu', 'location', 'derniere modification', 'last update', 'date de creation',
  'creation date', 'company', 'societe', 'purchase date', "date d'achat", 'purchase cost', "prix d'achat", 'checked out', 'checked out to',
  'utilisateur', 'user', 'usager', 'groupe', 'group', 'fournisseur', 'supplier', 'garantie', 'warranty', 'warranty months',
  'adresse mac', 'mac address', 'adresse ip', 'ip address', 'reseau', 'network', 'model no.', 'model number', 'order number',
  'eol', 'created at', 'updated at', 'default location', 'last audit', 'next audit date', 'expected checkin', 'requestable',
  'byod', 'technicien', 'technician', 'domaine', 'domain', "systeme d'exploitation - version", 'operating system - version',
  'composants - carte graphique', 'components - graphics card', 'dernier inventaire', 'last inventory date', 'uuid',
  // Who used the unit at the donor's: personal data the workshop has no use for.
  'utilisateur connecte', 'connected user', 'username', 'employee no.', 'login', 'identifiant', 'proprietaire', 'owner',
];

const BY_KEY = new Map<string, Target>();
for (const [target, names] of Object.entries(SYNONYMS) as [Target, string[]][]) {
  for (const name of names) BY_KEY.set(normalizeKey(name), target);
}
for (const name of KNOWN_IGNORED) if (!BY_KEY.has(normalizeKey(name))) BY_KEY.set(normalizeKey(name), 'ignore');

/** The field a header names, matched without case or accents, with or without its unit. */
export function recogniseHeader(header: string): Target | null {
  const key = normalizeKey(header);
  const direct = BY_KEY.get(key);
  if (direct) return direct;
  const withoutUnit = key.replace(/\s*\([^)]*\)\s*$/, '');
  return BY_KEY.get(withoutUnit) ?? null;
}

/** Makes repeated headers unique ("Type", "Type (2)") so that a mapping can name each column. */
export function uniqueHeaders(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((raw, i) => {
    const header = raw.trim() || `Colonne ${i + 1}`;
    const n = (seen.get(header) ?? 0) + 1;
    seen.set(header, n);
    return n === 1 ? header : `${header} (${n})`;
  });
}

export class MappingError extends Error {
  constructor(public readonly problems: string[]) {
    super(problems.join(' '));
  }
}

export interface MappingChoices {
  /** The format recognised: its own column names come before the usual wordings. */
  format?: FormatId;
  /** Chosen by staff in this request: checked strictly (a column the file lacks is an error). */
  chosen?: ColumnMappingInput;
  /** Chosen at this donor's last import: applied to the columns the file still has. */
  remembered?: ColumnMappingInput;
}

/** Checks a mapping staff sent: columns the file has, fields that exist, one column per field. */
function checkChosen(headers: string[], chosen: ColumnMappingInput): void {
  const problems: string[] = [];
  for (const [header, target] of Object.entries(chosen)) {
    if (!headers.includes(header)) problems.push(`La colonne « ${header} » n'existe pas dans le fichier.`);
    if (!TARGETS.includes(target)) problems.push(`Le champ « ${String(target)} » n'existe pas (colonne « ${header} »).`);
  }
  const taken = new Map<Target, string>();
  for (const [header, target] of Object.entries(chosen)) {
    if (MULTI_COLUMN_TARGETS.includes(target) || !headers.includes(header)) continue;
    const other = taken.get(target);
    if (other) problems.push(`Le champ « ${target} » est associé à deux colonnes : « ${other} » et « ${header} ».`);
    else taken.set(target, header);
  }
  if (problems.length > 0) throw new MappingError(problems);
}

/**
 * The column mapping, each column with why it goes where it goes: staff's choice in this request,
 * then the one remembered for this donor, then the recognised format's own column, then the usual
 * wordings of each field. A field that takes one column keeps the first column given to it.
 * Throws MappingError when staff's choice names a column the file lacks, an unknown field, or one
 * field twice.
 */
export function buildMapping(headers: string[], choices: MappingChoices = {}): ColumnMapping[] {
  const chosen = choices.chosen ?? {};
  checkChosen(headers, chosen);
  const remembered = Object.fromEntries(
    Object.entries(choices.remembered ?? {}).filter(([h, t]) => headers.includes(h) && TARGETS.includes(t) && !(h in chosen)),
  );
  const taken = new Set<Target>();
  const explicit: ColumnMapping[] = [];
  // Today's choices first: a remembered one yields to them.
  for (const [source, given] of [['chosen', chosen], ['remembered', remembered]] as const) {
    for (const header of headers) {
      if (!(header in given)) continue;
      const target = given[header];
      if (!MULTI_COLUMN_TARGETS.includes(target) && taken.has(target)) continue;
      if (!MULTI_COLUMN_TARGETS.includes(target)) taken.add(target);
      explicit.push({ header, target, source });
    }
  }
  return headers.map((header): ColumnMapping => {
    const given = explicit.find((c) => c.header === header);
    if (given) return given;
    const fromFormat = choices.format ? formatColumn(choices.format, header) : null;
    const target = fromFormat ?? recogniseHeader(header);
    if (!target) return { header, target: 'ignore', source: 'unknown' };
    const source = fromFormat ? 'format' : 'synonym';
    if (MULTI_COLUMN_TARGETS.includes(target)) return { header, target, source };
    if (taken.has(target)) return { header, target: 'ignore', source };
    taken.add(target);
    return { header, target, source };
  });
}

import type { ColumnMapping, ColumnMappingInput, FormatId, Target } from '../../../shared/contracts';
import { MULTI_COLUMN_TARGETS, TARGETS } from '../../../shared/contracts';
import { normalizeKey } from './normalize';

/** Our own template's headers, in column order (the downloadable CSV). */
export const TEMPLATE_HEADERS: { header: string; target: Target }[] = [
  { header: "N° d'inventaire du donateur", target: 'assetTag' },
  { header: 'N° de série', target: 'serialNumber' },
  { header: 'Type', target: 'type' },
  { header: 'Marque', target: 'brand' },
  { header: 'Modèle', target: 'model' },
  { header: 'Processeur', target: 'cpu' },
  { header: 'Mémoire vive (Go)', target: 'ramGb' },
  { header: 'Disques (Go)', target: 'storage' },
  { header: 'N° de série des disques', target: 'storageSerial' },
  { header: 'Système installé', target: 'osInstalled' },
  { header: 'État', target: 'conditionGrade' },
  { header: 'Notes', target: 'notes' },
];

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
    'taille disque', 'volumes - taille', 'volumes - size', 'taille du disque',
  ],
  storageSerial: [
    'n° de serie des disques', 'n° de serie du disque', 'numero de serie du disque', 'numero de serie des disques',
    'disk serial', 'hard drive serial', 'composants - disque dur - numero de serie', 'components - hard drive - serial number',
  ],
  osInstalled: [
    'systeme installe', "systeme d'exploitation", "systeme d'exploitation - nom", 'os', 'operating system', 'operating system - name', 'os name',
  ],
  conditionGrade: ['etat', 'etat general', 'grade', 'condition'],
  notes: [
    'notes', 'note', 'commentaire', 'commentaires', 'comment', 'comments', 'nom', 'name', 'asset name', 'nom de la machine', 'hostname',
    "nom d'hote",
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
];

const BY_KEY = new Map<string, Target>();
for (const [target, names] of Object.entries(SYNONYMS) as [Target, string[]][]) {
  for (const name of names) BY_KEY.set(normalizeKey(name), target);
}
for (const name of KNOWN_IGNORED) if (!BY_KEY.has(normalizeKey(name))) BY_KEY.set(normalizeKey(name), 'ignore');

/** The unit a header announces in parentheses: "Mémoire (Mio)", "Disques (Go)". */
export type UnitHint = 'mega' | 'mebi' | 'giga' | null;

export function unitHint(header: string): UnitHint {
  const match = /\(([^)]*)\)\s*$/.exec(normalizeKey(header));
  const unit = match?.[1].trim();
  if (unit === 'mio' || unit === 'mib') return 'mebi';
  if (unit === 'mo' || unit === 'mb') return 'mega';
  if (unit === 'go' || unit === 'gb' || unit === 'gio' || unit === 'gib') return 'giga';
  return null;
}

/** The field a header names, matched without case or accents, with or without its unit. */
export function recogniseHeader(header: string): Target | null {
  const key = normalizeKey(header);
  const direct = BY_KEY.get(key);
  if (direct) return direct;
  const withoutUnit = key.replace(/\s*\([^)]*\)\s*$/, '');
  return BY_KEY.get(withoutUnit) ?? null;
}

const SIGNATURES: { id: Exclude<FormatId, 'unknown'>; label: string; headers: string[] }[] = [
  { id: 'seconde-vie', label: 'Modèle Seconde Vie', headers: TEMPLATE_HEADERS.map((h) => h.header) },
  {
    id: 'glpi-fr',
    label: 'Export GLPI (en-têtes français)',
    headers: ['Nom', 'Entité', 'Statut', 'Fabricant', 'Numéro de série', "Numéro d'inventaire", 'Modèle', 'Lieu',
      'Dernière modification', 'Composants - Processeur', "Système d'exploitation - Nom", 'Mémoire (Mio)', 'Disque(s) dur(s)'],
  },
  {
    id: 'glpi-en',
    label: 'Export GLPI (en-têtes anglais)',
    headers: ['Name', 'Entity', 'Status', 'Manufacturer', 'Serial number', 'Inventory number', 'Model', 'Location',
      'Last update', 'Components - Processor', 'Operating system - Name', 'Memory (MiB)', 'Hard drives'],
  },
  {
    id: 'snipe-it',
    label: 'Export Snipe-IT',
    headers: ['Asset Tag', 'Asset Name', 'Serial', 'Model No.', 'Category', 'Checked Out', 'Purchase Date', 'Purchase Cost',
      'Company', 'Default Location', 'Requestable', 'Last Audit'],
  },
];

export const FORMAT_LABELS: Record<FormatId, string> = {
  ...(Object.fromEntries(SIGNATURES.map((s) => [s.id, s.label])) as Record<Exclude<FormatId, 'unknown'>, string>),
  unknown: 'Format non reconnu',
};

/** Which known export the headers look like: the one with most of its headers present (3 at least). */
export function recogniseFormat(headers: string[]): FormatId {
  const present = new Set(headers.map(normalizeKey));
  let best: FormatId = 'unknown';
  let bestScore = 2;
  for (const signature of SIGNATURES) {
    const score = signature.headers.filter((h) => present.has(normalizeKey(h))).length;
    if (score > bestScore) {
      best = signature.id;
      bestScore = score;
    }
  }
  return best;
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

/**
 * The column mapping: staff's explicit choices first, then recognised headers; a field that
 * takes one column keeps the first column recognised for it. Throws MappingError on a mapping
 * naming a column the file does not have, an unknown field, or a field chosen twice.
 */
export function buildMapping(headers: string[], explicit: ColumnMappingInput = {}): ColumnMapping[] {
  const problems: string[] = [];
  for (const [header, target] of Object.entries(explicit)) {
    if (!headers.includes(header)) problems.push(`La colonne « ${header} » n'existe pas dans le fichier.`);
    if (!TARGETS.includes(target)) problems.push(`Le champ « ${String(target)} » n'existe pas (colonne « ${header} »).`);
  }
  const taken = new Map<Target, string>();
  for (const [header, target] of Object.entries(explicit)) {
    if (MULTI_COLUMN_TARGETS.includes(target) || !headers.includes(header)) continue;
    const other = taken.get(target);
    if (other) problems.push(`Le champ « ${target} » est associé à deux colonnes : « ${other} » et « ${header} ».`);
    else taken.set(target, header);
  }
  if (problems.length > 0) throw new MappingError(problems);

  return headers.map((header) => {
    if (header in explicit) return { header, target: explicit[header], recognised: true };
    const recognised = recogniseHeader(header);
    if (!recognised) return { header, target: 'ignore', recognised: false };
    if (MULTI_COLUMN_TARGETS.includes(recognised)) return { header, target: recognised, recognised: true };
    if (taken.has(recognised)) return { header, target: 'ignore', recognised: true };
    taken.set(recognised, header);
    return { header, target: recognised, recognised: true };
  });
}

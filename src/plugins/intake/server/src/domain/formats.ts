import type { FormatCandidate, FormatId, FormatRecognition, Target } from '../../../shared/contracts';
import { normalizeKey } from './normalize';

/**
 * The exports we know, each with the headers only its tool writes (the evidence that recognises
 * it) and how its own columns map to a machine. Sources: GLPI's CSV search export
 * (src/Search/Output/CSVSearchOutput.php, "group - name" headers, fr_FR/en_GB locales), Snipe-IT's
 * custom asset report (ReportsController::postCustom, resources/lang/en), OCS Inventory NG's
 * computer list export (ocsreports ms_all_computers.php + ms_csv.php, plugins/language).
 */
export interface FormatSignature {
  id: Exclude<FormatId, 'unknown'>;
  /** The tool, so that two languages of one tool share evidence without competing. */
  tool: 'seconde-vie' | 'glpi' | 'snipe-it' | 'ocs';
  label: string;
  /** Headers that, among the formats we know, only this tool writes. */
  telltale: string[];
  /** This tool's columns and the field each fills (before the generic synonyms). */
  columns: Record<string, Target>;
}

export const TEMPLATE_COLUMNS: [string, Target][] = [
  ["N° d'inventaire du donateur", 'assetTag'],
  ['N° de série', 'serialNumber'],
  ['Type', 'type'],
  ['Marque', 'brand'],
  ['Modèle', 'model'],
  ['Processeur', 'cpu'],
  ['Mémoire vive (Go)', 'ramGb'],
  ['Disques (Go)', 'storage'],
  ['N° de série des disques', 'storageSerial'],
  ['Système installé', 'osInstalled'],
  ['État', 'conditionGrade'],
  ['Notes', 'notes'],
];

const GLPI_FR: Record<string, Target> = {
  Nom: 'notes', Entité: 'ignore', Statut: 'ignore', Fabricant: 'brand', 'Numéro de série': 'serialNumber', Type: 'type',
  Modèle: 'model', "Numéro d'inventaire": 'assetTag', Lieu: 'ignore', 'Dernière modification': 'ignore',
  "Système d'exploitation - Nom": 'osInstalled', "Système d'exploitation - Version": 'ignore', 'Composants - Processeur': 'cpu',
  'Composants - Mémoire': 'ramGb', 'Mémoire (Mio)': 'ramGb', 'Composants - Disque dur': 'storage', 'Disque(s) dur(s)': 'storage',
  'Composants - Disque dur : Capacité': 'storage', 'Composants - Disque dur : Numéro de série': 'storageSerial',
  'Volumes - Taille totale': 'storage', 'Volumes - Taille': 'storage', Commentaires: 'notes', Usager: 'ignore',
  Utilisateur: 'ignore', Groupe: 'ignore', 'Technicien en charge du matériel': 'ignore', 'Date de création': 'ignore',
  'Réseau - Adresse MAC': 'ignore', 'Composants - Carte graphique': 'ignore', 'Dernier inventaire': 'ignore', UUID: 'ignore',
};

const GLPI_EN: Record<string, Target> = {
  Name: 'notes', Entity: 'ignore', Status: 'ignore', Manufacturer: 'brand', 'Serial number': 'serialNumber', Type: 'type',
  Model: 'model', 'Inventory number': 'assetTag', Location: 'ignore', 'Last update': 'ignore',
  'Operating system - Name': 'osInstalled', 'Operating system - Version': 'ignore', 'Components - Processor': 'cpu',
  'Components - Memory': 'ramGb', 'Memory (MiB)': 'ramGb', 'Components - Hard drive': 'storage', 'Hard drives': 'storage',
  'Components - Hard drive: Capacity': 'storage', 'Components - Hard drive: Serial number': 'storageSerial',
  'Volumes - Global size': 'storage', 'Volumes - Size': 'storage', Comments: 'notes', User: 'ignore', Group: 'ignore',
  'Technician in charge of the hardware': 'ignore', 'Creation date': 'ignore', 'Network - MAC address': 'ignore',
  'Components - Graphics card': 'ignore', 'Last inventory date': 'ignore', UUID: 'ignore',
};

const SNIPE_IT: Record<string, Target> = {
  ID: 'ignore', Company: 'ignore', 'Asset Name': 'notes', 'Asset Tag': 'assetTag', Model: 'model', 'Model No.': 'notes',
  Category: 'type', Manufacturer: 'brand', Serial: 'serialNumber', Purchased: 'ignore', 'Purchase Date': 'ignore',
  Cost: 'ignore', 'Purchase Cost': 'ignore', EOL: 'ignore', 'Order Number': 'ignore', Supplier: 'ignore', Location: 'ignore',
  'Default Location': 'ignore', 'Checked Out': 'ignore', 'Checked Out To': 'ignore',
  // In the custom report, "Type" says what the asset is checked out to (user, location), not what it is.
  Type: 'ignore', Username: 'ignore', 'Employee No.': 'ignore', Status: 'ignore', Warranty: 'ignore',
  'Warranty Expires': 'ignore', 'Checkout Date': 'ignore', 'Expected Checkin Date': 'ignore', 'Created at': 'ignore',
  'Updated at': 'ignore', 'Last Audit': 'ignore', 'Next Audit Date': 'ignore', Notes: 'notes', Image: 'ignore',
  'Device Image': 'ignore', Age: 'ignore', Checkouts: 'ignore', Checkins: 'ignore', Requests: 'ignore',
  // Custom fields of the "Laptops and Desktops" fieldset Snipe-IT seeds, and common additions.
  RAM: 'ramGb', CPU: 'cpu', 'MAC Address': 'ignore', 'Hard Drive': 'storage', Storage: 'storage', HDD: 'storage',
  'Operating System': 'osInstalled', OS: 'osInstalled',
};

const OCS_FR: Record<string, Target> = {
  TAG: 'ignore', 'Dernier inventaire': 'ignore', Machine: 'notes', 'Utilisateur connecté': 'ignore', Systeme: 'osInstalled',
  'RAM (Mo)': 'ramGb', 'CPU (MHz)': 'ignore', 'Id de la machine': 'ignore', Domaine: 'ignore', 'Version du système': 'ignore',
  'Service pack': 'ignore', 'Type de processeur': 'cpu', 'Nombre de processeurs': 'ignore', 'Espace de Swap': 'ignore',
  'Dernière visite': 'ignore', Description: 'notes', Fabricant: 'brand', 'Fabricant du BIOS': 'ignore',
  'BIOS Numéro de série': 'serialNumber', Modèle: 'model', 'Version BIOS': 'ignore', 'Adresse IP': 'ignore',
  "Domaine de l'utilisateur": 'ignore', Architecture: 'ignore', 'Date BIOS': 'ignore', 'Carte vidéo': 'ignore',
  "Catégorie d'Actifs": 'type', 'BIOS Numéro de série de la carte mère': 'ignore', 'Adresse MAC': 'ignore',
};

const OCS_EN: Record<string, Target> = {
  TAG: 'ignore', 'Last inventory': 'ignore', Computer: 'notes', 'Connected user': 'ignore', 'Operating system': 'osInstalled',
  'RAM (MB)': 'ramGb', 'CPU (MHz)': 'ignore', 'Computer Id': 'ignore', Domain: 'ignore', 'OS Version': 'ignore',
  'Service pack': 'ignore', 'CPU type': 'cpu', 'CPU number': 'ignore', Swap: 'ignore', 'Last come': 'ignore',
  Description: 'notes', Manufacturer: 'brand', 'BIOS Manufacturer': 'ignore', 'BIOS Serial number': 'serialNumber',
  Model: 'model', 'BIOS Version': 'ignore', 'IP address': 'ignore', Userdomain: 'ignore', Architecture: 'ignore',
  'BIOS Date': 'ignore', 'Video card': 'ignore', 'Assets category': 'type', 'BIOS Motherboard Serial': 'ignore',
  'MAC address': 'ignore',
};

export const SIGNATURES: FormatSignature[] = [
  {
    id: 'seconde-vie', tool: 'seconde-vie', label: 'Modèle Seconde Vie',
    telltale: ["N° d'inventaire du donateur", 'Mémoire vive (Go)', 'Disques (Go)', 'N° de série des disques', 'Système installé'],
    columns: Object.fromEntries(TEMPLATE_COLUMNS),
  },
  {
    id: 'glpi-fr', tool: 'glpi', label: 'Export GLPI (en-têtes français)',
    telltale: ['Entité', 'Dernière modification', "Numéro d'inventaire", "Système d'exploitation - Nom", 'Composants - Processeur',
      'Composants - Mémoire', 'Composants - Disque dur', 'Mémoire (Mio)', 'Disque(s) dur(s)', 'Volumes - Taille totale'],
    columns: GLPI_FR,
  },
  {
    id: 'glpi-en', tool: 'glpi', label: 'Export GLPI (en-têtes anglais)',
    telltale: ['Entity', 'Last update', 'Inventory number', 'Operating system - Name', 'Components - Processor',
      'Components - Memory', 'Components - Hard drive', 'Memory (MiB)', 'Hard drives', 'Volumes - Global size'],
    columns: GLPI_EN,
  },
  {
    id: 'snipe-it', tool: 'snipe-it', label: 'Export Snipe-IT',
    telltale: ['Asset Tag', 'Asset Name', 'Model No.', 'Checked Out', 'Checked Out To', 'Default Location', 'EOL', 'Purchased',
      'Last Audit', 'Next Audit Date', 'Warranty Expires', 'Expected Checkin Date'],
    columns: SNIPE_IT,
  },
  {
    id: 'ocs-fr', tool: 'ocs', label: 'Export OCS Inventory NG (en-têtes français)',
    telltale: ['Dernier inventaire', 'Utilisateur connecté', 'Systeme', 'RAM (Mo)', 'BIOS Numéro de série', 'Type de processeur',
      "Catégorie d'Actifs", 'Id de la machine', 'Dernière visite', 'CPU (MHz)'],
    columns: OCS_FR,
  },
  {
    id: 'ocs-en', tool: 'ocs', label: 'Export OCS Inventory NG (en-têtes anglais)',
    telltale: ['Last inventory', 'Connected user', 'RAM (MB)', 'BIOS Serial number', 'CPU type', 'Assets category', 'Computer Id',
      'Last come', 'CPU (MHz)'],
    columns: OCS_EN,
  },
];

export const FORMAT_LABELS: Record<FormatId, string> = {
  ...(Object.fromEntries(SIGNATURES.map((s) => [s.id, s.label])) as Record<Exclude<FormatId, 'unknown'>, string>),
  unknown: 'Format non reconnu',
};

/** A format is recognised from this many of its tell-tale headers. */
export const MIN_EVIDENCE = 2;

/** The file's headers, by matching key, keeping how the file spells them. */
const byKey = (headers: string[]) => new Map(headers.map((h) => [normalizeKey(h), h]));

/** The field a recognised format gives a header, if the format names it. */
export function formatColumn(format: FormatId, header: string): Target | null {
  const signature = SIGNATURES.find((s) => s.id === format);
  if (!signature) return null;
  const key = normalizeKey(header);
  for (const [name, target] of Object.entries(signature.columns)) if (normalizeKey(name) === key) return target;
  return null;
}

/**
 * Which export the headers come from, by evidence: the tell-tale headers of each format found in
 * the file (a tell-tale another tool also writes is no evidence). The format with most evidence
 * wins; a tie between tools is reported as ambiguous, with the choice made and why.
 */
export function recogniseFormat(headers: string[]): FormatRecognition {
  const present = byKey(headers);
  const candidates: FormatCandidate[] = SIGNATURES.map((s) => {
    const others = SIGNATURES.filter((o) => o.tool !== s.tool).flatMap((o) => o.telltale.map(normalizeKey));
    const evidence = s.telltale
      .filter((h) => !others.includes(normalizeKey(h)))
      .flatMap((h) => (present.has(normalizeKey(h)) ? [present.get(normalizeKey(h)) as string] : []));
    // Tie-break: how many of the file's columns the format knows.
    const known = headers.filter((h) => formatColumn(s.id, h) !== null).length;
    return { format: s.id, label: s.label, evidence, known };
  })
    .filter((c) => c.evidence.length > 0)
    .sort((a, b) => b.evidence.length - a.evidence.length || b.known - a.known);

  const best = candidates[0];
  if (!best || best.evidence.length < MIN_EVIDENCE) {
    return { format: 'unknown', label: FORMAT_LABELS.unknown, evidence: [], ambiguous: false, candidates };
  }
  const bestTool = SIGNATURES.find((s) => s.id === best.format)?.tool;
  const rivals = candidates.filter(
    (c) => c.format !== best.format && c.evidence.length === best.evidence.length && SIGNATURES.find((s) => s.id === c.format)?.tool !== bestTool,
  );
  return { format: best.format, label: best.label, evidence: best.evidence, ambiguous: rivals.length > 0, candidates };
}

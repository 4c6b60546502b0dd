import type { ConditionGrade, MachineType, StorageDeviceDraft } from '../../../shared/contracts';
import type { UnitHint } from './headers';
import { normalizeKey } from './normalize';

/** Words as a padded string, so that " portable " matches a whole word. */
const words = (text: string) => ` ${normalizeKey(text).replace(/[^a-z0-9]+/g, ' ').trim()} `;
const hasWord = (haystack: string, phrase: string) => haystack.includes(` ${phrase} `) || haystack.includes(` ${phrase}s `);

const TYPE_WORDS: [MachineType, string[]][] = [
  ['all_in_one', ['tout en un', 'all in one', 'aio']],
  ['screen', ['ecran', 'moniteur', 'monitor', 'screen', 'display', 'lcd']],
  ['laptop', ['ordinateur portable', 'portable', 'laptop', 'notebook', 'netbook', 'ultrabook', 'pc portable']],
  ['desktop', ['unite centrale', 'desktop', 'tour', 'mini tour', 'fixe', 'ordinateur fixe', 'ordinateur de bureau', 'pc de bureau', 'workstation', 'station de travail', 'sff', 'small form factor']],
  ['server', ['serveur', 'server', 'rack', 'baie serveur']],
  ['other', ['autre', 'other', 'tablette', 'tablet', 'imprimante', 'printer', 'client leger', 'thin client']],
];

const API_TYPES: MachineType[] = ['desktop', 'laptop', 'all_in_one', 'server', 'screen', 'other'];

/**
 * The machine type a donor's wording means ("Ordinateur portable", "Laptops", "Unité centrale"...).
 * `known` is false when nothing matched: the unit is then taken as "other".
 */
export function parseMachineType(text: string): { type: MachineType; known: boolean } {
  const raw = normalizeKey(text);
  if ((API_TYPES as string[]).includes(raw)) return { type: raw as MachineType, known: true };
  const w = words(text);
  for (const [type, phrases] of TYPE_WORDS) {
    if (phrases.some((p) => hasWord(w, p))) return { type, known: true };
  }
  return { type: 'other', known: false };
}

const CONDITIONS: [ConditionGrade, string[]][] = [
  ['grade_a', ['a', 'grade a', 'grade_a', 'tres bon', 'tres bon etat', 'excellent', 'comme neuf', 'very good']],
  ['grade_b', ['b', 'grade b', 'grade_b', 'bon', 'bon etat', 'good']],
  ['grade_c', ['c', 'grade c', 'grade_c', 'use', 'moyen', 'passable', 'fair', 'worn']],
  ['unusable', ['d', 'hs', 'h.s.', 'hors service', 'non reutilisable', 'inutilisable', 'en panne', 'unusable', 'broken', 'unusable']],
];

/** The condition grade ("A", "Bon état", "HS"...), or null when the wording is unknown. */
export function parseCondition(text: string): ConditionGrade | null {
  const key = normalizeKey(text).replace(/\s*[—-]\s.*$/, '');
  for (const [grade, names] of CONDITIONS) if (names.includes(key)) return grade;
  return null;
}

type Prefix = 'kilo' | 'kibi' | 'mega' | 'mebi' | 'giga' | 'gibi' | 'tera' | 'tebi';

const UNITS: Record<string, Prefix> = {
  ko: 'kilo', kb: 'kilo', kio: 'kibi', kib: 'kibi',
  mo: 'mega', mb: 'mega', m: 'mega', mio: 'mebi', mib: 'mebi',
  go: 'giga', gb: 'giga', g: 'giga', gio: 'gibi', gib: 'gibi',
  to: 'tera', tb: 'tera', t: 'tera', tio: 'tebi', tib: 'tebi',
};

/** "476 940 Mio" → { value: 476940, unit: 'mebi' }; "8 Go DDR3" → 8 giga; null when not a number. */
export function parseQuantity(text: string): { value: number; unit: Prefix | null } | null {
  const compact = normalizeKey(text).replace(/(\d)[ ](?=\d{3}\b)/g, '$1');
  const match = /^(\d+(?:[.,]\d+)?)\s*([a-z]+)?\b/.exec(compact);
  if (!match) return null;
  const value = Number(match[1].replace(',', '.'));
  if (!Number.isFinite(value)) return null;
  const unitWord = match[2];
  if (unitWord === undefined) return { value, unit: null };
  const unit = UNITS[unitWord];
  return unit ? { value, unit } : { value, unit: null };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * RAM in GB from "4 Go", "4096 Mo", "4096" (a header in Mio says so; a bare number above 256
 * can only be MiB). Memory sizes are binary whatever the label says: 4096 Mo = 4 Go.
 */
export function parseRamGb(text: string, hint: UnitHint): number | null {
  const q = parseQuantity(text);
  if (!q) return null;
  let unit = q.unit;
  if (unit === null) unit = hint === 'mebi' || hint === 'mega' ? 'mebi' : hint === 'giga' ? 'gibi' : q.value > 256 ? 'mebi' : 'gibi';
  const factor: Record<Prefix, number> = {
    kilo: 1 / 1024 ** 2, kibi: 1 / 1024 ** 2, mega: 1 / 1024, mebi: 1 / 1024, giga: 1, gibi: 1, tera: 1024, tebi: 1024,
  };
  return round(q.value * factor[unit], 2);
}

/**
 * A disk's capacity in GB as printed on its label (decimal): "500 Go" → 500, "476940 Mio"
 * (what GLPI stores) → 500, "1 To" → 1000. A bare number above 20,000 can only be MiB.
 */
export function parseCapacityGb(text: string, hint: UnitHint): number | null {
  const q = parseQuantity(text);
  if (!q) return null;
  let unit = q.unit;
  if (unit === null) unit = hint === 'mebi' ? 'mebi' : hint === 'mega' ? 'mega' : hint === 'giga' ? 'giga' : q.value > 20000 ? 'mebi' : 'giga';
  const factor: Record<Prefix, number> = {
    kilo: 1e-6, kibi: 1024 / 1e9, mega: 1e-3, mebi: 1024 ** 2 / 1e9, giga: 1, gibi: 1024 ** 3 / 1e9, tera: 1000, tebi: 1024 ** 4 / 1e9,
  };
  return Math.round(q.value * factor[unit]);
}

/** The pieces of a multi-valued cell: GLPI separates them with "$$##$$", "<br>" or line breaks. */
export function splitMultiValue(text: string): string[] {
  return text
    .split(/\$\$##\$\$|<br\s*\/?>|\r?\n|\s\+\s|\s\/\s|\||;|,\s+/i)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** The disk interface a description names ("NVMe", "IDE"...); SATA, the component's default, otherwise. */
export function parseInterface(text: string): StorageDeviceDraft['interface'] {
  const w = words(text);
  if (hasWord(w, 'nvme') || hasWord(w, 'm 2') || hasWord(w, 'pcie')) return 'nvme';
  if (hasWord(w, 'ide') || hasWord(w, 'pata')) return 'ide';
  if (hasWord(w, 'sas') || hasWord(w, 'scsi')) return 'sas';
  if (hasWord(w, 'emmc')) return 'emmc';
  if (hasWord(w, 'usb')) return 'usb';
  return 'sata';
}

const PLACEHOLDER_SERIALS = new Set(
  ['to be filled by o.e.m.', 'to be filled by oem', 'default string', 'system serial number', 'none', 'n/a', 'na', '-', '--',
    'inconnu', 'unknown', '0', '00000000', '0123456789', 'not specified', 'not applicable', 'non renseigne', 'sans'].map(normalizeKey),
);

/** Serials that BIOSes and inventory tools write when they know none: not a real serial. */
export function isPlaceholderSerial(text: string): boolean {
  return PLACEHOLDER_SERIALS.has(normalizeKey(text));
}

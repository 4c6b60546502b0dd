import type { ConditionGrade, MachineType } from '../../../shared/contracts';
import { parseQuantity, ramGb, type UnitHint } from './sizes';
import { normalizeKey } from './normalize';
import { MACHINE_TYPES } from '../../../../../shared/vocabulary';

/** Words as a padded string, so that " portable " matches a whole word. */
const words = (text: string) => ` ${normalizeKey(text).replace(/[^a-z0-9]+/g, ' ').trim()} `;
const hasWord = (haystack: string, phrase: string) => haystack.includes(` ${phrase} `) || haystack.includes(` ${phrase}s `);

const TYPE_WORDS: [MachineType, string[]][] = [
  ['all_in_one', ['tout en un', 'all in one', 'aio']],
  ['screen', ['ecran', 'moniteur', 'monitor', 'screen', 'display', 'lcd']],
  ['laptop', ['ordinateur portable', 'portable', 'laptop', 'notebook', 'netbook', 'ultrabook', 'pc portable']],
  ['desktop', ['unite centrale', 'desktop', 'tour', 'mini tour', 'fixe', 'ordinateur fixe', 'ordinateur de bureau', 'pc de bureau', 'workstation', 'station de travail', 'sff', 'small form factor']],
  ['server', ['serveur', 'server', 'rack', 'baie serveur', 'serveur rack', 'rack server']],
  ['other', ['autre', 'other', 'tablette', 'tablet', 'imprimante', 'printer', 'client leger', 'thin client']],
];

const API_TYPES: readonly MachineType[] = MACHINE_TYPES;

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

/**
 * RAM in GB from "4 Go", "4096 Mo", "4 096", "8 GB DDR3" (a header in Mio says so; a bare number
 * above 256 can only be MiB); null when the text is not a quantity.
 */
export function parseRamGb(text: string, hint: UnitHint): number | null {
  const quantity = parseQuantity(text);
  return quantity ? ramGb(quantity, hint) : null;
}

const PLACEHOLDER_SERIALS = new Set(
  ['to be filled by o.e.m.', 'to be filled by oem', 'default string', 'system serial number', 'none', 'n/a', 'na', '-', '--',
    'inconnu', 'unknown', '0', '00000000', '0123456789', 'not specified', 'not applicable', 'non renseigne', 'sans'].map(normalizeKey),
);

/** Serials that BIOSes and inventory tools write when they know none: not a real serial. */
export function isPlaceholderSerial(text: string): boolean {
  return PLACEHOLDER_SERIALS.has(normalizeKey(text));
}

/**
 * Sizes as inventory tools print them: "80 Go", "74,53 Gio", "476 940 Mio", "1.82 TiB", "500GB".
 * French tools write octets (o, Ko, Mo, Go, To; Kio, Mio… for binary), English ones bytes
 * (KB, MB, GB, TB; KiB, MiB…). Decimal commas and spaces between thousands are both common.
 */

export type Prefix = 'kilo' | 'kibi' | 'mega' | 'mebi' | 'giga' | 'gibi' | 'tera' | 'tebi';

/** The unit a header announces in parentheses, e.g. "Mémoire (Mio)" or "RAM (MB)". */
export type UnitHint = Prefix | null;

export const UNIT_WORDS: Record<string, Prefix> = {
  ko: 'kilo', kb: 'kilo', k: 'kilo', kio: 'kibi', kib: 'kibi',
  mo: 'mega', mb: 'mega', m: 'mega', mio: 'mebi', mib: 'mebi',
  go: 'giga', gb: 'giga', g: 'giga', gio: 'gibi', gib: 'gibi',
  to: 'tera', tb: 'tera', t: 'tera', tio: 'tebi', tib: 'tebi',
};

/** Bytes in one unit of each prefix. */
export const BYTES: Record<Prefix, number> = {
  kilo: 1e3, kibi: 1024, mega: 1e6, mebi: 1024 ** 2, giga: 1e9, gibi: 1024 ** 3, tera: 1e12, tebi: 1024 ** 4,
};

export interface SizeToken {
  value: number;
  unit: Prefix | null;
  /** Where the token starts and ends in the text it was found in. */
  start: number;
  end: number;
}

const unitPattern = (words: string[]) => words.sort((a, b) => b.length - a.length).join('|');
// Units of several letters may follow a space ("80 Go"); a single letter only sticks to the number
// ("500G"), or "USB 3.0 K…" would read as 3 kB. A rate ("6 Gb/s") is no size.
const WORD_UNITS = unitPattern(Object.keys(UNIT_WORDS).filter((w) => w.length > 1));
const LETTER_UNITS = unitPattern(Object.keys(UNIT_WORDS).filter((w) => w.length === 1));
// A number that does not continue a word ("WD800JD", "A-0G" hold no size), thousands grouped by
// spaces or not, a decimal part after a comma or a point, then an optional unit that ends the word.
const SIZE_RE = new RegExp(
  `(?<![\\p{L}\\p{N}.,])(?<![\\p{L}\\p{N}][-/])(\\d{1,3}(?:[ \\u00a0\\u202f]\\d{3})+|\\d+)(?:[.,](\\d+))?` +
    `(?:[ \\u00a0\\u202f]?(${WORD_UNITS})|(${LETTER_UNITS}))?(?![\\p{L}\\p{N}])(?!\\/s)`,
  'giu',
);

/** Every size-looking token of a text, in order; `unit` is null for a bare number. */
export function findSizes(text: string): SizeToken[] {
  const tokens: SizeToken[] = [];
  for (const match of text.matchAll(SIZE_RE)) {
    const whole = match[1].replace(/[ \u00a0\u202f]/g, '');
    const value = Number(match[2] === undefined ? whole : `${whole}.${match[2]}`);
    if (!Number.isFinite(value)) continue;
    const unitWord = (match[3] ?? match[4])?.toLowerCase();
    tokens.push({ value, unit: unitWord ? UNIT_WORDS[unitWord] : null, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** "476 940 Mio" → 476940 mebi; "8" → 8 with no unit; null when the text is not one quantity. */
export function parseQuantity(text: string): { value: number; unit: Prefix | null } | null {
  const trimmed = text.trim();
  const [first] = findSizes(trimmed);
  if (!first || first.start !== 0) return null;
  const rest = trimmed.slice(first.end).trim();
  // "4 Go DDR3", "8 GB (2 x 4)": what follows the quantity describes it.
  if (rest !== '' && first.unit === null) return null;
  return { value: first.value, unit: first.unit };
}

/** The unit a header names in parentheses: "Mémoire (Mio)", "Disques (Go)", "RAM (MB)". */
export function unitHint(header: string): UnitHint {
  const match = /\(\s*([a-z]+)\s*\)\s*$/i.exec(header.trim());
  const word = match?.[1].toLowerCase();
  return word && word in UNIT_WORDS && word.length > 1 ? UNIT_WORDS[word] : null;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * RAM in GB (GiB in fact: memory is binary whatever its label says, 4096 Mo = 4 Go). A bare
 * number takes the header's unit; without one, above 256 it can only be MiB.
 */
export function ramGb(quantity: { value: number; unit: Prefix | null }, hint: UnitHint): number {
  let unit = quantity.unit ?? hint;
  if (unit === null) unit = quantity.value > 256 ? 'mebi' : 'gibi';
  const binary: Record<Prefix, number> = {
    kilo: 1 / 1024 ** 2, kibi: 1 / 1024 ** 2, mega: 1 / 1024, mebi: 1 / 1024, giga: 1, gibi: 1, tera: 1024, tebi: 1024,
  };
  return round(quantity.value * binary[unit], 2);
}

/**
 * A disk's capacity in GB as printed on its label (decimal): "80 Go" → 80, "76319 Mio" and
 * "74.53 Gio" (what GLPI stores and shows) → 80, "1 To" → 1000. A bare number takes the
 * header's unit; without one, above 20,000 it can only be MiB. A non-zero size is at least 1.
 */
export function capacityGb(quantity: { value: number; unit: Prefix | null }, hint: UnitHint): number {
  let unit = quantity.unit ?? hint;
  if (unit === null) unit = quantity.value > 20000 ? 'mebi' : 'giga';
  const gb = (quantity.value * BYTES[unit]) / 1e9;
  return gb > 0 ? Math.max(1, Math.round(gb)) : 0;
}

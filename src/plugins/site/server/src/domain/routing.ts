/**
 * Which workshop of the network hears of a public offer or a volunteer application: the one whose
 * « Codes postaux couverts » (`postalCodes`: comma-separated postcodes or prefixes, `29`, `296`,
 * `29600`) covers the visitor's postcode, the longest prefix winning; none covers it (or no
 * postcode was given, or it is not one) → the default workshop.
 *
 * Pure: the caller reads the workshops (id, postalCodes, isDefault) and passes them in.
 */

export interface RoutableWorkshop {
  id: number;
  postalCodes: string | null | undefined;
  isDefault?: boolean | null;
}

/**
 * A French postcode as the rule compares it: spaces (and non-breaking spaces) dropped, upper case;
 * five digits, or a Corsican department code `2A` / `2B` followed by three digits (people type
 * them, though La Poste's codes are `20xxx`). Anything else (empty, letters, 4 or 6 digits) is
 * `null`: not a postcode, routed to the default workshop.
 */
export function normalizePostcode(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const compact = value.replace(/[\s\u00a0\u202f]+/g, '').toUpperCase();
  return /^(\d{5}|2[AB]\d{3})$/.test(compact) ? compact : null;
}

/**
 * A workshop's covered codes as clean prefixes: spaces dropped, upper case, only one to five
 * characters of a postcode's shape (`29`, `296`, `2A`, `2B0`); blanks and malformed entries are
 * ignored rather than matching everything.
 */
export function coveredPrefixes(postalCodes: string | null | undefined): string[] {
  if (typeof postalCodes !== 'string') return [];
  return postalCodes
    .split(/[,;\n]/)
    .map((entry) => entry.replace(/[\s\u00a0\u202f]+/g, '').toUpperCase())
    .filter((entry) => /^(\d{1,5}|2[AB]\d{0,3})$/.test(entry));
}

/**
 * The workshop id for a postcode: the longest covering prefix wins; when two workshops cover it
 * equally (a configuration mistake), the default one if it is among them, else the lowest id, so
 * the answer never depends on the order rows were read. No match, or no valid postcode → the
 * default workshop's id (`null` when the network has none).
 */
export function routeByPostcode(postcode: unknown, workshops: readonly RoutableWorkshop[]): number | null {
  const fallback = workshops.find((w) => w.isDefault)?.id ?? null;
  const code = normalizePostcode(postcode);
  if (!code) return fallback;
  let best: { length: number; ids: number[] } = { length: 0, ids: [] };
  for (const workshop of workshops) {
    const length = Math.max(0, ...coveredPrefixes(workshop.postalCodes).filter((prefix) => code.startsWith(prefix)).map((p) => p.length));
    if (length === 0) continue;
    if (length > best.length) best = { length, ids: [workshop.id] };
    else if (length === best.length) best.ids.push(workshop.id);
  }
  if (best.ids.length === 0) return fallback;
  if (fallback != null && best.ids.includes(fallback)) return fallback;
  return Math.min(...best.ids);
}

/**
 * The postcode a visitor gave: the « Code postal » field, else a postcode typed with the commune
 * (« 29600 Morlaix », « Morlaix (29600) »). `null` when there is none.
 */
export function postcodeOf(postalCode: string, commune: string): string | null {
  const direct = normalizePostcode(postalCode);
  if (direct) return direct;
  const found = /(?:^|[^0-9A-Za-z])(\d{2}[\s\u00a0]?\d{3}|2[AaBb][\s\u00a0]?\d{3})(?![0-9])/.exec(commune ?? '');
  return found ? normalizePostcode(found[1]) : null;
}

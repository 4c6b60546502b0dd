/**
 * Human numbers of the workshop's records. Each series has a counter scope: yearly series
 * restart at 1 every year, the label-code series never restarts.
 */
export type Series = 'partnership' | 'membership' | 'prescription' | 'donation';

const PREFIX: Record<Series, string> = {
  partnership: 'CP',
  membership: 'CA',
  prescription: 'PR',
  donation: 'LOT',
};

/** The counter scope of a yearly series, e.g. `CP-2012`, or `CP-MX-2026` for a workshop of the network other than the default one. */
export function yearlyScope(series: Series, year: number, workshopCode?: string): string {
  return workshopCode ? `${PREFIX[series]}-${workshopCode}-${year}` : `${PREFIX[series]}-${year}`;
}

/** `CP-2012-004` (`CP-MX-2026-004`): prefix, workshop, year, a sequence padded to three digits (more when it grows). */
export function formatYearlyNumber(series: Series, year: number, sequence: number, workshopCode?: string): string {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new RangeError(`année invalide : ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`séquence invalide : ${sequence}`);
  return `${yearlyScope(series, year, workshopCode)}-${String(sequence).padStart(3, '0')}`;
}

export const LABEL_PREFIX = 'SV';
export const LABEL_SCOPE = 'label-code';

/** `SV-000123`: the workshop's own label printed on every unit. */
export function formatLabelCode(sequence: number, prefix = LABEL_PREFIX): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999999) {
    throw new RangeError(`numéro d'étiquette hors limites : ${sequence}`);
  }
  return `${prefix}-${String(sequence).padStart(6, '0')}`;
}

/**
 * The year a record's number carries: the year of its reference date (signature, start,
 * collection, reception) when known, else the current year.
 */
export function numberYear(referenceDate: string | Date | null | undefined, now: Date = new Date()): number {
  if (referenceDate) {
    const d = typeof referenceDate === 'string' ? new Date(referenceDate) : referenceDate;
    if (!Number.isNaN(d.getTime())) return d.getUTCFullYear();
  }
  return now.getUTCFullYear();
}

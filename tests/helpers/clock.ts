/**
 * Instants on the workshop's calendar (Europe/Paris) for tests that must hold at any hour of the
 * real clock — CI runs at night too, when the UTC date is still yesterday in Brest.
 */
const TIME_ZONE = 'Europe/Paris';

/** The calendar day of `at` in Brest, `YYYY-MM-DD`. */
export const parisDay = (at: Date): string =>
  at.toLocaleDateString('sv-SE', { timeZone: TIME_ZONE });

/** `day` plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The instant it is `hh:mm` in Brest on `day` (winter +01:00 or summer +02:00). */
export function parisInstant(day: string, hhmm: string): Date {
  for (const offset of ['+01:00', '+02:00']) {
    const at = new Date(`${day}T${hhmm}:00${offset}`);
    const local = at.toLocaleString('sv-SE', { timeZone: TIME_ZONE });
    if (local.startsWith(`${day} ${hhmm}`)) return at;
  }
  throw new Error(`${day} ${hhmm} n'existe pas à Paris`);
}

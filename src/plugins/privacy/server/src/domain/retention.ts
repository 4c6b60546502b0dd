/**
 * Retention of household data: kept while the household is followed, then for a period
 * (two years by default) after the last contact — the last of: a prescription received, decided
 * or handed over, a follow-up note (the record's creation when it has none of these).
 */
export interface ContactDates {
  createdAt: string | Date;
  prescriptions: Array<{ receivedAt?: string | null; decidedAt?: string | null; handedOverAt?: string | null; followUps?: Array<{ date?: string | null }> | null }>;
}

export function lastContact(h: ContactDates): Date {
  const valid = (values: Array<string | Date | null | undefined>) =>
    values
      .filter((d): d is string | Date => d !== null && d !== undefined && d !== '')
      .map((d) => new Date(d))
      .filter((d) => !Number.isNaN(d.getTime()));
  const contacts = valid(h.prescriptions.flatMap((p) => [p.receivedAt, p.decidedAt, p.handedOverAt, ...(p.followUps ?? []).map((f) => f.date)]));
  // A household with no dated prescription yet counts from when its record was made.
  const dates = contacts.length ? contacts : valid([h.createdAt]);
  return new Date(Math.max(...dates.map((d) => d.getTime())));
}

/** The day the household's data must be anonymised: last contact + `months`. */
export function retentionEnd(last: Date, months: number): Date {
  const end = new Date(last);
  end.setUTCMonth(end.getUTCMonth() + months);
  return end;
}

export function isExpired(h: ContactDates, months: number, now: Date): boolean {
  return retentionEnd(lastContact(h), months).getTime() <= now.getTime();
}

/** What stays of an anonymised household: its commune and counts, never who it was. */
export const ANONYMISED_NAME = 'Foyer anonymisé';

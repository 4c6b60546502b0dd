/** The convention lifecycle: which state moves are allowed, and when the renewal alert is due. */
import { CONVENTION_STATE_LABELS } from '../../../shared/contracts';

export const CONVENTION_STATES = ['draft', 'sent', 'signed', 'expired', 'renewed', 'terminated'] as const;
export type ConventionState = (typeof CONVENTION_STATES)[number];

/** Moves staff make through the state route; `renewed` is set by the daily job, see docs. */
export const MANUAL_MOVES: Record<ConventionState, ConventionState[]> = {
  draft: ['sent', 'terminated'],
  sent: ['signed', 'draft', 'terminated'],
  signed: ['expired', 'terminated'],
  expired: [],
  renewed: [],
  terminated: [],
};

export const STATE_LABELS = CONVENTION_STATE_LABELS;

/** Days before its end date a signed convention is announced to the coordinators. */
export const EXPIRY_NOTICE_DAYS = 60;

export type MoveVerdict = { ok: true } | { ok: false; message: string };

export function conventionMoveVerdict(from: string, to: ConventionState): MoveVerdict {
  const allowed = MANUAL_MOVES[from as ConventionState] ?? [];
  if (allowed.includes(to)) return { ok: true };
  const fromLabel = STATE_LABELS[from as ConventionState] ?? from;
  if (allowed.length === 0) return { ok: false, message: `Une convention « ${fromLabel} » ne change plus de statut.` };
  return {
    ok: false,
    message: `Passage de « ${fromLabel} » à « ${STATE_LABELS[to]} » impossible : depuis « ${fromLabel} », seulement ${allowed.map((s) => `« ${STATE_LABELS[s]} »`).join(', ')}.`,
  };
}

/** `YYYY-MM-DD` plus `days` (calendar arithmetic in UTC, no time zone drift). */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whether a signed convention ending on `endDate` is inside the notice window on `today`. */
export function isExpiringSoon(endDate: string | null, today: string): boolean {
  return endDate != null && endDate >= today && endDate <= addDays(today, EXPIRY_NOTICE_DAYS);
}

/** `YYYY-MM-DD` plus `months` calendar months (day clamped to the month's end). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/**
 * The dates of the convention that follows: it starts the day after `endDate` and lasts as long,
 * in calendar months when the convention ran whole months (3 years stay 3 years), else in days.
 */
export function renewalDates(startDate: string | null, endDate: string | null): { startDate: string | null; endDate: string | null } {
  if (!endDate) return { startDate: null, endDate: null };
  const start = addDays(endDate, 1);
  if (!startDate) return { startDate: start, endDate: null };
  const [sy, sm] = startDate.split('-').map(Number);
  const [ny, nm] = start.split('-').map(Number);
  const months = (ny - sy) * 12 + (nm - sm);
  if (months > 0 && addMonths(startDate, months) === start) return { startDate: start, endDate: addDays(addMonths(start, months), -1) };
  const days = Math.round((Date.parse(endDate) - Date.parse(startDate)) / 86_400_000);
  return { startDate: start, endDate: addDays(start, days) };
}

/** A partnership convention in force on `day`: signed, started, not ended. */
export function inForce(c: { state: string; startDate?: string | null; endDate?: string | null }, day: string): boolean {
  return c.state === 'signed' && (!c.startDate || c.startDate <= day) && (!c.endDate || c.endDate >= day);
}

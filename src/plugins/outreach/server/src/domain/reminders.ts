const DAY = 86_400_000;

export interface ReminderCandidate {
  outcome: string;
  delivery: string;
  sentAt: string | Date | null;
  remindedAt: string | Date | null;
}

/**
 * A recipient is due a reminder when it still has not answered `reminderDays` days after the
 * last thing the workshop sent it (the campaign, or the previous reminder).
 */
export function isReminderDue(r: ReminderCandidate, reminderDays: number, now: Date): boolean {
  if (r.outcome !== 'no_answer' || (r.delivery !== 'sent' && r.delivery !== 'letter')) return false;
  const last = r.remindedAt ?? r.sentAt;
  if (!last) return false;
  return now.getTime() - new Date(last).getTime() >= reminderDays * DAY;
}

/** The cut-off date: recipients last written to on or before it are due. */
export const reminderCutoff = (reminderDays: number, now: Date) => new Date(now.getTime() - reminderDays * DAY);

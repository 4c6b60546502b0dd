/**
 * The coordinators' e-mail addresses (COORDINATORS_EMAIL, comma-separated), read in one place:
 * the pipeline's automatic e-mails and alerts, outreach's reports, relations' digests and
 * convention reminders all write to them.
 */
export function coordinatorAddresses(): string[] {
  return (process.env.COORDINATORS_EMAIL ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

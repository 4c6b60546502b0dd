/**
 * Milliseconds to wait before the next campaign e-mail may leave, given when the last one was
 * claimed by any instance (OUTREACH_SEND_PER_MINUTE spreads sends evenly over the minute).
 */
export function throttleWait(lastClaim: Date | null, now: Date, perMinute: number): number {
  if (!lastClaim) return 0;
  return Math.max(0, lastClaim.getTime() + Math.ceil(60_000 / perMinute) - now.getTime());
}

/**
 * Brute-force limits on the authentication routes, as plain values and functions: which
 * buckets a request counts against, and whether the count in the window refuses it.
 */

export interface ThrottleLimits {
  windowMs: number;
  /** Attempts per account identifier (e-mail, username, reset code) in the window. */
  perIdentifier: number;
  /** Attempts per client IP in the window, whatever the identifier. */
  perIp: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = { windowMs: 15 * 60 * 1000, perIdentifier: 5, perIp: 20 };

/**
 * The routes throttled, and what counts as an attempt: `failures` counts only refused
 * attempts (a correct password clears its own), `all` counts every request (forgot-password
 * answers the same whether the account exists, and sends an e-mail each time).
 */
export const THROTTLED_ROUTES: Record<string, { counts: 'failures' | 'all'; identifierField: string | null }> = {
  '/api/auth/local': { counts: 'failures', identifierField: 'identifier' },
  '/api/auth/forgot-password': { counts: 'all', identifierField: 'email' },
  '/api/auth/reset-password': { counts: 'failures', identifierField: 'code' },
  // Closed to the public (bootstrap/roles.ts); counted all the same, should staff reopen it.
  '/api/auth/send-email-confirmation': { counts: 'all', identifierField: 'email' },
  '/api/portal/invitations/accept': { counts: 'failures', identifierField: 'token' },
  // A stolen session guessing the current password: per IP only (the body names no account).
  '/api/auth/change-password': { counts: 'failures', identifierField: null },
};

/** Same account whatever the case, spaces or Unicode form the attacker types. */
export function normalizeIdentifier(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value.normalize('NFKC').replace(/\s+/g, '').toLowerCase().slice(0, 320);
}

/** The normalised request path, so `/API/auth/local/` and `/api/auth/local` share a bucket. */
export function throttledRoute(method: string, path: string): string | null {
  if (method.toUpperCase() !== 'POST') return null;
  const normalized = path.toLowerCase().replace(/\/{2,}/g, '/').replace(/\/+$/, '');
  return normalized in THROTTLED_ROUTES ? normalized : null;
}

export interface BucketCount {
  bucket: string;
  count: number;
  limit: number;
  /** When the oldest attempt in the window was made. */
  oldest: Date | null;
}

/** Seconds until the first full bucket frees a slot; null when no bucket is over its limit. */
export function retryAfterSeconds(counts: BucketCount[], windowMs: number, now: Date): number | null {
  const over = counts.filter((c) => c.count > c.limit);
  if (over.length === 0) return null;
  const waits = over.map((c) => ((c.oldest?.getTime() ?? now.getTime()) + windowMs - now.getTime()) / 1000);
  return Math.max(1, Math.ceil(Math.max(...waits)));
}

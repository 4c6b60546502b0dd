import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { DEFAULT_LIMITS, normalizeIdentifier, retryAfterSeconds, type BucketCount, type ThrottleLimits } from '../domain/throttle';

const ATTEMPT = 'plugin::portal.auth-attempt';

export interface Admission {
  /** Seconds to wait, when refused. */
  retryAfter: number | null;
  /** The attempt's rows: kept when it fails, removed when it succeeds. */
  ids: number[];
}

/** Identifiers are kept hashed: the table holds no e-mail address. */
export const identifierBucket = (route: string, identifier: unknown): string | null => {
  const normalized = normalizeIdentifier(identifier);
  if (!normalized) return null;
  return `id:${crypto.createHash('sha256').update(`${route}\n${normalized}`).digest('hex').slice(0, 64)}`;
};

export const ipBucket = (ip: string): string => `ip:${ip}`.slice(0, 80);

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  limits(): ThrottleLimits {
    return { ...DEFAULT_LIMITS, ...(strapi.plugin('portal').config('throttle') as Partial<ThrottleLimits> | undefined) };
  },

  /**
   * Records the attempt first, then counts the window with it included, so parallel requests
   * cannot all slip under the limit. A refused attempt is not kept: waiting frees the account.
   */
  async admit(buckets: { bucket: string; limit: number }[], now = new Date()): Promise<Admission> {
    const { windowMs } = this.limits();
    const since = new Date(now.getTime() - windowMs);
    const ids: number[] = [];
    for (const { bucket } of buckets) {
      const row = (await strapi.db.query(ATTEMPT).create({ data: { bucket, at: now } })) as { id: number };
      ids.push(row.id);
    }
    const counts: BucketCount[] = [];
    for (const { bucket, limit } of buckets) {
      const where = { bucket, at: { $gt: since } };
      const count = await strapi.db.query(ATTEMPT).count({ where });
      const oldest = (await strapi.db.query(ATTEMPT).findOne({ where, orderBy: { at: 'asc' }, select: ['at'] })) as { at: string } | null;
      counts.push({ bucket, count, limit, oldest: oldest ? new Date(oldest.at) : null });
    }
    const retryAfter = retryAfterSeconds(counts, windowMs, now);
    if (retryAfter !== null) await this.forget(ids);
    return { retryAfter, ids };
  },

  async forget(ids: number[]): Promise<void> {
    if (ids.length > 0) await strapi.db.query(ATTEMPT).deleteMany({ where: { id: { $in: ids } } });
  },

  /** Old attempts count for nothing: removed now and then so the table stays small. */
  async prune(now = new Date()): Promise<void> {
    const { windowMs } = this.limits();
    await strapi.db.query(ATTEMPT).deleteMany({ where: { at: { $lt: new Date(now.getTime() - windowMs) } } });
  },
});

import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Actor, StationOperator } from '../actor';
import { now, today } from '../../../../../shared/server/clock';
import { BADGE_CODE, PIN_PATTERN } from '../../../../../shared/badges';
import { VOLUNTEER_UID } from '../../../../../shared/skills';
import { ALL, scopeWhere, type WorkshopScope } from '../../../../../shared/server/workshops';

/** The operator stays identified on the account for the day, until 4 hours pass with no request from it. */
export const OPERATOR_IDLE_MS = 4 * 60 * 60 * 1000;
/** Wrong badges or PINs: this many in the window locks the account (and the volunteer, for a PIN). */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** `lastSeen` is written again only after this long: not one write per request. */
const TOUCH_MS = 5 * 60 * 1000;

interface StoredOperator extends StationOperator {
  day: string;
  since: string;
  lastSeen: string;
}

interface VolunteerRow {
  id: number;
  documentId: string;
  name: string;
  endDate: string | null;
  membership?: string | null;
  pin?: string | null;
}

const REFUSED = 'Badge ou code PIN non reconnu, ou bénévole qui ne fait plus partie de l’équipe.';

const storeKey = (key: string) => ({ type: 'plugin' as const, name: 'pipeline', key });
const operatorKey = (adminId: string) => storeKey(`station-operator:${adminId}`);
const failuresKey = (who: string) => storeKey(`station-failures:${who}`);
/** First key of the advisory locks that make a try and its failure count atomic, per key ("SO", station operator). */
const THROTTLE_LOCK_NAMESPACE = 0x534f;

/**
 * Who is at the bench (docs/volunteers.md, « Qui est au poste »): on a shared account, the
 * volunteer who scans their badge or types their PIN becomes the account's operator, kept
 * server-side (Strapi's core store, keyed by the admin account) until the end of the day in
 * Europe/Paris, 4 hours without a request, a hand-over (`clear`) or another identification.
 * Wrong badges and PINs are counted per account and per volunteer; 5 in 15 minutes: 429. Tries
 * for one key are checked one at a time (an advisory lock), so tries sent at once count as in a row.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  // In the team: welcomed (not a candidate from « Devenir bénévole »), not recorded « Parti·e », and not gone.
  const active = (v: Pick<VolunteerRow, 'endDate' | 'membership'>) =>
    v.membership !== 'candidate' && v.membership !== 'left' && (!v.endDate || v.endDate.slice(0, 10) >= today());

  async function failures(who: string): Promise<number[]> {
    const stored = (await strapi.store.get(failuresKey(who))) as number[] | null;
    const since = now().getTime() - FAILURE_WINDOW_MS;
    return (Array.isArray(stored) ? stored : []).filter((at) => at > since);
  }

  async function recordFailure(whos: string[]): Promise<void> {
    for (const who of whos) await strapi.store.set({ ...failuresKey(who), value: [...(await failures(who)), now().getTime()] });
  }

  async function assertNotLocked(whos: string[]): Promise<void> {
    for (const who of whos) {
      const recent = await failures(who);
      if (recent.length >= MAX_FAILURES) {
        const until = new Date(recent[0] + FAILURE_WINDOW_MS);
        const minutes = Math.max(1, Math.ceil((until.getTime() - now().getTime()) / 60000));
        throw new errors.RateLimitError(
          `Trop d’essais de badge ou de code PIN : ${MAX_FAILURES} erreurs en ${FAILURE_WINDOW_MS / 60000} minutes. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}, ou demandez à la coordination.`,
          { rule: 'OPERATOR_THROTTLED', retryAfterMinutes: minutes }
        );
      }
    }
  }

  /**
   * Runs one try (badge or PIN) under the throttle, atomically for each key: in one transaction
   * holding an advisory lock per key (account, volunteer), « count recent failures → 429 if ≥ 5 →
   * check → record a failure ». Tries sent at once for one key are thus checked one after the
   * other, and at most MAX_FAILURES of them in the window are ever checked. `check` answers the
   * volunteer identified, or the keys to charge a failure to. The failure is recorded in the
   * transaction and the 403 thrown after its commit (a throw inside would roll the count back).
   */
  async function underThrottle(whos: string[], check: () => Promise<VolunteerRow | { failed: string[] }>): Promise<VolunteerRow> {
    const outcome = await strapi.db.transaction(async ({ trx }) => {
      // Raw SQL: advisory locks, taken in the order of their keys so that two tries never wait on each other crosswise.
      const keys = (
        (await trx.raw('SELECT DISTINCT hashtext(k) AS key FROM jsonb_array_elements_text(CAST(? AS jsonb)) AS k ORDER BY 1', [JSON.stringify(whos.map((who) => `station-failures:${who}`))])) as { rows: Array<{ key: number }> }
      ).rows;
      for (const { key } of keys) await trx.raw('SELECT pg_advisory_xact_lock(?, ?)', [THROTTLE_LOCK_NAMESPACE, key]);
      await assertNotLocked(whos);
      const result = await check();
      if ('failed' in result) await recordFailure(result.failed);
      return result;
    });
    if ('failed' in outcome) throw new errors.PolicyError(REFUSED, { rule: 'OPERATOR_NOT_RECOGNISED' });
    return outcome;
  }

  return {
    /** The operator identified on this admin account now, or null (expired ones are forgotten). */
    async current(adminId: string): Promise<StationOperator | null> {
      const stored = (await strapi.store.get(operatorKey(adminId))) as StoredOperator | null;
      if (!stored?.volunteer) return null;
      const at = now().getTime();
      if (stored.day !== today() || at - new Date(stored.lastSeen).getTime() > OPERATOR_IDLE_MS) {
        await this.clear(adminId);
        return null;
      }
      const volunteer = (await strapi.db.query(VOLUNTEER_UID).findOne({ where: { documentId: stored.volunteer }, select: ['id', 'documentId', 'name', 'endDate', 'membership'] })) as VolunteerRow | null;
      if (!volunteer || !active(volunteer)) {
        await this.clear(adminId);
        return null;
      }
      if (at - new Date(stored.lastSeen).getTime() > TOUCH_MS) await strapi.store.set({ ...operatorKey(adminId), value: { ...stored, name: volunteer.name, lastSeen: now().toISOString() } });
      return { volunteer: volunteer.documentId, name: volunteer.name };
    },

    /** Identifies the operator by badge, or by volunteer and PIN; refused (403) or throttled (429) in French. */
    async identify(actor: Actor, input: { badge?: string; volunteer?: string; pin?: string }, scope: WorkshopScope = ALL): Promise<StationOperator> {
      const inScope = scopeWhere(VOLUNTEER_UID, scope);
      if (actor.type !== 'admin' || !actor.id) throw new errors.PolicyError('Seul un compte de l’équipe, connecté à l’administration, peut avoir un bénévole au poste.', { rule: 'OPERATOR_NOT_RECOGNISED' });
      const account = `account:${actor.id}`;
      let volunteer: VolunteerRow;
      if (input.badge !== undefined) {
        const code = input.badge.trim().toUpperCase();
        volunteer = await underThrottle([account], async () => {
          const found = BADGE_CODE.test(code)
            ? ((await strapi.db.query(VOLUNTEER_UID).findOne({ where: { badgeCode: code, ...inScope }, select: ['id', 'documentId', 'name', 'endDate', 'membership'] })) as VolunteerRow | null)
            : null;
          return found && active(found) ? found : { failed: [account] };
        });
      } else {
        const documentId = String(input.volunteer ?? '');
        const who = [account, `volunteer:${documentId}`];
        const pin = String(input.pin ?? '');
        volunteer = await underThrottle(who, async () => {
          const found = (await strapi.db.query(VOLUNTEER_UID).findOne({ where: { documentId, ...inScope }, select: ['id', 'documentId', 'name', 'endDate', 'membership', 'pin'] })) as VolunteerRow | null;
          const matches = !!found?.pin && PIN_PATTERN.test(pin) && (await (strapi.service('admin::auth') as { validatePassword(password: string, hash: string): Promise<boolean> }).validatePassword(pin, found.pin));
          if (!found) return { failed: [account] };
          return matches && active(found) ? found : { failed: who };
        });
      }
      const at = now().toISOString();
      const value: StoredOperator = { volunteer: volunteer.documentId, name: volunteer.name, day: today(), since: at, lastSeen: at };
      await strapi.store.set({ ...operatorKey(actor.id), value });
      return { volunteer: volunteer.documentId, name: volunteer.name };
    },

    /** Hands the bench over: the account acts as itself again. */
    async clear(adminId: string): Promise<void> {
      await strapi.store.delete(operatorKey(adminId));
    },

    /** Volunteers in the team with a PIN (of the workshops of `scope`): the names the station's « nom + code PIN » dialog offers. */
    async withPin(scope: WorkshopScope = ALL): Promise<Array<{ documentId: string; name: string }>> {
      const rows = (await strapi.db.query(VOLUNTEER_UID).findMany({
        where: { ...scopeWhere(VOLUNTEER_UID, scope), pin: { $notNull: true }, $and: [{ $or: [{ endDate: { $null: true } }, { endDate: { $gte: today() } }] }, { $or: [{ membership: { $null: true } }, { membership: { $notIn: ['candidate', 'left'] } }] }] },
        select: ['documentId', 'name'],
        orderBy: { name: 'asc' },
      })) as Array<{ documentId: string; name: string }>;
      return rows.map((r) => ({ documentId: r.documentId, name: r.name }));
    },
  };
};

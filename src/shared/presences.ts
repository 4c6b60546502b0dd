/**
 * Volunteers' presences and planned sessions (docs/volunteers.md « Présences et heures »): the
 * types' uids and the longest stay one presence may last. Read by the app (Document Service rules),
 * the pipeline (signing in and out at the station) and reporting (hours, the bilan).
 */

export const PRESENCE_UID = 'api::volunteer-presence.volunteer-presence';
export const PERMANENCE_UID = 'api::permanence.permanence';

/** First key of the advisory lock that serialises one volunteer's presence writes ("VP"). */
export const PRESENCE_LOCK_NAMESPACE = 0x5650;

/**
 * Takes the volunteer's presence lock for the rest of the transaction: two writes of one
 * volunteer's presences (station, content manager, app code) are checked one after the other. An
 * advisory lock, not `FOR UPDATE` on the volunteer's row: a presence's link row already holds a
 * KEY SHARE lock on that row in its transaction, and two such transactions asking for FOR UPDATE
 * deadlock (one of them a 500).
 */
export async function lockVolunteerPresences(executor: { raw(sql: string, bindings: unknown[]): PromiseLike<unknown> }, volunteerId: number): Promise<void> {
  // Raw SQL: an advisory lock, released with the transaction.
  await executor.raw('SELECT pg_advisory_xact_lock(CAST(? AS integer), CAST(? AS integer))', [PRESENCE_LOCK_NAMESPACE, volunteerId]);
}

/** Longest stay one presence may last, in hours, unless PRESENCE_MAX_HOURS says otherwise. */
export const DEFAULT_MAX_STAY_HOURS = 14;

/** The longest stay (PRESENCE_MAX_HOURS, whole hours from 1 to 24); a wrong value stops the start with a French message. */
export function maxStayHours(value: string | undefined = process.env.PRESENCE_MAX_HOURS): number {
  if (value == null || value === '') return DEFAULT_MAX_STAY_HOURS;
  const hours = Number(value);
  if (!Number.isInteger(hours) || hours < 1 || hours > 24) {
    throw new Error(`PRESENCE_MAX_HOURS : un nombre entier d’heures entre 1 et 24 (reçu « ${value} »).`);
  }
  return hours;
}

/** A Brest date and time as staff read it in a message: 03/12/2026 14:05. */
export const BREST_TIME_SQL = (column: string) => `to_char((${column} AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris', 'DD/MM/YYYY HH24:MI')`;

/** The Brest calendar day a UTC timestamp column falls on (Strapi's datetime columns hold UTC without a zone). */
export const BREST_DAY_SQL = (column: string) => `CAST((${column} AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris' AS date)`;

/**
 * A presence's title, what the content manager shows it by (« Marie K., 06/03/2012 14:30 → 18:05 »,
 * « … → … » while open): written by the Document Service rule after each write, and by the seed.
 * `where` narrows the presences (SQL on `p`).
 */
export const PRESENCE_TITLE_SQL = (where: string) => `UPDATE volunteer_presences p
    SET title = left(v.name || ', ' || ${BREST_TIME_SQL('p.signed_in_at')} || ' → ' ||
                coalesce(CASE WHEN ${BREST_DAY_SQL('p.signed_out_at')} = ${BREST_DAY_SQL('p.signed_in_at')}
                              THEN to_char((p.signed_out_at AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris', 'HH24:MI')
                              ELSE ${BREST_TIME_SQL('p.signed_out_at')} END, '…'), 200)
   FROM volunteer_presences_volunteer_lnk l JOIN volunteers v ON v.id = l.volunteer_id
  WHERE l.volunteer_presence_id = p.id AND (${where})`;

import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { WRITES, type DocumentContext } from './context';
import { now } from '../shared/server/clock';
import { staffName, type StaffUser } from '../shared/server/display-name';
import { BREST_TIME_SQL, lockVolunteerPresences, maxStayHours, PRESENCE_TITLE_SQL, PRESENCE_UID } from '../shared/presences';


/** A presence may be entered a few minutes ahead (a clock a little fast at the station), never more. */
const FUTURE_SLACK_MINUTES = 5;

const refuse = (path: string, message: string): never => {
  throw new errors.ValidationError(message, { errors: [{ path: [path], message, name: 'ValidationError', value: null }] });
};

interface RequestLike {
  path?: string;
  state?: { user?: StaffUser };
}

/**
 * Document Service middleware for presences (docs/volunteers.md « Présences et heures »), in the
 * write's transaction, whatever the path (station routes, content manager, app code):
 * - a presence has a volunteer, an arrival, and a departure after it (or none while present);
 * - a stay lasts at most PRESENCE_MAX_HOURS (14 h by default), and nothing is dated in the future;
 * - one volunteer's presences never overlap: an open one runs to infinity, so there is never a
 *   second open presence, nor a presence entered after an unclosed one;
 * - a presence entered in the content manager is the coordination's (`source: coordinator`,
 *   `enteredBy` the staff member); a correction there names who made it (`correctedBy`).
 * The volunteer's presences are locked (an advisory lock on the volunteer's id, the station's too)
 * before the overlap check, so two writes for one volunteer are checked one after the other.
 * Refused with a French 400; the transaction writes nothing.
 */
export function presencesMiddleware(strapi: Core.Strapi) {
  const maxHours = maxStayHours();
  return async (ctx: DocumentContext, next: () => Promise<unknown>): Promise<unknown> => {
    if (ctx.uid !== PRESENCE_UID || !WRITES.has(ctx.action)) return next();
    return strapi.db.transaction(async () => {
      ctx.params.data ??= {};
      const data = ctx.params.data;
      const request = strapi.requestContext.get() as RequestLike | undefined;
      const user = request?.state?.user;
      const byHand = Boolean(request?.path?.startsWith('/content-manager/'));
      if (ctx.action === 'update') {
        // The recorded source and author are the app's: a correction adds who made it.
        if (byHand) {
          delete data.source;
          delete data.enteredBy;
          delete data.title;
          if (user) data.correctedBy = staffName(user);
        }
      } else if (byHand) {
        data.source = 'coordinator';
        data.enteredBy = user ? staffName(user) : null;
        delete data.correctedBy;
      }
      const result = (await next()) as { documentId?: string } | null;
      if (result?.documentId) await checkPresence(strapi, result.documentId, maxHours);
      return result;
    });
  };
}

interface PresenceRow {
  id: number;
  volunteer_id: number | null;
  signed_out: boolean;
  order_ok: boolean;
  too_long: boolean;
  future: boolean;
  candidate: boolean;
  name: string | null;
}

async function checkPresence(strapi: Core.Strapi, documentId: string, maxHours: number): Promise<void> {
  await strapi.db.transaction(async ({ trx }) => {
    const at = now().toISOString();
    const row = (
      (await trx.raw(
        `SELECT p.id, l.volunteer_id, p.signed_out_at IS NOT NULL AS signed_out,
                (p.signed_out_at IS NULL OR p.signed_out_at > p.signed_in_at) AS order_ok,
                (p.signed_out_at - p.signed_in_at) > make_interval(hours => ?) AS too_long,
                (greatest(p.signed_in_at, coalesce(p.signed_out_at, p.signed_in_at)) > CAST(? AS timestamp) + make_interval(mins => ?)) AS future,
                coalesce(v.membership = 'candidate', false) AS candidate, v.name
           FROM volunteer_presences p
           LEFT JOIN volunteer_presences_volunteer_lnk l ON l.volunteer_presence_id = p.id
           LEFT JOIN volunteers v ON v.id = l.volunteer_id
          WHERE p.document_id = ?`,
        [maxHours, at, FUTURE_SLACK_MINUTES, documentId]
      )) as { rows: PresenceRow[] }
    ).rows[0];
    if (!row) return;
    if (row.volunteer_id == null) refuse('volunteer', 'Bénévole : obligatoire (qui était présent).');
    if (row.candidate) {
      refuse('volunteer', `Bénévole : ${row.name} est candidat·e, pas encore dans l’équipe : accueillez cette personne d’abord (page « Bénévoles », bouton « Accueillir »), puis saisissez sa présence.`);
    }
    if (!row.order_ok) refuse('signedOutAt', 'Départ : il doit suivre l’arrivée.');
    if (row.too_long) refuse('signedOutAt', `Départ : une présence dure ${maxHours} h au plus ; vérifiez l’heure d’arrivée et de départ (un départ oublié se saisit à l’heure réelle).`);
    if (row.future) refuse(row.signed_out ? 'signedOutAt' : 'signedInAt', 'Présence : une arrivée ou un départ ne peut pas être dans le futur.');
    // One volunteer's writes one after the other: the second sees the first once it is committed.
    await lockVolunteerPresences(trx, row.volunteer_id as number);
    const other = (
      (await trx.raw(
        `SELECT ${BREST_TIME_SQL('o.signed_in_at')} AS since, ${BREST_TIME_SQL('o.signed_out_at')} AS until, v.name
           FROM volunteer_presences me
           JOIN volunteer_presences_volunteer_lnk ml ON ml.volunteer_presence_id = me.id
           JOIN volunteer_presences_volunteer_lnk ol ON ol.volunteer_id = ml.volunteer_id AND ol.volunteer_presence_id <> me.id
           JOIN volunteer_presences o ON o.id = ol.volunteer_presence_id
           JOIN volunteers v ON v.id = ml.volunteer_id
          WHERE me.id = ?
            AND o.signed_in_at < coalesce(me.signed_out_at, 'infinity')
            AND coalesce(o.signed_out_at, 'infinity') > me.signed_in_at
          ORDER BY o.signed_in_at
          LIMIT 1`,
        [row.id]
      )) as { rows: Array<{ since: string; until: string | null; name: string }> }
    ).rows[0];
    if (other) {
      refuse(
        'signedInAt',
        other.until
          ? `Présence : ${other.name} était déjà présent(e) du ${other.since} au ${other.until} ; deux présences d’une même personne ne se chevauchent pas.`
          : `Présence : ${other.name} a une présence ouverte depuis le ${other.since} (départ non pointé) ; la coordination la clôt d’abord (« à régulariser »).`
      );
    }
    await trx.raw(PRESENCE_TITLE_SQL('p.id = ?'), [row.id]);
  });
}

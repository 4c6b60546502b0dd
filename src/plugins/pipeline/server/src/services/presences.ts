import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { now, today } from '../../../../../shared/server/clock';
import { ConflictError } from '../../../../../shared/server/errors';
import { BREST_DAY_SQL, BREST_TIME_SQL, lockVolunteerPresences, PRESENCE_UID } from '../../../../../shared/presences';
import { VOLUNTEER_UID } from '../../../../../shared/skills';
import { ALL, scopeWhere, type WorkshopScope } from '../../../../../shared/server/workshops';
import { recordsInScopeSql } from '../scope';

export interface PresentVolunteer {
  presence: string;
  volunteer: string;
  name: string;
  /** ISO instant of the arrival. */
  signedInAt: string;
  /** Brest day of the arrival (YYYY-MM-DD). */
  day: string;
}

interface OpenRow {
  presence: string;
  volunteer: string;
  name: string;
  signed_in_at: Date | string;
  day: string;
  since: string;
}

const iso = (v: Date | string) => (v instanceof Date ? v : new Date(`${String(v).replace(' ', 'T')}Z`)).toISOString();

/**
 * Signing volunteers in and out at the station (docs/volunteers.md « Présences et heures »). The
 * invariants (order, longest stay, no overlap) are the Document Service rule's
 * (src/document-service/presences.ts): these routes only say, in French, what the bench meets
 * first — already here, not here, a forgotten sign-out to regularise.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  /** Open presences (no departure), oldest first; `volunteerId` narrows to one volunteer, `scope` to volunteers of those workshops. */
  async function open(volunteerId?: number, runner: { raw: (sql: string, bindings: unknown[]) => Promise<unknown> } = knex(), scope: WorkshopScope = ALL): Promise<OpenRow[]> {
    const [inScope, scopeBindings] = recordsInScopeSql(strapi, VOLUNTEER_UID, 'v.id', scope);
    const result = (await runner.raw(
      `SELECT p.document_id AS presence, v.document_id AS volunteer, v.name, p.signed_in_at,
              to_char(${BREST_DAY_SQL('p.signed_in_at')}, 'YYYY-MM-DD') AS day, ${BREST_TIME_SQL('p.signed_in_at')} AS since
         FROM volunteer_presences p
         JOIN volunteer_presences_volunteer_lnk l ON l.volunteer_presence_id = p.id
         JOIN volunteers v ON v.id = l.volunteer_id
        WHERE p.signed_out_at IS NULL AND (CAST(? AS integer) IS NULL OR v.id = ?) AND ${inScope}
        ORDER BY p.signed_in_at, v.name`,
      [volunteerId ?? null, volunteerId ?? null, ...scopeBindings]
    )) as { rows: OpenRow[] };
    return result.rows;
  }

  /** The volunteer signing; `arriving`: a new presence needs someone in the team, closing one does not. */
  async function volunteer(documentId: string, arriving: boolean, scope: WorkshopScope): Promise<{ id: number; documentId: string; name: string }> {
    // A volunteer of another workshop is unknown here, as a deleted one.
    const row = (await strapi.db.query(VOLUNTEER_UID).findOne({ where: { documentId, ...scopeWhere(VOLUNTEER_UID, scope) }, select: ['id', 'documentId', 'name', 'endDate', 'membership'] })) as {
      id: number;
      documentId: string;
      name: string;
      endDate: string | null;
      membership: string | null;
    } | null;
    if (!row) throw new errors.ValidationError('Bénévole : inconnu (il a peut-être été supprimé).', { field: 'volunteer' });
    // Leaving the same day (« Départ » on the « Bénévoles » page) still lets the bench close today's presence.
    if (!arriving) return row;
    if (row.membership === 'candidate') {
      throw new ConflictError(`${row.name} est candidat·e, pas encore dans l’équipe : la coordination l’accueille d’abord (page « Bénévoles »), puis sa présence se pointe.`, { rule: 'VOLUNTEER_CANDIDATE' });
    }
    if (row.membership === 'left') {
      const on = row.endDate ? ` (départ le ${row.endDate.slice(0, 10).split('-').reverse().join('/')})` : '';
      throw new ConflictError(`${row.name} est « Parti·e »${on}, ne fait plus partie de l’équipe : sa présence ne se pointe plus.`, { rule: 'VOLUNTEER_LEFT' });
    }
    if (row.endDate && row.endDate < today()) {
      throw new ConflictError(`${row.name} a quitté l’équipe le ${row.endDate.split('-').reverse().join('/')} : sa présence ne se pointe plus.`, { rule: 'VOLUNTEER_LEFT' });
    }
    return row;
  }

  const toPresent = (r: OpenRow): PresentVolunteer => ({ presence: r.presence, volunteer: r.volunteer, name: r.name, signedInAt: iso(r.signed_in_at), day: r.day });

  return {
    /**
     * Who is here now (signed in today, Brest day), the forgotten sign-outs of earlier days, and
     * the team one may sign in (welcomed, not « Parti·e », not gone): names only, what the station's list shows.
     */
    async current(scope: WorkshopScope = ALL): Promise<{ present: PresentVolunteer[]; toRegularise: PresentVolunteer[]; team: Array<{ documentId: string; name: string }> }> {
      const rows = await open(undefined, knex(), scope);
      const day = today();
      const team = (await strapi.db.query(VOLUNTEER_UID).findMany({
        where: { ...scopeWhere(VOLUNTEER_UID, scope), $and: [{ $or: [{ endDate: { $null: true } }, { endDate: { $gte: day } }] }, { $or: [{ membership: { $null: true } }, { membership: { $notIn: ['candidate', 'left'] } }] }] },
        select: ['documentId', 'name'],
        orderBy: { name: 'asc' },
      })) as Array<{ documentId: string; name: string }>;
      return {
        present: rows.filter((r) => r.day === day).map(toPresent),
        toRegularise: rows.filter((r) => r.day < day).map(toPresent),
        team: team.map((v) => ({ documentId: v.documentId, name: v.name })),
      };
    },

    /** Signs a volunteer in now; `operator` is who did it at the station. */
    async signIn(volunteerDocumentId: string, operator: string, scope: WorkshopScope = ALL) {
      return strapi.db.transaction(async ({ trx }) => {
        const v = await volunteer(volunteerDocumentId, true, scope);
        await lockVolunteerPresences(trx, v.id);
        const [already] = await open(v.id, trx);
        if (already) {
          const message =
            already.day === today()
              ? `${v.name} est déjà pointé(e) depuis ${already.since.slice(11)}.`
              : `${v.name} n’a pas pointé son départ du ${already.since} : la coordination régularise cette présence (heure de départ réelle) avant une nouvelle arrivée.`;
          throw new ConflictError(message, { rule: already.day === today() ? 'ALREADY_PRESENT' : 'TO_REGULARISE', presence: already.presence });
        }
        const created = await strapi.documents(PRESENCE_UID as 'api::volunteer-presence.volunteer-presence').create({
          data: { volunteer: v.documentId, signedInAt: now().toISOString(), source: 'station', enteredBy: operator } as never,
        });
        return { presence: created.documentId, volunteer: v.documentId, name: v.name, signedInAt: now().toISOString() };
      });
    },

    /** Signs a volunteer out now (their open presence); a stay longer than the maximum is the coordination's to regularise. */
    async signOut(volunteerDocumentId: string, scope: WorkshopScope = ALL) {
      return strapi.db.transaction(async ({ trx }) => {
        const v = await volunteer(volunteerDocumentId, false, scope);
        await lockVolunteerPresences(trx, v.id);
        const [current] = await open(v.id, trx);
        if (!current) throw new ConflictError(`${v.name} n’est pas pointé(e) : il n’y a pas d’arrivée à clore.`, { rule: 'NOT_PRESENT' });
        const signedOutAt = now().toISOString();
        await strapi.documents(PRESENCE_UID as 'api::volunteer-presence.volunteer-presence').update({ documentId: current.presence, data: { signedOutAt } as never });
        return { presence: current.presence, volunteer: v.documentId, name: v.name, signedInAt: iso(current.signed_in_at), signedOutAt };
      });
    },
  };
};

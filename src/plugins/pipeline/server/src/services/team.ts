import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { today } from '../../../../../shared/server/clock';
import { ConflictError } from '../../../../../shared/server/errors';
import { grantTone, VOLUNTEER_UID, type VolunteerStatus } from '../../../../../shared/skills';
import type { TeamBoard, TeamMember } from '../../../shared/contracts';
import { ALL, scopeWhere, type WorkshopScope } from '../../../../../shared/server/workshops';

interface VolunteerRow {
  id: number;
  documentId: string;
  name: string;
  membership: VolunteerStatus | null;
  startDate: string | null;
  endDate: string | null;
  consentDate: string | null;
  availability: string | null;
  skillGrants?: Array<{ documentId: string; grantedOn: string | null; expiresOn: string | null; skill: { key: string; name: string } | null }>;
  trainings?: Array<{ documentId: string; date: string | null }>;
}

const french = (day: string) => day.slice(0, 10).split('-').reverse().join('/');

/**
 * The « Bénévoles » page (docs/volunteers.md): the team in three columns, and the two moves staff
 * make there. Each move runs through the Document Service (its middleware checks the dates for
 * the status) in a transaction that first locks the volunteer's row, so two clicks make one move.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The team of the workshops of `scope` (every workshop by default). */
  async board(scope: WorkshopScope = ALL): Promise<TeamBoard> {
    const day = today();
    const rows = (await strapi.db.query(VOLUNTEER_UID).findMany({
      where: scopeWhere(VOLUNTEER_UID, scope),
      select: ['id', 'documentId', 'name', 'membership', 'startDate', 'endDate', 'consentDate', 'availability'],
      populate: {
        skillGrants: { select: ['documentId', 'grantedOn', 'expiresOn'], populate: { skill: { select: ['key', 'name'] } } },
        trainings: { select: ['documentId', 'date'] },
      },
      orderBy: { name: 'asc' },
    })) as VolunteerRow[];
    const member = (v: VolunteerRow): TeamMember => {
      // The newest grant of each skill: a refresher replaces the lapsed one on the page.
      const bySkill = new Map<string, NonNullable<VolunteerRow['skillGrants']>[number]>();
      for (const g of v.skillGrants ?? []) {
        if (!g.skill) continue;
        const seen = bySkill.get(g.skill.key);
        if (!seen || (g.grantedOn ?? '') > (seen.grantedOn ?? '')) bySkill.set(g.skill.key, g);
      }
      const trainings = (v.trainings ?? []).filter((t) => t.date).sort((a, b) => (a.date! < b.date! ? 1 : -1));
      return {
        documentId: v.documentId,
        name: v.name,
        membership: v.membership ?? 'active',
        startDate: v.startDate,
        endDate: v.endDate,
        consentDate: v.consentDate,
        availability: v.availability,
        skills: [...bySkill.values()]
          .map((g) => ({ grantDocumentId: g.documentId, key: g.skill!.key, name: g.skill!.name, grantedOn: g.grantedOn, expiresOn: g.expiresOn, tone: grantTone(g, day) }))
          .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
        lastTraining: trainings[0] ? { documentId: trainings[0].documentId, date: trainings[0].date! } : null,
      };
    };
    const members = rows.map(member);
    return {
      today: day,
      candidates: members.filter((m) => m.membership === 'candidate'),
      active: members.filter((m) => m.membership === 'active'),
      left: members.filter((m) => m.membership === 'left').sort((a, b) => (b.endDate ?? '').localeCompare(a.endDate ?? '')),
    };
  },

  /** « Accueillir »: a candidate joins the team today. */
  async welcome(documentId: string): Promise<TeamMember> {
    return this.change(documentId, 'candidate', (day) => ({ membership: 'active', startDate: day }), (v) =>
      v.membership === 'active' ? `${v.name} est déjà dans l’équipe (depuis le ${french(v.startDate ?? today())}).` : `${v.name} a quitté l’équipe : modifiez sa fiche pour l’y faire revenir.`,
    );
  },

  /** « Départ »: a member of the team leaves today. */
  async depart(documentId: string): Promise<TeamMember> {
    return this.change(documentId, 'active', (day, v) => ({ membership: 'left', endDate: v.endDate && v.endDate < day ? v.endDate : day }), (v) =>
      v.membership === 'left' ? `Le départ de ${v.name} est déjà enregistré (le ${french(v.endDate ?? today())}).` : `${v.name} est candidat·e : « Accueillir » d’abord, ou supprimez la fiche.`,
    );
  },

  async change(
    documentId: string,
    from: VolunteerStatus,
    data: (day: string, v: VolunteerRow) => Record<string, unknown>,
    refusal: (v: VolunteerRow) => string,
  ): Promise<TeamMember> {
    await strapi.db.transaction(async ({ trx }) => {
      const table = strapi.db.metadata.get(VOLUNTEER_UID).tableName;
      const locked = await trx(table).where({ document_id: documentId }).forUpdate().first('id');
      if (!locked) throw new errors.NotFoundError('Cette fiche de bénévole n’existe pas (ou plus).');
      const v = (await strapi.db.query(VOLUNTEER_UID).findOne({
        where: { documentId },
        select: ['id', 'documentId', 'name', 'membership', 'startDate', 'endDate'],
      })) as VolunteerRow;
      if ((v.membership ?? 'active') !== from) throw new ConflictError(refusal(v), { rule: 'VOLUNTEER_MEMBERSHIP', membership: v.membership });
      await strapi.documents(VOLUNTEER_UID as 'api::volunteer.volunteer').update({ documentId, data: data(today(), v) as never });
    });
    const board = await this.board();
    const found = [...board.candidates, ...board.active, ...board.left].find((m) => m.documentId === documentId);
    return found!;
  },
});

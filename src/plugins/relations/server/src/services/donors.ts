import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { RELATIONSHIPS, RELATIONSHIP_LABELS, type Board, type BoardCard, type NextStep, type Relationship } from '../../../shared/contracts';
import { ConflictError } from '../../../../../shared/server/errors';
import { getService, staffName, type Actor } from '../utils';
import * as clock from '../../../../../shared/server/clock';
import { ALL, scopeWhere, type WorkshopScope } from '../../../../../shared/server/workshops';
import { staffInScope, writingWorkshop } from '../scope';

const INTERACTION = 'api::interaction.interaction';

export interface MoveInput {
  to: Relationship;
  from?: Relationship;
  note?: string;
  nextStep?: string;
  nextStepDue?: string;
  owner?: number;
}

interface InteractionRow {
  documentId: string;
  date: string;
  kind: string;
  summary: string;
  nextStep: string | null;
  nextStepDue: string | null;
  nextStepDoneAt: string | null;
  owner: { id: number; firstname?: string | null; lastname?: string | null; email?: string | null } | null;
}

/** The donor relationships: the board's columns and the move to another step that records an interaction. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Donors are shared by the network: every donor is on the board, with the workshop that follows
   * it (« suivi par »). What is listed on a card — its last interaction, its next step — and the
   * conventions to renew are only the scope's workshops'.
   */
  async board(scope: WorkshopScope = ALL): Promise<Board> {
    const today = clock.today();
    // Counts by SQL: the board stays right however many donors a column holds.
    const counts = (await strapi.db.connection('donors').select('relationship').count({ n: '*' }).groupBy('relationship')) as Array<{ relationship: string; n: string | number }>;
    const countOf = new Map(counts.map((r) => [r.relationship, Number(r.n)]));
    const donors = (await strapi.db.query('api::donor.donor').findMany({
      select: ['documentId', 'name', 'relationship', 'ordiLabelDate'],
      orderBy: { name: 'asc' },
      populate: {
        followedBy: { select: ['id', 'name'] },
        interactions: {
          where: scopeWhere(INTERACTION, scope),
          select: ['documentId', 'date', 'kind', 'summary', 'nextStep', 'nextStepDue', 'nextStepDoneAt'],
          populate: { owner: { select: ['id', 'firstname', 'lastname', 'email'] } },
          orderBy: { date: 'desc' },
        },
      },
    })) as Array<{
      documentId: string;
      name: string;
      relationship: Relationship;
      ordiLabelDate: string | null;
      followedBy: { id: number; name: string } | null;
      interactions: InteractionRow[];
    }>;
    const cards = donors.map((d): BoardCard => {
      const last = d.interactions[0] ?? null;
      const open = d.interactions
        .filter((i) => i.nextStep && !i.nextStepDoneAt)
        .sort((a, b) => String(a.nextStepDue ?? '9999').localeCompare(String(b.nextStepDue ?? '9999')))[0];
      const nextStep: NextStep | null = open
        ? {
            interactionDocumentId: open.documentId,
            text: String(open.nextStep),
            due: open.nextStepDue,
            owner: open.owner ? { id: open.owner.id, name: staffName(open.owner) } : null,
            overdue: open.nextStepDue != null && open.nextStepDue < today,
          }
        : null;
      return {
        documentId: d.documentId,
        name: d.name,
        relationship: d.relationship,
        labelled: d.ordiLabelDate != null,
        followedBy: d.followedBy ? { id: d.followedBy.id, name: d.followedBy.name } : null,
        lastInteraction: last ? { date: last.date, kind: last.kind, summary: last.summary } : null,
        nextStep,
      };
    });
    return {
      today,
      columns: RELATIONSHIPS.map((relationship) => ({
        relationship,
        label: RELATIONSHIP_LABELS[relationship],
        count: countOf.get(relationship) ?? 0,
        cards: cards.filter((c) => c.relationship === relationship),
      })),
      expiring: await getService(strapi, 'conventions').expiring(scope),
    };
  },

  /**
   * Moves a donor to another step of the relationship and records the move as an interaction, in one transaction
   * with the donor's row locked: a stale `from` (someone moved it meanwhile) is refused.
   *
   * A donor is shared by the network, its prospection is not: only the workshop that follows it
   * (« suivi par ») moves it; a donor no workshop follows becomes the mover's on its first move,
   * so two workshops never prospect it at the same time. Another workshop's move is a French 409
   * naming the workshop that follows it.
   */
  async move(documentId: string, input: MoveInput, actor: Actor, scope: WorkshopScope = ALL) {
    return strapi.db.transaction(async ({ trx }) => {
      // Raw knex: the Query Engine has no row lock; this one serialises concurrent moves.
      const row = (await trx('donors').where({ document_id: documentId }).forUpdate().first('id', 'relationship', 'name')) as
        | { id: number; relationship: Relationship; name: string }
        | undefined;
      if (!row) throw new errors.NotFoundError('Donateur introuvable.');
      const followed = (await strapi.db.query('api::donor.donor').findOne({ where: { id: row.id }, select: ['id'], populate: { followedBy: { select: ['id', 'name'] } } })) as {
        followedBy: { id: number; name: string } | null;
      } | null;
      const followedBy = followed?.followedBy ?? null;
      if (followedBy && !scope.all && !scope.ids.includes(followedBy.id)) {
        throw new ConflictError(
          `Ce donateur est suivi par l'atelier « ${followedBy.name} » : seul cet atelier fait avancer la relation. Rapprochez-vous de lui.`,
          { code: 'FOLLOWED_BY_OTHER_WORKSHOP', followedBy: followedBy.name },
        );
      }
      if (input.from && input.from !== row.relationship) {
        throw new ConflictError(
          `Ce donateur est maintenant à l'étape « ${RELATIONSHIP_LABELS[row.relationship]} » (et non « ${RELATIONSHIP_LABELS[input.from]} ») : rechargez le tableau.`,
          { code: 'STALE_RELATIONSHIP', current: row.relationship },
        );
      }
      if (row.relationship === input.to) throw new ConflictError(`Ce donateur est déjà à l'étape « ${RELATIONSHIP_LABELS[input.to]} ».`, { code: 'SAME_RELATIONSHIP' });
      if (input.owner != null) {
        // Only a colleague of the mover's workshops: another workshop's staff is « introuvable ».
        const owner = (await staffInScope(strapi, scope)).find((u) => u.id === input.owner);
        if (!owner) throw new errors.ValidationError('owner : membre de l’équipe introuvable.');
      }
      const workshop = followedBy?.id ?? (await writingWorkshop(strapi, scope));
      await strapi.db.query('api::donor.donor').update({
        where: { id: row.id },
        data: { relationship: input.to, ...(followedBy == null && workshop != null ? { followedBy: workshop } : {}) },
      });
      const summary = `Étape : ${RELATIONSHIP_LABELS[row.relationship]} → ${RELATIONSHIP_LABELS[input.to]}${input.note ? `. ${input.note}` : ''}`;
      const interaction = (await strapi.documents('api::interaction.interaction').create({
        data: {
          date: clock.now().toISOString(),
          kind: 'relationship_change',
          summary,
          author: actor.name,
          donor: documentId,
          ...(workshop != null ? { workshop } : {}),
          nextStep: input.nextStep ?? null,
          nextStepDue: input.nextStepDue ?? null,
          ...(input.owner != null ? { owner: input.owner } : {}),
        } as never,
      })) as { documentId: string };
      return { documentId, from: row.relationship, to: input.to, interaction: interaction.documentId };
    });
  },
});

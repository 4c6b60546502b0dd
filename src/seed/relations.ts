import type { Core } from '@strapi/strapi';

/**
 * Demo data of the relations plugin: the donors labelled Ordi 2.0 in April 2012 (CAF, UBO), a
 * pickup planned at the CHU for the autumn of 2012 (cancelled: the CHU kept those units), next
 * steps with an owner, done at the time. Idempotent: looked up first.
 */
export async function seedRelations(strapi: Core.Strapi, count: (uid: 'api::interaction.interaction' | 'api::pickup.pickup') => void): Promise<void> {
  const donor = (name: string) => strapi.db.query('api::donor.donor').findOne({ where: { name }, select: ['id', 'documentId', 'ordiLabelEvent'] }) as Promise<{ id: number; documentId: string; ordiLabelEvent: string | null } | null>;
  for (const name of ['CAF du Finistère', 'Université de Bretagne Occidentale (UBO)']) {
    const d = await donor(name);
    if (d && !d.ordiLabelEvent) {
      await strapi.db.query('api::donor.donor').update({ where: { id: d.id }, data: { ordiLabelEvent: 'Rencontre régionale Ordi Solidaire Bretagne (Défis), Brest' } });
    }
  }

  // The first staff account owns the demo's next steps (none on an empty install: steps go to the coordinators).
  const owner = (await strapi.db.query('admin::user').findOne({ select: ['id'], orderBy: { id: 'asc' } })) as { id: number } | null;
  const ponant = await donor('Banque du Ponant');
  if (ponant && owner) {
    const step = (await strapi.db.query('api::interaction.interaction').findOne({
      where: { donor: { id: ponant.id }, nextStep: 'Envoyer le projet de convention de partenariat' },
      populate: { owner: { select: ['id'] } },
    })) as { id: number; owner: { id: number } | null } | null;
    if (step && !step.owner) await strapi.db.query('api::interaction.interaction').update({ where: { id: step.id }, data: { owner: owner.id } });
  }

  const chu = await donor('CHU de Brest');
  if (!chu) return;
  const followUp = await strapi.db.query('api::interaction.interaction').findOne({ where: { donor: { id: chu.id }, date: '2012-09-24T09:00:00.000Z' }, select: ['id'] });
  if (!followUp) {
    await strapi.documents('api::interaction.interaction').create({
      data: {
        date: '2012-09-24T09:00:00.000Z', kind: 'call', donor: chu.documentId, author: 'Coordination',
        summary: 'Appel à la direction du numérique : 60 postes du site de la Cavale Blanche libérés en octobre.',
        outcome: 'Collecte fixée au 16 octobre.',
        nextStep: 'Confirmer les bénévoles et le camion de la collecte', nextStepDue: '2012-10-09', nextStepDoneAt: '2012-10-08T16:00:00.000Z',
        ...(owner ? { owner: owner.id } : {}),
      } as never,
    });
    count('api::interaction.interaction');
  }
  const convention = (await strapi.db.query('api::convention.convention').findOne({ where: { kind: 'partnership', donor: { id: chu.id } }, select: ['documentId'], orderBy: { startDate: 'asc' } })) as { documentId: string } | null;
  const planned = await strapi.db.query('api::pickup.pickup').findOne({ where: { donor: { id: chu.id }, plannedAt: '2012-10-16T07:30:00.000Z' }, select: ['id'] });
  if (convention && !planned) {
    await strapi.documents('api::pickup.pickup').create({
      data: {
        convention: convention.documentId, plannedAt: '2012-10-16T07:30:00.000Z', site: 'CHU Cavale Blanche, boulevard Tanguy Prigent, Brest',
        contactName: 'Anne Kerhervé', contactPhone: '02 98 00 20 20', expectedCount: 60,
        volunteers: 'Mikaël, Annie, Jean-Yves', vehicle: 'Camion prêté par Brest métropole', state: 'cancelled',
        notes: 'Annulée le 12 octobre : le CHU a réaffecté ces postes à ses propres services.',
      } as never,
    });
    count('api::pickup.pickup');
  }
}

import type { Core } from '@strapi/strapi';

/** The call for projects the seed report answers, and the bilan it asked for (its parameters). */
export const PROGRAMME = {
  name: 'Appel à projets Multimédia 2011',
  funder: 'Ville de Brest',
  periodStart: '2011-09-01',
  periodEnd: '2012-08-31',
  targetPublic: 'Foyers brestois en difficulté avec au moins un enfant au collège',
  territory: 'brest',
};

/** Idempotent: the programme and the bilan are looked up by name and title first. */
export async function seedReporting(strapi: Core.Strapi, created: Record<string, number>): Promise<void> {
  let programme = (await strapi.db.query('api::funder-programme.funder-programme').findOne({ where: { name: PROGRAMME.name }, select: ['id'] })) as { id: number } | null;
  if (!programme) {
    programme = (await strapi.documents('api::funder-programme.funder-programme').create({ data: PROGRAMME as never })) as unknown as { id: number };
    created['funder-programme'] = 1;
  }
  const title = 'Bilan du 01/09/2011 au 31/08/2012 — Brest — Appel à projets Multimédia 2011';
  if (await strapi.db.query('plugin::reporting.report').findOne({ where: { title }, select: ['id'] })) return;
  await strapi.db.query('plugin::reporting.report').create({
    data: { title, periodFrom: PROGRAMME.periodStart, periodTo: PROGRAMME.periodEnd, territory: 'brest', programme: programme.id, authorName: 'Coordination' },
  });
  created.report = 1;
}

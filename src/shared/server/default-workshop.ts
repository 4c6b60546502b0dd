import type { Core } from '@strapi/strapi';
import { LABEL_PREFIX } from './numbering';

const WORKSHOP = 'api::workshop.workshop';

/** Creates the default workshop when none exists (or marks the oldest one as default). */
export async function ensureDefaultWorkshop(strapi: Core.Strapi): Promise<void> {
  const existing = await strapi.db.query(WORKSHOP).findOne({ where: { isDefault: true } });
  if (existing) return;
  const oldest = await strapi.db.query(WORKSHOP).findOne({ orderBy: { id: 'asc' } });
  if (oldest) {
    await strapi.db.query(WORKSHOP).update({ where: { id: oldest.id }, data: { isDefault: true } });
    return;
  }
  await strapi.documents(WORKSHOP).create({
    data: {
      name: process.env.WORKSHOP_NAME || 'Atelier Seconde Vie',
      commune: process.env.WORKSHOP_COMMUNE || 'Brest',
      // The prefix its labels have always carried (SV-000123).
      code: LABEL_PREFIX,
      isDefault: true,
    },
  });
}

/** The id of the default workshop, for records created without one. */
export async function defaultWorkshopId(strapi: Core.Strapi): Promise<number | null> {
  const workshop = await strapi.db.query(WORKSHOP).findOne({ where: { isDefault: true }, select: ['id'] });
  return (workshop?.id as number | undefined) ?? null;
}

import type { Core } from '@strapi/strapi';
import { newBadgeCode } from '../shared/server/badges';
import { VOLUNTEER_UID } from '../shared/skills';

/**
 * Every volunteer has a badge code (docs/volunteers.md, « Qui est au poste »): those recorded
 * before badges existed, or written around the Document Service, get one at start. Idempotent:
 * only rows without a code are written, each once.
 */
export async function ensureVolunteerBadges(strapi: Core.Strapi): Promise<number> {
  const missing = (await strapi.db.query(VOLUNTEER_UID).findMany({ where: { badgeCode: { $null: true } }, select: ['id'] })) as Array<{ id: number }>;
  for (const row of missing) {
    await strapi.db.query(VOLUNTEER_UID).update({ where: { id: row.id, badgeCode: { $null: true } }, data: { badgeCode: newBadgeCode() } });
  }
  if (missing.length > 0) strapi.log.info(`Badges : ${missing.length} code(s) généré(s) pour les bénévoles qui n’en avaient pas.`);
  return missing.length;
}

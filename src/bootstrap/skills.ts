import type { Core } from '@strapi/strapi';
import { DEFAULT_SKILLS, SKILL_UID } from '../shared/skills';

/**
 * Installs the default skill catalogue when it is empty (first start, or the upgrade that brings
 * volunteers). Never touches a catalogue staff have edited: a renamed, re-timed or deleted skill
 * stays as they left it. Two instances starting together: the advisory lock lets one install.
 */
export async function ensureDefaultSkills(strapi: Core.Strapi): Promise<void> {
  await strapi.db.transaction(async ({ trx }) => {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', ['sv-default-skills']);
    if ((await strapi.db.query(SKILL_UID).count({})) > 0) return;
    for (const skill of DEFAULT_SKILLS) {
      await strapi.documents(SKILL_UID as 'api::skill.skill').create({ data: skill as never });
    }
  });
}

import type { Core } from '@strapi/strapi';
import { defaultWorkshopId } from '../../../../shared/server/default-workshop';
import { WORKSHOP_UID, type WorkshopScope } from '../../../../shared/server/workshops';

/**
 * The active staff a scope reaches: members of its workshops, and — when the default workshop is
 * one of them — the staff no workshop lists (they work for the default one, as `scopeOf` says).
 * Every active account for a scope over every workshop.
 */
export async function staffInScope(
  strapi: Core.Strapi,
  scope: WorkshopScope,
): Promise<Array<{ id: number; firstname: string | null; lastname: string | null; email: string }>> {
  const users = (await strapi.db.query('admin::user').findMany({
    where: { isActive: true },
    select: ['id', 'firstname', 'lastname', 'email'],
    orderBy: { firstname: 'asc' },
  })) as Array<{ id: number; firstname: string | null; lastname: string | null; email: string }>;
  if (scope.all) return users;
  const workshops = (await strapi.db.query(WORKSHOP_UID).findMany({ select: ['id'], populate: { members: { select: ['id'] } } })) as Array<{
    id: number;
    members?: Array<{ id: number }>;
  }>;
  const memberships = new Map<number, number[]>();
  for (const w of workshops) for (const m of w.members ?? []) memberships.set(m.id, [...(memberships.get(m.id) ?? []), w.id]);
  const fallback = await defaultWorkshopId(strapi);
  const mine = new Set(scope.ids);
  return users.filter((u) => {
    const of = memberships.get(u.id);
    return of ? of.some((id) => mine.has(id)) : fallback != null && mine.has(fallback);
  });
}

/** The workshop a write of this scope records (a donor's « suivi par »): the author's first one, the default for every workshop — as a new record gets. */
export async function writingWorkshop(strapi: Core.Strapi, scope: WorkshopScope): Promise<number | null> {
  return scope.all ? defaultWorkshopId(strapi) : (scope.ids[0] ?? null);
}

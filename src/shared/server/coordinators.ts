import type { Core } from '@strapi/strapi';

/** Addresses in a comma-separated list (blanks dropped). */
export const addressList = (value: string | null | undefined): string[] => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

const WORKSHOP = 'api::workshop.workshop';
/** The role whose members coordinate a workshop (src/bootstrap/admin-roles.ts). */
export const COORDINATION_ROLE = 'seconde-vie-coordination';

interface WorkshopRow {
  id: number;
  name?: string | null;
  isDefault?: boolean | null;
  coordinatorsEmail?: string | null;
}

interface AdminRow {
  id: number;
  email?: string | null;
  isActive?: boolean | null;
  blocked?: boolean | null;
}

const unique = (list: string[]): string[] => {
  const seen = new Set<string>();
  return list.filter((a) => (seen.has(a.toLowerCase()) ? false : (seen.add(a.toLowerCase()), true)));
};

/**
 * The e-mails of the active, non-blocked admin users holding the Coordination role who work for
 * `workshop`: those its `members` list, and for the default workshop also those no workshop lists
 * (they work for the default one, as `workshopIdsOfAdmin` in workshops.ts has it).
 */
async function coordinationMembersOf(strapi: Core.Strapi, workshop: WorkshopRow): Promise<string[]> {
  const users = (await strapi.db.query('admin::user').findMany({
    where: { roles: { code: COORDINATION_ROLE } },
    select: ['id', 'email', 'isActive', 'blocked'],
    orderBy: { id: 'asc' },
  })) as AdminRow[];
  const active = users.filter((u) => u.isActive === true && u.blocked !== true && u.email);
  if (active.length === 0) return [];
  const listed = (await strapi.db.query(WORKSHOP).findMany({
    where: { members: { id: { $in: active.map((u) => u.id) } } },
    select: ['id'],
    populate: { members: { select: ['id'] } },
  })) as Array<{ id: number; members?: Array<{ id: number }> }>;
  const workshopsOf = new Map<number, Set<number>>();
  for (const w of listed) for (const m of w.members ?? []) (workshopsOf.get(m.id) ?? workshopsOf.set(m.id, new Set()).get(m.id)!).add(w.id);
  return unique(
    active
      .filter((u) => {
        const theirs = workshopsOf.get(u.id);
        return theirs ? theirs.has(workshop.id) : workshop.isDefault === true;
      })
      .map((u) => u.email as string),
  );
}

/**
 * The coordinators of one workshop, from that workshop alone (no fallback to another): its
 * « E-mails des coordinateurs »; for the default workshop, then the COORDINATORS_EMAIL variable
 * (the installation's explicit setting from before the network, which keeps a single-workshop
 * installation writing where it always did); then the active Coordination accounts working for it.
 */
async function ownCoordinators(strapi: Core.Strapi, workshop: WorkshopRow): Promise<string[]> {
  const configured = addressList(workshop.coordinatorsEmail);
  if (configured.length > 0) return configured;
  if (workshop.isDefault) {
    const fromEnv = addressList(process.env.COORDINATORS_EMAIL);
    if (fromEnv.length > 0) return fromEnv;
  }
  return coordinationMembersOf(strapi, workshop);
}

async function workshopRow(strapi: Core.Strapi, where: Record<string, unknown>): Promise<WorkshopRow | null> {
  return (await strapi.db.query(WORKSHOP).findOne({ where, select: ['id', 'name', 'isDefault', 'coordinatorsEmail'] })) as WorkshopRow | null;
}

/**
 * The default workshop's coordinators (read in one place): its « E-mails des coordinateurs »
 * (content manager), else COORDINATORS_EMAIL (comma-separated), else its Coordination accounts.
 * For what concerns one workshop, use `coordinatorAddressesOf` instead.
 */
export async function coordinatorAddresses(strapi: Core.Strapi): Promise<string[]> {
  const workshop = await workshopRow(strapi, { isDefault: true });
  if (!workshop) return addressList(process.env.COORDINATORS_EMAIL);
  return ownCoordinators(strapi, workshop);
}

/**
 * The coordinators of one workshop of the network, for what concerns that workshop only (its
 * digests, convention reminders, stock alerts, workflow e-mails, campaign reports, the public
 * site's offers routed to it): its « E-mails des coordinateurs », else its active Coordination
 * members (and for the default workshop COORDINATORS_EMAIL first, see `ownCoordinators`). A
 * workshop id of null (a record from before the network) is the default workshop.
 *
 * A workshop with nobody at all (a new one being set up) falls back to the default workshop's
 * coordinators, with a warning naming it: an alert must never reach nobody, and the network's
 * coordination is the one to tell that the workshop has no coordinator yet.
 */
export async function coordinatorAddressesOf(strapi: Core.Strapi, workshopId: number | null | undefined): Promise<string[]> {
  if (workshopId == null) return coordinatorAddresses(strapi);
  const workshop = await workshopRow(strapi, { id: workshopId });
  if (!workshop || workshop.isDefault) return workshop ? ownCoordinators(strapi, workshop) : coordinatorAddresses(strapi);
  const own = await ownCoordinators(strapi, workshop);
  if (own.length > 0) return own;
  strapi.log.warn(
    `[coordinateurs] l'atelier « ${workshop.name ?? workshop.id} » n'a ni « E-mails des coordinateurs » ni compte Coordination actif : ses e-mails partent aux coordinateurs de l'atelier par défaut.`,
  );
  return coordinatorAddresses(strapi);
}

/**
 * Groups items per workshop (null = the default workshop, as records from before the network):
 * one e-mail per workshop, each listing only its own items.
 */
export async function byWorkshop<T>(strapi: Core.Strapi, items: T[], workshopOf: (item: T) => number | null | undefined): Promise<Map<number | null, T[]>> {
  const fallback = ((await strapi.db.query(WORKSHOP).findOne({ where: { isDefault: true }, select: ['id'] })) as { id: number } | null)?.id ?? null;
  const groups = new Map<number | null, T[]>();
  for (const item of items) {
    const key = workshopOf(item) ?? fallback;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(item);
  }
  return groups;
}

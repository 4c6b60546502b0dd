import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/**
 * A network of workshops on one installation (docs/network.md). Every business record belongs
 * to one workshop, directly (`workshop`) or through its parent (a storage device through its
 * unit, a grant or a presence through its volunteer). Staff belong to workshops (`members` on
 * the workshop); Coordination and Atelier see and change only their workshops' records, « Réseau »
 * reads every workshop and writes none, super-admins see all.
 *
 * This file is the one rule every path applies: the content manager through the admin
 * permission condition registered below, the plugins' routes through `scopeOf` / `scopeWhere` /
 * `scopeSql` / `assertInScope`, the Document Service through `assertWritableWorkshop`.
 */

export const WORKSHOP_UID = 'api::workshop.workshop';
export const NETWORK_ROLE = 'seconde-vie-reseau';
export const CONDITION_ID = 'api::in-my-workshops';
/** « Atelier principal du réseau »: the writes of the network's shared settings in the content manager. */
export const MAIN_WORKSHOP_CONDITION_ID = 'api::main-workshop';

/** The path from a type to its workshop ('' for the workshop itself). Types absent are shared by the network (donors, skills). */
export const WORKSHOP_PATH: Readonly<Record<string, string>> = {
  'api::workshop.workshop': '',
  'api::convention.convention': 'workshop',
  'api::donation.donation': 'workshop',
  'api::machine.machine': 'workshop',
  'api::part.part': 'workshop',
  'api::prescription.prescription': 'workshop',
  'api::prescriber.prescriber': 'workshop',
  'api::household.household': 'workshop',
  'api::interaction.interaction': 'workshop',
  'api::pickup.pickup': 'workshop',
  'api::funder-programme.funder-programme': 'workshop',
  'api::weee-shipment.weee-shipment': 'workshop',
  'api::volunteer.volunteer': 'workshop',
  'api::training.training': 'workshop',
  'api::permanence.permanence': 'workshop',
  'api::storage-device.storage-device': 'machine.workshop',
  'api::skill-grant.skill-grant': 'volunteer.workshop',
  'api::volunteer-presence.volunteer-presence': 'volunteer.workshop',
};

/** Types that carry their own `workshop` relation: a new record gets its author's workshop. */
export const OWN_WORKSHOP_TYPES = Object.entries(WORKSHOP_PATH)
  .filter(([, path]) => path === 'workshop')
  .map(([uid]) => uid);

/** What a request may reach: every workshop, or these ones. */
export type WorkshopScope = { all: true; ids?: undefined } | { all: false; ids: number[] };

export const ALL: WorkshopScope = { all: true };

interface AdminUserLike {
  id: number | string;
  roles?: Array<{ code?: string }>;
}

const SUPER_ADMIN = 'strapi-super-admin';

/** The default workshop's id (the one unattached staff work for). */
async function defaultId(strapi: Core.Strapi): Promise<number | null> {
  const row = (await strapi.db.query(WORKSHOP_UID).findOne({ where: { isDefault: true }, select: ['id'] })) as { id: number } | null;
  return row?.id ?? null;
}

/**
 * The workshops an admin user works for: those listing them as members; a user no workshop lists
 * works for the default workshop (a single-workshop installation needs no setting).
 */
export async function workshopIdsOfAdmin(strapi: Core.Strapi, userId: number | string): Promise<number[]> {
  const rows = (await strapi.db.query(WORKSHOP_UID).findMany({ where: { members: { id: Number(userId) } }, select: ['id'] })) as Array<{ id: number }>;
  if (rows.length > 0) return rows.map((r) => r.id).sort((a, b) => a - b);
  const fallback = await defaultId(strapi);
  return fallback == null ? [] : [fallback];
}

async function rolesOf(strapi: Core.Strapi, user: AdminUserLike): Promise<string[]> {
  if (Array.isArray(user.roles) && user.roles.every((r) => typeof r.code === 'string')) return user.roles.map((r) => r.code as string);
  const row = (await strapi.db.query('admin::user').findOne({ where: { id: Number(user.id) }, populate: { roles: { select: ['code'] } } })) as {
    roles?: Array<{ code: string }>;
  } | null;
  return (row?.roles ?? []).map((r) => r.code);
}

/** An admin user's scope: super-admins and « Réseau » reach every workshop. */
export async function scopeOfAdmin(strapi: Core.Strapi, user: AdminUserLike): Promise<WorkshopScope> {
  const codes = await rolesOf(strapi, user);
  if (codes.includes(SUPER_ADMIN) || codes.includes(NETWORK_ROLE)) return ALL;
  return { all: false, ids: await workshopIdsOfAdmin(strapi, user.id) };
}

interface ScopedState {
  user?: AdminUserLike;
  auth?: { strategy?: { name?: string } };
  workshopScope?: WorkshopScope;
}

/**
 * The scope of a request to a plugin route. Admin users by their workshops; API tokens (the
 * workshop's own tools, created by a super-admin) and public routes (which apply their own rules:
 * a portal account its structure, a verify page its number) by every workshop.
 */
export async function scopeOf(strapi: Core.Strapi, ctx: { state: unknown }): Promise<WorkshopScope> {
  const state = ctx.state as ScopedState;
  if (state.workshopScope) return state.workshopScope;
  const strategy = state.auth?.strategy?.name;
  const scope = strategy === 'admin' && state.user ? await scopeOfAdmin(strapi, state.user) : ALL;
  state.workshopScope = scope;
  return scope;
}

const nest = (path: string, leaf: unknown): Record<string, unknown> =>
  path.split('.').reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), leaf as Record<string, unknown>);

/** A Query Engine `where` fragment limiting `uid` to the scope ({} for every workshop). */
export function scopeWhere(uid: string, scope: WorkshopScope): Record<string, unknown> {
  const path = WORKSHOP_PATH[uid];
  if (scope.all || path === undefined) return {};
  return path === '' ? { id: { $in: scope.ids } } : nest(path, { id: { $in: scope.ids } });
}

/**
 * A SQL condition for raw queries: `column` holds a workshop id (e.g. `m_lnk.workshop_id`, or a
 * sub-select). Returns `[sql, bindings]`; every workshop is `TRUE`.
 */
export function scopeSql(column: string, scope: WorkshopScope): [string, number[]] {
  if (scope.all) return ['TRUE', []];
  if (scope.ids.length === 0) return ['FALSE', []];
  return [`${column} IN (${scope.ids.map(() => '?').join(', ')})`, scope.ids];
}

/** The workshop ids of records of `uid`, by id (records without one are absent). */
export async function workshopsOfRecords(strapi: Core.Strapi, uid: string, ids: number[]): Promise<Map<number, number | null>> {
  const path = WORKSHOP_PATH[uid];
  const result = new Map<number, number | null>();
  if (path === undefined || ids.length === 0) return result;
  if (path === '') {
    for (const id of ids) result.set(id, id);
    return result;
  }
  const rows = (await strapi.db.query(uid as never).findMany({ where: { id: { $in: ids } }, select: ['id'], populate: toPopulate(path) })) as Array<
    Record<string, unknown>
  >;
  for (const row of rows) result.set(row.id as number, pick(row, path));
  return result;
}

function toPopulate(path: string): Record<string, unknown> {
  const keys = path.split('.');
  let inner: Record<string, unknown> = { select: ['id'] };
  for (let i = keys.length - 1; i >= 0; i -= 1) inner = i === 0 ? { [keys[i]]: inner } : { select: ['id'], populate: { [keys[i]]: inner } };
  return inner;
}

function pick(row: Record<string, unknown>, path: string): number | null {
  let value: unknown = row;
  for (const key of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : null;
  return value && typeof value === 'object' ? ((value as { id?: number }).id ?? null) : null;
}

/** Whether a record (by documentId) is within the scope. Records of shared types always are. */
export async function isInScope(strapi: Core.Strapi, uid: string, documentId: string, scope: WorkshopScope): Promise<boolean> {
  if (scope.all || WORKSHOP_PATH[uid] === undefined) return true;
  const row = await strapi.db.query(uid as never).findOne({ where: { documentId, ...scopeWhere(uid, scope) }, select: ['id'] });
  return Boolean(row);
}

export const OUT_OF_SCOPE = "Cette fiche n'existe pas ou appartient à un autre atelier du réseau.";

/** A 404 for a record of another workshop: staff of A learn nothing of B's records, not even that they exist. */
export async function assertInScope(strapi: Core.Strapi, ctx: { state: unknown }, uid: string, documentId: string): Promise<void> {
  const scope = await scopeOf(strapi, ctx);
  if (!(await isInScope(strapi, uid, documentId, scope))) throw new errors.NotFoundError(OUT_OF_SCOPE);
}

/** The admin user behind the current request, if any (Document Service middlewares read it). */
export function currentAdmin(strapi: Core.Strapi): AdminUserLike | null {
  const ctx = strapi.requestContext.get() as { state?: ScopedState } | undefined;
  const state = ctx?.state;
  if (!state?.user || state.auth?.strategy?.name !== 'admin') return null;
  return state.user;
}

/** The scope of the current request's admin user, or every workshop outside an admin request (seed, jobs, public forms). */
export async function currentScope(strapi: Core.Strapi): Promise<WorkshopScope> {
  const ctx = strapi.requestContext.get() as { state?: ScopedState } | undefined;
  if (!ctx?.state) return ALL;
  return scopeOf(strapi, ctx as { state: unknown });
}

/**
 * The workshop id a write names, in any shape the Document Service takes: an id, a documentId,
 * `{ id }`, `{ documentId }`, `{ connect: [...] }`, `{ set: [...] }` or a one-element array.
 * `undefined` when the write names none.
 */
export async function resolveWorkshopId(strapi: Core.Strapi, value: unknown): Promise<number | null | undefined> {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (Array.isArray(value)) return value.length === 0 ? undefined : resolveWorkshopId(strapi, value[value.length - 1]);
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (/^\d+$/.test(value)) return Number(value);
    const row = (await strapi.db.query(WORKSHOP_UID).findOne({ where: { documentId: value }, select: ['id'] })) as { id: number } | null;
    return row?.id ?? null;
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (v.set !== undefined) return resolveWorkshopId(strapi, v.set);
    if (v.connect !== undefined) return resolveWorkshopId(strapi, v.connect);
    if (v.id !== undefined) return resolveWorkshopId(strapi, v.id);
    if (v.documentId !== undefined) return resolveWorkshopId(strapi, v.documentId);
  }
  return undefined;
}

/** A workshop's numbering identity: its code, and whether it is the default one (whose numbers keep their short form). */
export async function numberingIdentity(strapi: Core.Strapi, workshopId: number | null | undefined): Promise<{ code: string | null; isDefault: boolean }> {
  if (workshopId == null) return { code: null, isDefault: true };
  const row = (await strapi.db.query(WORKSHOP_UID).findOne({ where: { id: workshopId }, select: ['code', 'isDefault'] })) as {
    code?: string | null;
    isDefault?: boolean | null;
  } | null;
  return { code: row?.code ?? null, isDefault: row?.isDefault !== false };
}

/**
 * The settings the whole network shares (docs/network.md, « Shared settings »): the workflows,
 * the document templates and identity, the volunteers' hourly rate, the public site. They change
 * for every workshop at once, so only the default workshop's staff (which an account of no
 * workshop is part of) and super-admins change them; the other workshops read them. A single
 * workshop's installation is unchanged: everyone works for the default workshop.
 */
export const NETWORK_SETTINGS_TYPES: ReadonlySet<string> = new Set(['plugin::site.page', 'plugin::site.settings', 'plugin::documents.settings', 'plugin::documents.template']);

export const NETWORK_SETTINGS_REFUSED = (workshop: string) =>
  `Ce réglage est commun à tous les ateliers du réseau : seule l'équipe de l'atelier principal (${workshop}) ou un super-administrateur peut le changer.`;

/** The main (default) workshop, whose staff change the network's shared settings (null before one exists). */
export async function mainWorkshop(strapi: Core.Strapi): Promise<{ id: number; name: string } | null> {
  return (await strapi.db.query(WORKSHOP_UID).findOne({ where: { isDefault: true }, select: ['id', 'name'] })) as { id: number; name: string } | null;
}

/**
 * Whether the requester may change the network's shared settings (`scope`: the request's, or the
 * current one): the whole-network scopes, the main workshop's staff, everyone before a main
 * workshop exists. The one rule; `assertNetworkSettingsWriter` and the admin's
 * `GET /network/shared-settings` both ask it.
 */
export async function canChangeNetworkSettings(strapi: Core.Strapi, scope?: WorkshopScope): Promise<boolean> {
  const s = scope ?? (await currentScope(strapi));
  if (s.all) return true;
  const main = await mainWorkshop(strapi);
  return !main || s.ids.includes(main.id);
}

/** Throws a French 403 unless the requester may change the network's shared settings (`scope`: the request's, or the current one). */
export async function assertNetworkSettingsWriter(strapi: Core.Strapi, scope?: WorkshopScope): Promise<void> {
  if (await canChangeNetworkSettings(strapi, scope)) return;
  const main = await mainWorkshop(strapi);
  throw new errors.PolicyError(NETWORK_SETTINGS_REFUSED(main?.name ?? ''), { rule: 'NETWORK_SETTINGS' });
}

import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { scopeOf, WORKSHOP_PATH, workshopsOfRecords, type WorkshopScope } from '../shared/server/workshops';

/** The content manager's record routes: a list, or one record (`/:documentId`). */
const RECORDS = /^\/content-manager\/(collection-types|single-types)\/([^/]+)(?:\/([^/]+))?\/?$/;

interface PermissionChecker {
  cannot: { read: (entity?: unknown) => boolean };
  sanitizeOutput: (data: unknown) => Promise<Record<string, unknown>>;
}

type Checkers = (model: string) => PermissionChecker;

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * A related record as a role may read it: the fields its permissions on the target type allow
 * (Strapi's own sanitiser, conditions included), or only its ids when it may not read that type.
 * A relation's `{ count }` (what edit views get) is left as it is.
 */
async function asReadable(value: Record<string, unknown>, checker: PermissionChecker, path?: string, owner?: number | null): Promise<Record<string, unknown>> {
  if (!('documentId' in value) && !('id' in value)) return value;
  if (checker.cannot.read()) return { id: value.id, documentId: value.documentId };
  // The role's condition « Fiches de mes ateliers » reads the record's workshop, which a populated
  // relation does not carry: it is lent for the check (the record's scope was checked above).
  if (!path || owner == null) return checker.sanitizeOutput(value);
  const keys = path.split('.');
  const lent = keys.reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), { id: owner });
  const [first] = keys;
  const sanitized = await checker.sanitizeOutput({ ...value, [first]: lent[first] });
  if (!(first in value)) delete sanitized[first];
  else sanitized[first] = value[first];
  return sanitized;
}

/**
 * Related records of another workshop (a shared donor's donations, a received unit's donation)
 * are left out: staff of one workshop learn nothing of another's records (docs/network.md).
 */
async function inScope(strapi: Core.Strapi, target: string, values: Record<string, unknown>[], scope: WorkshopScope): Promise<Map<number, number | null>> {
  const ids = values.map((v) => Number(v.id)).filter(Number.isInteger);
  if (WORKSHOP_PATH[target] === undefined) return new Map(ids.map((id) => [id, null]));
  const owners = await workshopsOfRecords(strapi, target, ids);
  return new Map(ids.filter((id) => {
    const owner = owners.get(id);
    return scope.all || owner == null || scope.ids.includes(owner);
  }).map((id) => [id, owners.get(id) ?? null]));
}

async function sanitizeRelations(strapi: Core.Strapi, uid: string, entry: Record<string, unknown>, checkers: Checkers, scope: WorkshopScope): Promise<void> {
  const model = strapi.getModel(uid as never) as { attributes: Record<string, { type: string; target?: string }> } | undefined;
  if (!model) return;
  for (const [name, attribute] of Object.entries(model.attributes)) {
    const value = entry[name];
    // Staff (createdBy, a next step's owner…) are shown by Strapi with their names only.
    if (attribute.type !== 'relation' || !attribute.target || attribute.target.startsWith('admin::') || value == null) continue;
    const checker = checkers(attribute.target);
    const records = (Array.isArray(value) ? value : [value]).filter(isRecord).filter((v) => 'id' in v);
    const allowed = await inScope(strapi, attribute.target, records, scope);
    const keep = (v: unknown) => !isRecord(v) || !('id' in v) || allowed.has(Number(v.id));
    const path = WORKSHOP_PATH[attribute.target];
    const readable = (v: Record<string, unknown>) => asReadable(v, checker, path, allowed.get(Number(v.id)));
    if (Array.isArray(value)) entry[name] = await Promise.all(value.filter(keep).map((v) => (isRecord(v) ? readable(v) : v)));
    else if (isRecord(value)) entry[name] = keep(value) ? await readable(value) : null;
  }
}

/**
 * The content manager restricts a role's fields on a type's own records, but a list populates
 * each relation's target whole (`populateDeep(1)`), and its output check keeps every field under a
 * relation the role may read: an Atelier volunteer reading donations got each donor's SIRET,
 * address and notes, and a workshop's coordinators' e-mails, though the role reads donors' and
 * workshops' names only. After the content manager answers, this gives each related record the
 * fields the same role may read on the target type (docs/roles.md, « What each role needs »).
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next): Promise<void> => {
    await next();
    if (ctx.method !== 'GET' || ctx.status !== 200) return;
    const match = RECORDS.exec(ctx.path);
    const ability = (ctx.state as { userAbility?: unknown }).userAbility;
    if (!match || !ability || !isRecord(ctx.body)) return;
    const uid = decodeURIComponent(match[2]);
    const body = ctx.body as { results?: unknown; data?: unknown };
    const entries = (Array.isArray(body.results) ? body.results : [body.data]).filter(isRecord);
    const factory = strapi.plugin('content-manager').service('permission-checker') as { create: (args: { userAbility: unknown; model: string }) => PermissionChecker };
    const cache = new Map<string, PermissionChecker>();
    const checkers: Checkers = (model) => {
      if (!cache.has(model)) cache.set(model, factory.create({ userAbility: ability, model }));
      return cache.get(model)!;
    };
    const scope = await scopeOf(strapi, ctx);
    for (const entry of entries) await sanitizeRelations(strapi, uid, entry, checkers, scope);
  };

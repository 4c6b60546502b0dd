import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { staffName } from '../../../../shared/server/display-name';
import { HOUSEHOLD_UID, householdIdsIn, householdReadsOf, noteHouseholdReads, type AttributesOf, type SchemaAttribute } from '../../../../shared/household-reads';
import type { Actor } from './services/privacy';

interface MiddlewareContext {
  uid: string;
  action: string;
  params: Record<string, unknown>;
}

const READS = new Set(['findOne', 'findFirst', 'findMany']);
/** The content manager's relation endpoints read the target through the query engine, not the Document Service. */
const RELATION_HANDLERS = new Set(['relations.findExisting', 'relations.findAvailable']);

const attributesOf = (strapi: Core.Strapi): AttributesOf => (uid) =>
  (strapi.getModel(uid as never) as { attributes?: Record<string, SchemaAttribute> } | undefined)?.attributes;

/**
 * Notes every household a Document Service read returns while serving a request — the household
 * type itself, or households populated in a prescription, at any depth — whoever reads it: the
 * content manager, the REST API, a document's data. Reads outside a request (jobs, seed) are the
 * app's own work and are not logged.
 */
export function readNoteMiddleware(strapi: Core.Strapi) {
  const attributes = attributesOf(strapi);
  return async (ctx: MiddlewareContext, next: () => Promise<unknown>) => {
    const result = await next();
    if (!READS.has(ctx.action)) return result;
    const request = strapi.requestContext.get();
    if (!request) return result;
    const ids = householdIdsIn(result, ctx.uid, attributes);
    noteHouseholdReads(request, ids, ctx.action === 'findMany' ? 'list' : 'read');
    return result;
  };
}

interface RequestState {
  user?: { id: number; firstname?: string | null; lastname?: string | null; email?: string };
  auth?: { strategy?: { name?: string }; credentials?: { id?: number; name?: string } | null };
  route?: { handler?: unknown; info?: { pluginName?: string } };
}

/** Who read: a staff member, a staff API token, a portal account (with its structure), or nobody logged in. */
async function actorOf(strapi: Core.Strapi, state: RequestState): Promise<Actor> {
  const strategy = state.auth?.strategy?.name;
  if (strategy === 'admin' && state.user) {
    const user = state.user;
    return { id: String(user.id), name: staffName(user), kind: 'staff' };
  }
  if (strategy === 'content-api-token') return { id: String(state.auth?.credentials?.id ?? ''), name: `Jeton API « ${state.auth?.credentials?.name ?? '?'} »`, kind: 'api-token' };
  if (strategy === 'users-permissions' && state.auth?.credentials?.id) {
    const user = (await strapi.db.query('plugin::users-permissions.user').findOne({
      where: { id: state.auth.credentials.id },
      select: ['email'],
      populate: { prescriber: { select: ['name'] }, donor: { select: ['name'] } },
    })) as { email: string; prescriber?: { name: string } | null; donor?: { name: string } | null } | null;
    const structure = user?.prescriber?.name ?? user?.donor?.name;
    return { id: String(state.auth.credentials.id), name: `Portail : ${user?.email ?? `compte #${state.auth.credentials.id}`}${structure ? ` (${structure})` : ''}`, kind: 'portal' };
  }
  return { id: null, name: 'Visiteur non connecté', kind: 'anonymous' };
}

/** The households a content-manager relation endpoint answered with, when the relation leads to households. */
function relationReads(strapi: Core.Strapi, ctx: Context): string[] {
  const route = (ctx.state as RequestState).route;
  if (route?.info?.pluginName !== 'content-manager' || !RELATION_HANDLERS.has(String(route.handler))) return [];
  const { model, targetField } = ctx.params as { model?: string; targetField?: string };
  const attribute = model && targetField ? attributesOf(strapi)(model)?.[targetField] : undefined;
  if (attribute?.type !== 'relation' || attribute.target !== HOUSEHOLD_UID) return [];
  return householdIdsIn((ctx.body as { results?: unknown } | undefined)?.results, HOUSEHOLD_UID, attributesOf(strapi));
}

/**
 * Writes one read-log line per request and kind of read, once the response is ready: who, when,
 * which households, through which route. A request that fails (4xx, 5xx) returned no data and is
 * not logged; a log that cannot be written fails the request, so that no read goes unlogged.
 */
export function readLogKoaMiddleware(strapi: Core.Strapi) {
  return async (ctx: Context, next: Next) => {
    await next();
    if (ctx.status >= 400) return;
    const relation = relationReads(strapi, ctx);
    if (relation.length > 0) {
      const handler = String((ctx.state as RequestState).route?.handler);
      noteHouseholdReads(ctx, relation, handler === 'relations.findAvailable' ? 'list' : 'read');
    }
    const reads = householdReadsOf(ctx);
    if (reads.length === 0) return;
    const state = ctx.state as RequestState;
    const actor = await actorOf(strapi, state);
    const route = state.route ? `${state.route.info?.pluginName ?? 'api'}.${String(state.route.handler)}` : null;
    const privacy = strapi.plugin('privacy').service('privacy') as { log(action: string, ids: string[], actor: Actor, details: Record<string, unknown>): Promise<void> };
    for (const { kind, householdDocumentIds } of reads) {
      await privacy.log(kind, householdDocumentIds, actor, { method: ctx.method, path: ctx.path, route });
    }
  };
}

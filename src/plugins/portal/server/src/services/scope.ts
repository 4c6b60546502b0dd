import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { DONATION, HIDDEN, HOUSEHOLD, MACHINE, PRESCRIPTION, type PortalActor, type PortalQuery } from '../domain/scope';
import { MESSAGES } from '../messages';
import { pipelineWorkflows } from '../../../../../shared/server/workflows';
import type { CoreController, PortalScopeService, ScopedAction, ScopedUid } from '../../../../../shared/server/scoped-controller';
import type { AuthState } from './access';
import { getService } from '../utils';

type Uid = ScopedUid;
type Actor = PortalActor & { structureDocumentId: string };
type Doc = Record<string, unknown> & { id?: number; documentId?: string };
type Actions = Record<ScopedAction, (ctx: Context) => Promise<unknown>>;

/** What a portal account may write on a type, and what it never reads. */
interface PortalPolicy {
  writable: string[];
  /** Checks and completes the data before a create or an update; returns what to write. */
  prepare?: (strapi: Core.Strapi, actor: Actor, data: Record<string, unknown>, action: 'create' | 'update', existing?: Doc) => Promise<Record<string, unknown>>;
  /** Adds what the portal shows beyond the attributes (e.g. the commune of a handed-over unit). */
  present?: (strapi: Core.Strapi, docs: Doc[]) => Promise<void>;
  /** Creates the record, instead of a plain Document Service create; returns its documentId. */
  create?: (strapi: Core.Strapi, actor: Actor, data: Record<string, unknown>) => Promise<string>;
}

const POLICIES: Record<Uid, PortalPolicy> = {
  [PRESCRIPTION]: {
    writable: ['household', 'needs', 'reason'],
    prepare: preparePrescription,
    // The portal's one filing path, which the pages' API takes too (services/filing.ts).
    create: async (strapi, actor, data) => (await getService(strapi, 'filing').file(actor, data)).documentId,
  },
  [HOUSEHOLD]: {
    writable: ['referenceName', 'commune', 'childrenInCollege', 'phone', 'consentDate'],
    prepare: async (_strapi, actor, data, action) => (action === 'create' ? { ...data, prescriber: actor.structureDocumentId } : data),
  },
  [DONATION]: { writable: [] },
  [MACHINE]: { writable: [], present: presentHandover },
};

/**
 * The actions of the four business types' REST controllers (src/shared/server/scoped-controller.ts
 * hands them here): every action narrowed to the caller's structure when the caller is a portal
 * account. Staff API tokens get the core behaviour. Ownership is added to the filters of the
 * Document Service call itself, after Strapi's own validation and sanitisation of the query;
 * updates look the record up first (404 otherwise).
 */
export default ({ strapi }: { strapi: Core.Strapi }): PortalScopeService => {
  // One set of actions per core controller (one per type), built on its first request.
  const built = new WeakMap<CoreController, Actions>();
  return {
    handle(uid, action, ctx, core) {
      let actions = built.get(core);
      if (!actions) {
        actions = scopedActions(strapi, uid, core);
        built.set(core, actions);
      }
      return actions[action](ctx);
    },
  };
};

function scopedActions(strapi: Core.Strapi, uid: Uid, core: CoreController): Actions {
  const access = () => getService(strapi, 'access');
  const policy = POLICIES[uid];
  const requester = (ctx: Context) => access().requester(ctx.state.auth as AuthState | undefined);

  const sanitizedQuery = async (ctx: Context): Promise<PortalQuery> => {
    await core.validateQuery(ctx);
    return (await core.sanitizeQuery(ctx)) as PortalQuery;
  };

  /** Removes staff-only attributes (HIDDEN, the same list the query restriction refuses) from a record and the records populated in it. */
  const hide = (type: string, doc: Doc) => {
    const attributes = access().schemaOf(type);
    for (const field of HIDDEN[type] ?? []) delete doc[field];
    for (const [key, value] of Object.entries(doc)) {
      const target = attributes[key]?.type === 'relation' ? attributes[key].target : undefined;
      if (!target || value === null || typeof value !== 'object') continue;
      for (const child of Array.isArray(value) ? value : [value]) hide(target, child as Doc);
    }
  };

  const output = async (ctx: Context, data: Doc | Doc[], meta?: unknown) => {
    const docs = Array.isArray(data) ? data : [data];
    if (policy.present) await policy.present(strapi, docs);
    for (const doc of docs) hide(uid, doc);
    const extras = docs.map((doc) => ({ handover: doc.handover }));
    const sanitized = (await core.sanitizeOutput(data, ctx)) as Doc | Doc[];
    // Computed fields are not attributes: the sanitiser drops them, so they are put back.
    (Array.isArray(sanitized) ? sanitized : [sanitized]).forEach((doc, i) => {
      if (extras[i]?.handover !== undefined) doc.handover = extras[i].handover;
    });
    return core.transformResponse(sanitized, meta);
  };

  /** The actor's own record, or 404 whether it exists elsewhere or not at all. */
  const ownRecord = async (actor: Actor, documentId: string, query: PortalQuery = {}): Promise<Doc> => {
    const scoped = access().restrict(uid, { ...query, filters: { documentId: { $eq: documentId } } }, actor);
    const found = (await strapi.documents(uid).findFirst(scoped as never)) as Doc | null;
    if (!found) throw new errors.NotFoundError(MESSAGES.notFound);
    return found;
  };

  const portalData = async (ctx: Context, actor: Actor, action: 'create' | 'update', existing?: Doc) => {
    const body = (ctx.request as unknown as { body?: { data?: unknown } }).body;
    if (!body || typeof body.data !== 'object' || body.data === null || Array.isArray(body.data)) {
      throw new errors.ValidationError(MESSAGES.missingData);
    }
    const refused = Object.keys(body.data).filter((key) => !policy.writable.includes(key));
    if (refused.length > 0) throw new errors.ValidationError(MESSAGES.fieldNotWritable(refused.join(', ')));
    if (!policy.prepare) throw new errors.ForbiddenError(MESSAGES.forbidden);
    const sanitized = await core.sanitizeInput(body.data, ctx);
    return policy.prepare(strapi, actor, sanitized, action, existing);
  };

  return {
    async find(ctx: Context) {
      const who = await requester(ctx);
      if (who.type === 'staff') return core.find(ctx);
      const query = access().restrict(uid, await sanitizedQuery(ctx), who.actor);
      const { results, pagination } = (await strapi.service(uid).find(query as never)) as { results: Doc[]; pagination: unknown };
      return output(ctx, results, { pagination });
    },

    async findOne(ctx: Context) {
      const who = await requester(ctx);
      if (who.type === 'staff') return core.findOne(ctx);
      // As in the core findOne, the record is chosen by its id: filters do not apply.
      const { filters: _ignored, ...query } = await sanitizedQuery(ctx);
      return output(ctx, await ownRecord(who.actor, String(ctx.params.id), query));
    },

    async create(ctx: Context) {
      const who = await requester(ctx);
      if (who.type === 'staff') return core.create(ctx);
      const data = await portalData(ctx, who.actor, 'create');
      const documentId = policy.create
        ? await policy.create(strapi, who.actor, data)
        : String(((await strapi.documents(uid).create({ data } as never)) as Doc).documentId);
      ctx.status = 201;
      return output(ctx, await ownRecord(who.actor, documentId));
    },

    async update(ctx: Context) {
      const who = await requester(ctx);
      if (who.type === 'staff') return core.update(ctx);
      const existing = await ownRecord(who.actor, String(ctx.params.id));
      const data = await portalData(ctx, who.actor, 'update', existing);
      await strapi.documents(uid).update({ documentId: String(existing.documentId), data } as never);
      return output(ctx, await ownRecord(who.actor, String(existing.documentId)));
    },

    async delete(ctx: Context) {
      const who = await requester(ctx);
      if (who.type === 'staff') return core.delete(ctx);
      // Portal accounts never delete: their own record is refused (403), anyone else's is a 404.
      await ownRecord(who.actor, String(ctx.params.id));
      throw new errors.PolicyError(MESSAGES.noDelete);
    },
  };
}

/**
 * A prescriber's writes on its prescriptions: a creation is checked and completed by the filing
 * path (PRESCRIPTION's `create` above); an update only while the workshop has not started on it,
 * and only with one of the structure's own households.
 */
async function preparePrescription(strapi: Core.Strapi, actor: Actor, data: Record<string, unknown>, action: 'create' | 'update', existing?: Doc) {
  if (action === 'create') return data;
  if (!(await stillReceived(strapi, existing))) throw new errors.PolicyError(MESSAGES.prescriptionUnderReview);
  if ('household' in data) await getService(strapi, 'filing').assertOwnHousehold(actor, data.household);
  return data;
}

/** A prescriber edits its form only while it sits at the workflow's first stage (« Reçue »), whatever staff named it. */
async function stillReceived(strapi: Core.Strapi, existing?: Doc): Promise<boolean> {
  const workflows = pipelineWorkflows(strapi);
  const workflow = workflows ? await workflows.forContentType(PRESCRIPTION) : null;
  if (!workflow || workflow.stages.length === 0) return true;
  const first = [...workflow.stages].sort((a, b) => a.position - b.position)[0];
  return existing?.pipelineStage == null || existing.pipelineStage === first.key;
}

/** For a unit handed over to a household, the donor learns the commune, never the household. */
async function presentHandover(strapi: Core.Strapi, docs: Doc[]): Promise<void> {
  const ids = docs.map((d) => d.id).filter((id): id is number => typeof id === 'number');
  if (ids.length === 0) return;
  const rows = (await strapi.db.query(MACHINE).findMany({
    where: { id: { $in: ids } },
    select: ['id'],
    populate: { prescription: { select: ['handedOverAt'], populate: { household: { select: ['commune'] } } } },
  })) as { id: number; prescription?: { handedOverAt?: string | null; household?: { commune?: string } | null } | null }[];
  const byId = new Map(rows.map((r) => [r.id, r.prescription]));
  for (const doc of docs) {
    const prescription = typeof doc.id === 'number' ? byId.get(doc.id) : null;
    doc.handover = prescription?.handedOverAt ? { commune: prescription.household?.commune ?? null } : null;
  }
}
